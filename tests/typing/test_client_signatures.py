"""``@client`` keeps the exact signature for mypy and basedpyright, no plugin.

The case module ``cases/client_signatures.py`` is checked by the real tools.
Every ``# expect-error`` line must be an error in both, every other line must
be clean, and ``reveal_type`` must show the wrapped function's return type.
A mutation test checks that these assertions have teeth: with
``ServerFunction.__call__`` typed ``(*args: Any, **kwargs: Any) -> Any`` the
expected errors disappear, so the signature assertions would fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.typing._tools import run_basedpyright, run_mypy, workdir

CASE = Path(__file__).with_name("cases") / "client_signatures.py"
# A local copy of mizan_core whose ServerFunction.__call__ has lost the signature.
LOSSY_CALL = [(
    "mizan_core/client.py",
    "def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:",
    "def __call__(self, *args: Any, **kwargs: Any) -> Any:",
)]


@dataclass(frozen=True)
class Report:
    errors: dict[int, list[str]]  # 1-based line -> messages
    reveals: dict[int, str]  # 1-based line -> revealed type, normalised


def _expected() -> tuple[set[int], dict[int, str]]:
    errors: set[int] = set()
    reveals: dict[int, str] = {}
    for number, line in enumerate(CASE.read_text().splitlines(), start=1):
        if line.rstrip().endswith("# expect-error"):
            errors.add(number)
        if (match := re.search(r"# reveal: (.+)$", line)) is not None:
            reveals[number] = match.group(1).strip()
    return errors, reveals


def _normalise(type_text: str) -> str:
    return type_text.replace("builtins.", "").strip()


def _workdir(tmp_path: Path, *, mutate: bool) -> Path:
    return workdir(tmp_path, CASE, LOSSY_CALL if mutate else ())


def mypy_report(work: Path) -> Report:
    proc = run_mypy(work, CASE.name)
    errors: dict[int, list[str]] = {}
    reveals: dict[int, str] = {}
    for line in proc.stdout.splitlines():
        match = re.match(rf"{re.escape(CASE.name)}:(\d+):\d+: (error|note): (.*)$", line)
        if match is None:
            continue
        number, kind, message = int(match.group(1)), match.group(2), match.group(3)
        if kind == "error":
            errors.setdefault(number, []).append(message)
        elif (revealed := re.match(r'Revealed type is "(.*)"$', message)) is not None:
            reveals[number] = _normalise(revealed.group(1))
    return Report(errors, reveals)


def basedpyright_report(work: Path) -> Report:
    output = run_basedpyright(work, CASE.name, {"typeCheckingMode": "standard"})
    errors: dict[int, list[str]] = {}
    reveals: dict[int, str] = {}
    for diagnostic in output["generalDiagnostics"]:
        number = diagnostic["range"]["start"]["line"] + 1
        message = diagnostic["message"]
        if diagnostic["severity"] == "error":
            errors.setdefault(number, []).append(message)
        elif (revealed := re.match(r'Type of ".*" is "(.*)"$', message, re.DOTALL)) is not None:
            reveals[number] = _normalise(revealed.group(1))
    return Report(errors, reveals)


TOOLS = {"mypy": mypy_report, "basedpyright": basedpyright_report}


@pytest.fixture(scope="module", params=sorted(TOOLS))
def tool(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture(scope="module")
def report(tool: str, tmp_path_factory: pytest.TempPathFactory) -> Report:
    return TOOLS[tool](_workdir(tmp_path_factory.mktemp(tool), mutate=False))


def test_correct_calls_are_clean_and_wrong_calls_are_errors(report: Report) -> None:
    expected_errors, _ = _expected()
    assert expected_errors, "the case file lost its # expect-error markers"
    unexpected = {n: m for n, m in report.errors.items() if n not in expected_errors}
    missing = sorted(expected_errors - set(report.errors))
    assert not unexpected, f"errors on lines that should be clean: {unexpected}"
    assert not missing, f"no error on lines {missing}: the signature was lost"


def test_reveal_type_shows_the_return_type(report: Report) -> None:
    _, expected_reveals = _expected()
    assert report.reveals == expected_reveals


def test_the_check_fails_when_the_signature_is_lost(
    tool: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    mutant = TOOLS[tool](_workdir(tmp_path_factory.mktemp(f"{tool}-mutant"), mutate=True))
    expected_errors, expected_reveals = _expected()
    argument_errors = expected_errors - {_line_of("wrong_result")}
    assert not argument_errors & set(mutant.errors), mutant.errors
    assert mutant.reveals != expected_reveals


def _line_of(marker: str) -> int:
    for number, line in enumerate(CASE.read_text().splitlines(), start=1):
        if line.startswith(marker):
            return number
    raise AssertionError(marker)
