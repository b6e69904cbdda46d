"""The real TypeScript compiler over the generated output of every project.

`tsc --strict` (plus noUnusedLocals, noUncheckedIndexedAccess,
exactOptionalPropertyTypes: settings demanding projects use) over each
project's output and its hand-written consumer `tests/ts/consumers/<name>.tsx`,
which uses every hook and holds `// @ts-expect-error` lines for wrong
argument names, wrong types and missing arguments. An `@ts-expect-error` that
is not an error is itself an error (TS2578), so zero errors means both: the
good calls type-check and the bad ones are refused.
"""

from __future__ import annotations

import re

from ._projects import TS, project_names
from ._tsc import build_project, run_tool


def test_tsc_strict_accepts_every_output_and_refuses_every_misuse() -> None:
    consumers = TS / "consumers"
    missing = [p for p in project_names() if not (consumers / f"{p}.tsx").is_file()]
    assert not missing, f"every project needs a consumer: write tests/ts/consumers/{missing[0]}.tsx"
    for project in project_names():
        text = (consumers / f"{project}.tsx").read_text(encoding="utf-8")
        expected_errors = text.count("@ts-expect-error")
        assert expected_errors >= 3, f"{project}.tsx must prove misuse is refused"
        build_project(project)
    done = run_tool("tsc", "-p", "tsconfig.json", "--strict", "--noEmit", "--pretty", "false")
    errors = [line for line in done.stdout.splitlines() if re.search(r"error TS\d+", line)]
    assert done.returncode == 0 and not errors, "tsc reported:\n" + done.stdout + done.stderr


def test_tsc_version_is_5_or_later() -> None:
    done = run_tool("tsc", "--version")
    major = int(re.search(r"Version (\d+)", done.stdout).group(1))  # type: ignore[union-attr]
    assert major >= 5
