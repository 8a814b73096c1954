"""What was printed: the clean articles and page furniture a degraded page is made from.

``ArticleSpec`` and ``PageSpec`` are the truth a property compares a cleaner's
output with: paragraphs as printed without line breaks, the headline group,
dateline and bylines, captions and credits, closing lines, and the page's
furniture. Plain frozen dataclasses with no dependency beyond the standard
library, so a downstream project can build its own by hand. They do not know
how a page is damaged (``degrade``) or drawn at random (``strategies``).

>>> art = ArticleSpec(("本报讯（记者 张伟）7月28日晚，星海市首条公交线路开通。",),
...                   headline="星海首条公交线路开通", dateline="本报讯",
...                   bylines=(("记者", ("张伟",)),))
>>> art.head_lines()
[('headline', '星海首条公交线路开通')]
>>> page = PageSpec((art,), running_head=("星海日报", "第1版　要闻"))
>>> page.paragraphs()
[['本报讯（记者 张伟）7月28日晚，星海市首条公交线路开通。']]
>>> page.furniture()
['星海日报', '第1版　要闻']
"""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ArticleSpec:
    """One clean article as printed.

    ``paragraphs`` are the body paragraphs; an opening dateline and bracketed
    byline stay in the first one (``dateline`` and ``bylines`` repeat them as
    metadata). ``byline_line`` is a byline printed on a line of its own above
    the body; ``captions``/``credits`` belong to one photo, printed above the
    body when ``figure_first`` is set and after it otherwise.
    """
    paragraphs: tuple[str, ...]
    headline: str | None = None
    kicker: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    bylines: tuple[tuple[str, tuple[str, ...]], ...] = ()
    byline_line: str | None = None
    captions: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    figure_first: bool = False
    closing: tuple[str, ...] = ()
    continued_to: str | None = None
    lang: str = "zh-Hans"

    def head_lines(self) -> list[tuple[str, str]]:
        """The headline group as printed, top to bottom: (role, text)."""
        roles = (("kicker", self.kicker), ("headline", self.headline),
                 ("subheadline", self.subheadline))
        return [(role, text) for role, text in roles if text]

    @property
    def text(self) -> str:
        """The body paragraphs joined by a line break (as ``reflow.Article.text``)."""
        return "\n".join(self.paragraphs)

    def all_text(self) -> list[str]:
        """Every printed string of the article, each once."""
        out = [t for _, t in self.head_lines()]
        out += [self.byline_line] if self.byline_line else []
        out += list(self.paragraphs) + list(self.captions) + list(self.credits)
        out += list(self.closing) + ([self.continued_to] if self.continued_to else [])
        return out


@dataclass(frozen=True)
class PageSpec:
    """A page: its articles in reading order and its furniture.

    ``running_head`` lines are printed above the articles, ``running_foot``
    lines (staff lines, a page number) below them.
    """
    articles: tuple[ArticleSpec, ...]
    running_head: tuple[str, ...] = ()
    running_foot: tuple[str, ...] = ()
    lang: str = "zh-Hans"

    def paragraphs(self) -> list[list[str]]:
        """The body paragraphs of each article."""
        return [list(a.paragraphs) for a in self.articles]

    def furniture(self) -> list[str]:
        """The furniture strings, each once, as ``reflow.Document.furniture`` should hold them."""
        return list(self.running_head) + list(self.running_foot)

    def all_text(self) -> list[str]:
        """Every printed string of the page."""
        out = list(self.running_head)
        for art in self.articles:
            out += art.all_text()
        return out + list(self.running_foot)

    def with_articles(self, articles) -> "PageSpec":
        return replace(self, articles=tuple(articles))


__all__ = ["ArticleSpec", "PageSpec"]
