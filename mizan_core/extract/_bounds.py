"""What a file must stay within before libcst sees it, and its text.

libcst's native parser is not safe on every input Python accepts or nearly
accepts: about 2,000 nested brackets overflow its stack (the process dies),
long operator chains take quadratic time (5,000 terms of `1+1+...`: half a
minute), and its cost per syntax node is about 100 times `ast.parse`'s. So
a file is measured first with Python's own parser (C, no such limits):

- at most `MAX_BYTES` of text (a larger file is not read further);
- at most `MAX_NODES` syntax nodes (which bounds libcst's time, about 10 s on
  one core at the limit in the worst case; ordinary code that size is about
  500 kB);
- at most `MAX_DEPTH` levels of nesting (statements, brackets and operator
  chains together; Python itself refuses 200 nested brackets).

When Python rejects the text (a syntax error, or syntax newer than the
running Python, which libcst still reads), the same bounds are checked on its
tokens: brackets, operators in one logical line, token count.

The text is decoded as Python does (PEP 263): a `# -*- coding: latin-1 -*-`
file is read as latin-1, a UTF-8 BOM is dropped.
"""

from __future__ import annotations

import ast
import codecs
import io
import re
import tokenize
import warnings
from collections.abc import Iterable

from mizan_core.rules.sites import Span

from ._files import MAX_BYTES

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "checked", "decode_source", "encode_source", "is_refusal",
           "pieces_too_big", "statement_size", "too_big"]

MAX_NODES = 100_000
MAX_DEPTH = 200
_MAX_BRACKETS = MAX_DEPTH  # Python itself refuses 200

# PEP 263: a coding declaration on one of the first two lines.
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
_CODING_TEXT = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
_START = Span(1, 1, 1, 2)


def _declared(head: bytes) -> str | None:
    for line in head.split(b"\n", 2)[:2]:
        found = _CODING.match(line)
        if found is not None:
            return found.group(1).decode("ascii", "replace")
        if line.strip() and not line.lstrip().startswith(b"#"):
            return None  # the declaration must come before any code
    return None


def decode_source(data: bytes) -> str:
    """The text of a source file (as UTF-8 when the declared encoding is
    unknown: what does not decode is replaced, and whatever then fails to
    parse is reported as a syntax error)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", "replace")
    name = _declared(data[:1024])
    if name is None:
        return data.decode("utf-8", "replace")
    try:
        return data.decode(codecs.lookup(name).name, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def encode_source(text: str) -> bytes:
    """An editor buffer as the bytes the file would hold, so that
    `decode_source` gives the same text back (and an unchanged buffer has
    the file's digest)."""
    for line in text.split("\n", 2)[:2]:
        found = _CODING_TEXT.match(line)
        if found is not None:
            try:
                return text.encode(codecs.lookup(found.group(1)).name, "replace")
            except LookupError:
                break
        if line.strip() and not line.lstrip().startswith("#"):
            break
    return text.encode("utf-8", "surrogatepass")


# What each refusal's message starts with: a file refused for its size or
# shape, not for a mistake its author is typing.
_REFUSALS = ("file too large to read", "too deeply nested to read", "too complex to read")


def is_refusal(message: str) -> bool:
    """Whether a `read_module` syntax error is one of `too_big`'s refusals."""
    return message.startswith(_REFUSALS)


def too_big(text: str, mode: str = "exec") -> tuple[str, Span] | None:
    """Why `text` must not be given to libcst, or None when it may be."""
    return checked(text, mode)[0]


def checked(text: str, mode: str = "exec") -> tuple[tuple[str, Span] | None, ast.AST | None]:
    """`too_big(text, mode)`, and the tree Python's parser gave on the way
    (None when it gave none): positions are read from it."""
    if len(text) > MAX_BYTES:
        return (f"file too large to read (the limit is {MAX_BYTES // (1024 * 1024)} MB)",
                _START), None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings about the user's code are not ours
            tree = compile(text, "<mizan>", mode, flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        return _by_tokens(text, error), None
    except (RecursionError, MemoryError):
        return _too_deep(None), None
    return _by_tree(tree), tree


def _too_deep(line: int | None) -> tuple[str, Span]:
    where = Span(line, 1, line, 2) if line else _START
    return f"too deeply nested to read (more than {MAX_DEPTH} levels)", where


def _too_many() -> tuple[str, Span]:
    return f"too complex to read (more than {MAX_NODES:,} syntax nodes)", _START


def _by_tree(tree: ast.AST) -> tuple[str, Span] | None:
    # Level by level: a list per level, no tuple per node (2.5x a stack walk).
    level, depth, count = [tree], 0, 0
    children = ast.iter_child_nodes
    while level:
        depth += 1
        count += len(level)
        if depth > MAX_DEPTH:
            return _too_deep(next((n.lineno for n in level if hasattr(n, "lineno")), None))
        if count > MAX_NODES:
            return _too_many()
        below: list[ast.AST] = []
        add = below.extend
        for node in level:
            add(children(node))
        level = below
    return None


def statement_size(text: str) -> tuple[int, int] | None:
    """(syntax nodes, levels of nesting) of a piece of a file, its module node
    not counted (each stops growing past its bound), or None when Python does
    not parse the piece on its own."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = compile(text, "<mizan>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    level, depth, count = list(ast.iter_child_nodes(tree)), 0, 0
    children = ast.iter_child_nodes
    while level and depth <= MAX_DEPTH and count <= MAX_NODES:
        depth += 1
        count += len(level)
        below: list[ast.AST] = []
        add = below.extend
        for node in level:
            add(children(node))
        level = below
    return count, depth


def pieces_too_big(sizes: Iterable[tuple[int, int]]) -> bool:
    """Whether `too_big` refuses a file made of pieces of these `statement_size`s
    (its module node holds all their statements)."""
    count, depth = 1, 1
    for nodes, levels in sizes:
        count += nodes
        depth = max(depth, levels + 1)
    return count > MAX_NODES or depth > MAX_DEPTH


_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
# what chains: `a + b + ...`, `a.b.c...`, `- - 1`; not `,` `:` `=` (a long literal is flat)
_CHAINING = frozenset(["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "~", "<",
                       ">", "<=", ">=", "==", "!=", ".", "@"])


def _by_tokens(text: str, error: SyntaxError | ValueError) -> tuple[str, Span] | None:
    brackets = operators = count = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            count += 1
            if count > MAX_NODES:
                return _too_many()
            if token.type == tokenize.OP:
                if token.string in _OPEN:
                    brackets += 1
                    if brackets > _MAX_BRACKETS:
                        return _too_deep(token.start[0])
                elif token.string in _CLOSE:
                    brackets = max(0, brackets - 1)
                elif token.string in _CHAINING:
                    operators += 1
                    if operators > MAX_DEPTH:
                        return _too_deep(token.start[0])
            elif token.type == tokenize.NEWLINE:
                operators = 0
    except (tokenize.TokenError, SyntaxError, ValueError, RecursionError, MemoryError):
        # Not even tokens: what follows cannot be measured, so libcst does not
        # see it either; Python's message says what is wrong.
        if isinstance(error, SyntaxError) and error.lineno:
            line, column = error.lineno, max(1, error.offset or 1)
            return error.msg, Span(line, column, line, column + 1)
        return str(error) or "cannot be read", _START
    return None
