"""reflow: raw text of Chinese newspaper pages in, clean structured articles out.

The names below are loaded on first use, so that ``import reflow`` (and the
pytest plugin of ``reflow.testing``) costs nothing until reflow is used.

>>> import reflow
>>> doc = reflow.clean("本报讯（记者 张伟）7月 28日晚，北\\n京智谱发布新模型GLM-\\n4.5。")
>>> doc.articles[0].text
'本报讯（记者 张伟）7月28日晚，北京智谱发布新模型GLM-4.5。'
>>> print(reflow.write(doc, "md"), end="")
本报讯（记者 张伟）7月28日晚，北京智谱发布新模型GLM-4.5。
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_LAZY = {
    "clean": ".pipeline", "clean_file": ".pipeline", "clean_issue": ".pipeline",
    "InputError": ".pipeline", "RuleError": ".pipeline",
    "write": ".writers", "write_many": ".writers", "FORMATS": ".writers",
    "Options": ".engine", "Document": ".model", "Article": ".model",
    "load_rules": ".rules",
}
__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError("module 'reflow' has no attribute %r" % name)
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
