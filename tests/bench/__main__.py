from __future__ import annotations

import argparse
import compileall
import importlib
import os
import pkgutil
import sys
from pathlib import Path

from ._report import Row, print_table


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("areas", nargs="*", help="only these areas (module bench_<area>)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    here = Path(__file__).parent
    # Users' Python caches bytecode (pip compiles what it installs): a machine
    # that says PYTHONDONTWRITEBYTECODE would make every measured process
    # compile Mizan's modules from source, a cost no user pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for package in ("mizan_core", "mizan_django", "mizan_mypy", "mizan_lsp"):
        compileall.compile_dir(here.parents[1] / package, quiet=1)
    names = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)])
                   if m.name.startswith("bench_"))
    rows: list[Row] = []
    failed = False
    for area in names:
        if args.areas and area not in args.areas:
            continue
        module = importlib.import_module(f"tests.bench.bench_{area}")
        print(f"== {area}", file=sys.stderr, flush=True)
        try:
            rows.extend(module.run(args.quick))
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            print(f"benchmark {area} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed = True
    print_table(rows)
    return 1 if failed else 0


raise SystemExit(main())
