"""reflow.testing: hypothesis strategies for realistic broken newspaper pages, and the
properties a cleaner must keep.

For reflow's own suite and for corpus projects that test their own cleaning
steps (install with ``pip install 'reflow[testing]'``):

- ``strategies``: clean Chinese news text from a small grammar (sentences,
  paragraphs, headline groups, articles, pages with furniture), Simplified or
  Traditional, and ``degraded_pages``: pages wrapped into columns and damaged;
- ``degrade``: the damage itself as plain functions (``wrap``, ``letter_space``,
  ``ocr_spaces``, ``blank_lines``, ``headline_after_body``,
  ``running_heads_inside``, ``columns``), each recording what it destroyed;
- ``spec``: the truth, ``ArticleSpec`` and ``PageSpec``;
- ``properties``: ``assert_recovers``, ``assert_hyphens``, ``assert_idempotent``,
  ``assert_han_accounted``, ``assert_valid_tei``, ``assert_trace_replays``,
  ``assert_never_raises``, ``within`` …;
- ``profiles``: the hypothesis profiles ``ci`` and ``thorough``;
- ``plugin``: the pytest plugin (fixtures, ``--reflow-profile``).

Names are loaded on first use, so ``import reflow.testing`` (and the pytest
plugin) import neither hypothesis nor the cleaner until a test needs them.

>>> import reflow
>>> from reflow.testing import wrap, ArticleSpec, PageSpec, assert_recovers
>>> page = PageSpec((ArticleSpec(("本报讯（记者 张伟）7月28日晚，星海市首条自动驾驶公交线路开通运营。"
...                               "全程12.6公里，设站18座，乘客可以通过手机App查看实时信息。",
...                               "据介绍，线路采用了digital twin（数字孪生）技术。"),
...                              headline="星海首条自动驾驶公交线路开通"),), running_head=("星海日报",))
>>> d = wrap(page, width=12, indent="spaces")
>>> print(d.raw, end="")
星海日报
星海首条自动驾驶公交线路开通
　　本报讯（记者 张伟）7
月28日晚，星海市首条自动
驾驶公交线路开通运营。全
程12.6公里，设站18座，乘
客可以通过手机App查看实
时信息。
　　据介绍，线路采用了
digital twin（数字孪生）
技术。
>>> assert_recovers(reflow.clean(d.raw), d)
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "ArticleSpec": "spec", "PageSpec": "spec",
    "wrap": "degrade", "letter_space": "degrade", "ocr_spaces": "degrade",
    "blank_lines": "degrade", "headline_after_body": "degrade",
    "running_heads_inside": "degrade", "columns": "degrade", "Degraded": "degrade",
    "Damage": "degrade",
    "sentences": "strategies", "paragraphs": "strategies", "headline_groups": "strategies",
    "articles": "strategies", "running_heads": "strategies", "pages": "strategies",
    "degraded_pages": "strategies", "example": "strategies", "to_traditional": "strategies",
    "assert_recovers": "properties", "assert_paragraphs": "properties",
    "assert_furniture_removed": "properties", "assert_hyphens": "properties", "assert_idempotent": "properties",
    "assert_han_accounted": "properties", "assert_valid_tei": "properties",
    "assert_trace_replays": "properties", "assert_never_raises": "properties",
    "within": "properties", "Hang": "properties",
    "register_profiles": "profiles", "suite_settings": "profiles",
}
_MODULES = ("spec", "degrade", "strategies", "properties", "profiles", "vocab")

__all__ = sorted(_EXPORTS) + list(_MODULES)


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module("." + name, __name__)
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError("module 'reflow.testing' has no attribute %r" % name)
    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
