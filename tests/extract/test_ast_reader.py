"""A file read from the standard library's tree gives exactly libcst's facts.

`_ast_reader` reads a whole file without libcst and gives up (None) where
it cannot be exact; these tests hold its facts to the libcst reader's on
every fixture, on the Django package installed beside the tests, on a
synthetic project, and on the constructs where the two trees differ
(parentheses, tuples, strings, suites on the colon's line, `elif`), and
check that it rarely gives up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import django
import libcst
import pytest

from mizan_core.extract import module as libcst_reader
from mizan_core.extract._ast_reader import read
from mizan_core.extract._bounds import checked, decode_source
from mizan_core.extract.facts import ModuleFacts
from tests.bench.synth import write_project

from ._hostile import GOOD, HOSTILE_SOURCES

ROOT = Path(__file__).resolve().parents[2]
DJANGO = Path(django.__file__).parent
FIXTURES = sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "examples").rglob("*.py")])


def _both(text: str, module: str = "app.views",
          is_package: bool = False) -> tuple[ModuleFacts | None, ModuleFacts]:
    """(the fast read, or None when it gave up; libcst's read)."""
    refused, tree = checked(text)
    if refused is not None:
        return None, libcst_reader._read_whole(text, module, is_package)
    fast = None if tree is None else read(text, tree, module, is_package)
    return fast, libcst_reader._read_tree(text, module, is_package, tree)


def _assert_same(fast: ModuleFacts, reference: ModuleFacts, where: object) -> None:
    assert fast == reference, where
    # in the same order too: the cache stores them so
    for name in ("functions", "classes", "assigns"):
        assert list(getattr(fast, name)) == list(getattr(reference, name)), (where, name)


def _parity(paths: list[Path], module_of: Callable[[Path], str] = lambda p: "app." + p.stem) -> tuple[int, int]:
    """(files read, files the fast read gave up on); fails on any difference."""
    read_count = gave_up = 0
    for path in paths:
        text = decode_source(path.read_bytes())
        is_package = path.name == "__init__.py"
        fast, reference = _both(text, module_of(path), is_package)
        read_count += 1
        if fast is None:
            gave_up += 1
        else:
            _assert_same(fast, reference, path)
    return read_count, gave_up


def test_every_fixture_reads_the_same() -> None:
    count, gave_up = _parity(FIXTURES)
    assert count > 300
    assert gave_up <= count // 20


def test_the_hostile_sources_read_the_same() -> None:
    for kind, text in [("good", GOOD), *HOSTILE_SOURCES.items()]:
        fast, reference = _both(text)
        if fast is not None:
            _assert_same(fast, reference, kind)


def test_django_reads_the_same_and_rarely_gives_up() -> None:
    paths = sorted(DJANGO.rglob("*.py"))
    count, gave_up = _parity(paths, lambda p: ".".join(
        p.relative_to(DJANGO.parent).with_suffix("").parts))
    assert count > 800
    assert gave_up <= count // 10, f"{gave_up} of {count} files left to libcst"


def test_a_synthetic_project_never_needs_libcst(tmp_path: Path) -> None:
    root = write_project(tmp_path, 300)
    paths = sorted(root.rglob("*.py"))
    count, gave_up = _parity(paths, lambda p: ".".join(
        p.relative_to(root).with_suffix("").parts))
    assert count > 60
    assert gave_up == 0


def test_a_cold_read_does_not_parse_with_libcst(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("libcst parsed the file")

    monkeypatch.setattr(libcst, "parse_module", refuse)
    facts = libcst_reader._read_whole(GOOD, "shop.clients", False)
    assert facts.syntax_error is None
    assert facts.functions


_HEAD = "from mizan_django import client, register, mizan_clients\n"

#: (name, source, whether the fast read must take it)
CASES: list[tuple[str, str, bool]] = [
    ("parenthesized annotations", _HEAD + "@client\ndef f(request, a: (int), b: (list[int]) = (1),"
     " *c: (str), **d: (int)) -> (str):\n    ...\nX: (int) = (1)\n", True),
    ("tuples in subscripts", ("X: tuple[(int, str)] = (1, 'a')\nY: dict[str, int] = {}\n"
     "Z: tuple[int, ...] = ()\nW: a[()] = b[(1,)]\nV: a[1,] = b[1, 2,]\n"), True),
    ("slices", "X = a[1:2]\nY: b[1:2, ::3] = c[::]\nZ = d[1:2][3]\n", True),
    ("starred subscripts", "X: a[*b] = 1\nY: a[*b, c] = 2\n", False),
    ("star args", _HEAD + "register(*fns)\nregister(f, **kw)\n@client(*a)\n"
     "def f(request, *args: int, **kwargs: str) -> None:\n    ...\nX = [*a, b]\nY = {**a, 'b': 1}\n",
     True),
    ("f-strings", ('A = f"x{y}"\nB = "a" f"b"\nC = f"a" "b"\nD = (f"a"\n     f"b{c!r:>3}")\n'
     '@dec(f"{x}", rf"\\"{y}")\ndef g(): ...\n'), True),
    ("bytes and strings", ('A = b"x"\nB = b"a" b"b"\nC = "a" "b"\nD = u"x"\nE = r"\\d" """x"""\n'
     "F = ('a'\n     'b')\n"), True),
    ("complex numbers", "A = 1j\nB = -1j\nC = 1 + 2j\nD = [1.5e3, 0x10, 1_000, 0o7]\n", True),
    ("negative numbers", ("A = -1\nB = -1.5\nC = -(1)\nD = - 1\nE = -True\nF = +1\nG = --1\n"
     "H = -(-1)\nI = ~1\nJ = not 1\n"), True),
    ("async", _HEAD + "@client\nasync def f(request) -> int:\n    async with a as b:\n"
     "        import inside\n    async for x in y:\n        pass\n"
     "class C:\n    async def m(self) -> int: ...\n    def n(self) -> 'C': ...\n", True),
    ("elif and else-if", ("import sys\nfrom typing import TYPE_CHECKING\n"
     "if sys.version_info >= (3, 11):\n    from a import X\nelif TYPE_CHECKING:\n    from b import X\n"
     "else:\n    from c import X\nif cond:\n    from a import Y\nelse:\n    if TYPE_CHECKING:\n"
     "        from b import Y\n    from c import Y\n    Z = 1\nif a: from d import W\n"
     "elif b: from e import W\nelse: W = 2\n"), True),
    ("try", ("try:\n    from a import A\nexcept ImportError:\n    from b import A\n    B = 1\n"
     "except (KeyError, ValueError) as e:\n    A = None\nelse:\n    C = 2\nfinally:\n    D = 3\n"
     "try:\n    from a import E\nexcept* ValueError:\n    from b import E\ntry: import F\n"
     "except ImportError: F = None\n"), True),
    ("with", "with a:\n    from x import A\nwith a, b as c:\n    def f(): ...\nwith a: B = 1\n",
     True),
    ("type checking", ("import typing\nif typing.TYPE_CHECKING:\n    from a import A\nelse:\n"
     "    A = object\nif TYPE_CHECKING: from b import B\nfrom c import B\n"), True),
    ("decorators with parentheses", "@ dec . attr ( 1 )\ndef f(): ...\n@(dec)\ndef g(): ...\n", False),
    ("decorator calls", "@dec(1)(2)\n@other\nclass C: ...\n@a.b[1]\ndef f(x, /, y=2, *, z): ...\n",
     True),
    ("non-ASCII text", ('NAME = "héllo wörld"\n@client\ndef grüße(request, ä: "Ärger" = "ö",'
     ' *, ü: int = 1) -> "Ü":\n    """Dòc."""\nclass Ñ:\n    é: "ü" = "ä"\n'), True),
    ("a name Python normalises", "ﬁ = 1\n", False),
    ("CRLF line ends", (_HEAD + '@client\r\ndef f(request, a: int = (1,\r\n    2)) -> str:\r\n'
     '    """Doc\r\n    more."""\r\nclass C(Base):\r\n    x: int = 1\r\n').replace("\r\n", "\n").replace("\n", "\r\n"),
     True),
    ("class keywords", ("class C(Base, *more, metaclass=M, **kw):\n    x: int\n"
     "class D(): pass\nclass E: x = 1; y: int = 2\nclass \\\n    F: ...\n"), True),
    ("type parameters", "class C[T](Base):\n    x: T\ntype Alias = list[int]\n", False),
    ("docstrings", ('def f():\n    "a" "b"\nclass A:\n    "a" "b"\nclass B:\n    f"doc"\n'
     'class C:\n    b"doc"\nclass D:\n    """\n    Indented.\n\n      More.\n    """\n'
     'class E:\n    ("paren"\n     "thesized")\nclass F: "one line"\nclass G:\n    1\n'
     '@dec\ndef g(): "doc"\n'), True),
    ("statement lines", ("import a; import b\nimport c;\nimport d\nX = 1; Y = 2\n"
     "from e import f as g, h; from . import i\n"), True),
    ("continued statement lines", "import a; \\\n    import b\n", False),
    ("discovered apps", ('mizan_clients("a", "b" "c", *x, app="d", **k)\n'
     'mod.mizan_clients(b"e", f"g", ("h"))\ndef f():\n    mizan_clients("i")\n'), True),
    ("tuples", ("A = 1, 2,\nB = (1, 2,)\nC = ((1, 2), 3)\nD = (\n    1,\n    2,\n)\nE = ()\n"
     "F = ((1, 2))\nG = 1,\nH = (1, (2, 3))\nI = (1,  # c\n     2)\n"), True),
    ("parenthesized tuple elements", "A = ((a), b)\nB = (a, (b))\nC = (((1, 2)), 3)\n", False),
    ("generator expressions", "register(x for x in y)\n", False),
    ("relative imports", ("from .. import a\nfrom ...x import *\nfrom . import b as c\n"
     "from .d.e import f\n"), True),
    ("nested classes", ("class A:\n    class B:\n        class C:\n            x: int = 1\n"
     "        def m(self) -> 'A.B': ...\n    y: 'A.B.C'\n"), True),
    ("comments in a parameter list", ("@dec\ndef f(  # c\n    a,  # d\n    b: int = 1,\n"
     "    # e\n):\n    ...\n@dec\ndef g( ): ...\n@dec\ndef h(\n): ...\n"), True),
    ("rebinding in handlers", ("def f(): ...\ntry:\n    from a import f\nexcept ImportError:\n"
     "    def f(): ...\n    class f: ...\nclass K: ...\nif x:\n    K = 1\nelse:\n    class K: ...\n"),
     True),
    ("star imports and ranks", "from a import *\nX = 1\nfrom b import *\ndef X(): ...\n", True),
    ("lambdas, dicts, calls", _HEAD + "A = lambda x: x\nB = {1: 2, 'a': [3]}\n"
     "register(f, 'name', auth=lambda r: True, affects=[g, 'h'])\nC = {a, b}\nD = a if b else c\n"
     "E = [x for x in y]\n", True),
    ("yield", "F = (yield)\n", False),
    ("walrus and comparisons", ("A = (b := 1)\nB = a < b\nC = a and b or c\nD = a | b | None\n"
     "E = a @ b\n"), True),
]


@pytest.mark.parametrize(("name", "source", "fast"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("is_package", [False, True])
def test_a_construct_reads_the_same(name: str, source: str, fast: bool, is_package: bool) -> None:
    found, reference = _both(source, "app.sub.views", is_package)
    if found is not None:
        _assert_same(found, reference, name)
    assert (found is not None) == fast, f"{name}: the fast read {'gave up' if fast else 'took it'}"
    # whichever reader answers, read_module gives libcst's facts
    _assert_same(libcst_reader._read_whole(source, "app.sub.views", is_package), reference, name)
