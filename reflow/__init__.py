"""reflow: raw text of Chinese newspaper pages in, clean structured articles out.

>>> import reflow
>>> doc = reflow.clean("本报讯（记者 张伟）7月 28日晚，北\\n京智谱发布新模型GLM-\\n4.5。")
>>> doc.articles[0].text
'本报讯（记者 张伟）7月28日晚，北京智谱发布新模型GLM-4.5。'
>>> print(reflow.write(doc, "md"), end="")
本报讯（记者 张伟）7月28日晚，北京智谱发布新模型GLM-4.5。
"""
from __future__ import annotations

__version__ = "0.1.0"

from .engine import Options  # noqa: E402
from .model import Article, Document  # noqa: E402
from .pipeline import InputError, RuleError, clean, clean_file, clean_issue  # noqa: E402
from .rules import load_rules  # noqa: E402
from .writers import FORMATS, write, write_many  # noqa: E402

__all__ = ["clean", "clean_file", "clean_issue", "write", "write_many", "Options", "Document", "Article",
           "InputError", "RuleError", "load_rules", "FORMATS", "__version__"]
