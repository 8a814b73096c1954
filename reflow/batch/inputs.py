"""The inputs of ``reflow batch``: files, folders and globs, found in a deterministic order.

Holds ``Input`` (a file, the name it goes by in the output, its size and
mtime), ``common_root`` and ``discover``, which walks folders lazily and
expands globs, both in sorted order. It does not open or clean a file:
``worker`` does.
"""
from __future__ import annotations

import fnmatch
import glob
import os
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from ..read import InputError

DEFAULT_INCLUDE = ("*.txt", "*.hocr")


class Input(NamedTuple):
    """One input file: where to read it and the name it goes by in the output."""
    path: str                   # as found, to open
    name: str                   # relative to the inputs' common root, with "/"
    size: int
    mtime_ns: int


def _glob_root(pattern: str) -> str:
    """The folder a glob pattern starts from: its leading parts without magic."""
    parts = Path(pattern).parts
    keep = []
    for part in parts:
        if glob.has_magic(part):
            break
        keep.append(part)
    return str(Path(*keep)) if keep else "."


def _roots(args: Iterable[str]) -> list[tuple[str, str]]:
    """(kind, root) of each INPUT argument: file, dir or glob."""
    out = []
    for a in args:
        if os.path.isdir(a):
            out.append(("dir", a))
        elif os.path.exists(a) or not glob.has_magic(a):
            out.append(("file", a))
        else:
            out.append(("glob", a))
    return out


def common_root(args: Iterable[str]) -> str:
    """The folder that names are relative to: the common ancestor of the inputs.

    >>> common_root(["pages/g01/a.txt", "pages/g02"]) == os.path.abspath("pages")
    True
    """
    tops = []
    for kind, a in _roots(args):
        top = a if kind == "dir" else _glob_root(a) if kind == "glob" else os.path.dirname(a)
        tops.append(os.path.abspath(top or "."))
    return os.path.commonpath(tops) if tops else os.path.abspath(".")


def _walk(folder: str, include: tuple[str, ...], skip: str | None) -> Iterator[str]:
    """Files under a folder in sorted order, lazily; hidden entries and the
    output folder are left out; symlinked folders are not followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir(follow_symlinks=False):
            if skip is None or os.path.realpath(e.path) != skip:
                yield from _walk(e.path, include, skip)
        elif any(fnmatch.fnmatchcase(e.name, p) for p in include):
            yield e.path


def discover(args: Iterable[str], include: Iterable[str] = DEFAULT_INCLUDE,
             skip: str | os.PathLike | None = None) -> Iterator[Input]:
    """The input files named by files, folders and globs, in a deterministic order.

    Arguments keep their order; a folder is walked and a glob expanded in
    sorted order (code points, not the locale). A named file is taken whatever
    its suffix; inside folders only names matching ``include`` are. A missing
    argument raises ``InputError``.
    """
    args = list(args)
    include = tuple(include)
    root = common_root(args)
    skip = os.path.realpath(skip) if skip is not None else None
    for kind, a in _roots(args):
        if kind == "dir":
            paths: Iterable[str] = _walk(a, include, skip)
        elif kind == "glob":
            paths = sorted(p for p in glob.glob(a, recursive=True) if os.path.isfile(p))
            if not paths:
                raise InputError("%s: no file matches" % a)
            if skip is not None:        # never the outputs of this very run
                paths = [p for p in paths
                         if not os.path.realpath(p).startswith(skip + os.sep)]
        elif not os.path.exists(a):
            raise InputError("%s: no such file or directory" % a)
        else:
            paths = [a]
        for p in paths:
            name = os.path.relpath(os.path.abspath(p), root).replace(os.sep, "/")
            try:
                st = os.stat(p)
            except OSError:     # vanished or unreadable: the worker reports why
                yield Input(p, name, 0, 0)
                continue
            yield Input(p, name, st.st_size, st.st_mtime_ns)

