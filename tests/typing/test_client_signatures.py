"""``@client`` keeps the exact signature for mypy and basedpyright, no plugin.

The case module ``cases/client_signatures.py`` is checked by the real tools.
Every ``# expect-error`` line must be an error in both, every other line must
be clean, and ``reveal_type`` must show the wrapped function's return type.
A mutation test checks that these assertions have teeth: with
``ServerFunction.__call__`` typed ``(*args: Any, **kwargs: Any) -> Any`` the
expected errors disappear, so the signature assertions would fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE = Path(__file__).with_name("cases") / "client_signatures.py"
BIN = Path(sys.executable).parent
BASEDPYRIGHT = BIN / "basedpyright"


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
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(CASE, work / CASE.name)
    if mutate:
        # A local copy of mizan_core whose ServerFunction.__call__ has lost the
        # signature; both tools resolve the local folder before ROOT.
        copy = work / "mizan_core"
        shutil.copytree(ROOT / "mizan_core", copy, ignore=shutil.ignore_patterns("__pycache__"))
        source = (copy / "client.py").read_text()
        lossy = source.replace(
            "def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:",
            "def __call__(self, *args: Any, **kwargs: Any) -> Any:",
        )
        assert lossy != source, "the mutation no longer applies; update this test"
        (copy / "client.py").write_text(lossy)
    return work


def run_mypy(work: Path) -> Report:
    # MYPYPATH wins over the sources' own folder, so list the work folder (which
    # may hold a mutated mizan_core) before ROOT.
    env = {**os.environ, "MYPYPATH": os.pathsep.join([str(work), str(ROOT)])}
    proc = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--no-incremental",
            "--cache-dir", os.devnull, "--show-column-numbers", "--no-error-summary",
            "--config-file", os.devnull, "--python-executable", sys.executable, CASE.name,
        ],
        cwd=work, env=env, capture_output=True, text=True, timeout=240, check=False,
    )
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
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return Report(errors, reveals)


def run_basedpyright(work: Path) -> Report:
    (work / "pyrightconfig.json").write_text(
        json.dumps({"typeCheckingMode": "standard", "extraPaths": [str(ROOT)]})
    )
    proc = subprocess.run(
        [str(BASEDPYRIGHT), "--outputjson", "--pythonpath", sys.executable, "--project",
         str(work), str(work / CASE.name)],
        cwd=work, capture_output=True, text=True, timeout=240, check=False,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    output = json.loads(proc.stdout)
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


TOOLS = {"mypy": run_mypy, "basedpyright": run_basedpyright}


@pytest.fixture(scope="module", params=sorted(TOOLS))
def tool(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name == "basedpyright" and not BASEDPYRIGHT.exists():
        pytest.fail(f"basedpyright is not installed at {BASEDPYRIGHT} (dev extra)")
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
