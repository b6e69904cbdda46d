"""Annotations as the runtime reads them (``mizan_django._hints``): one that
cannot be resolved never switches validation off, ``TYPE_CHECKING``-only
imports under postponed annotations resolve as the static side reads them,
and what still cannot resolve stops the server (system check ``mizan.E008``).

Each project is written to disk and served by a fresh Django process
(``_boot_app``): the registry is process-wide and these apps must not leak
into the test app's."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl

ROOT = Path(__file__).resolve().parents[2]

APPS = """
from django.apps import AppConfig


class Config(AppConfig):
    name = "{app}"

    def ready(self):
        from mizan_django import mizan_clients

        mizan_clients("{app}")
"""

# The healthchecks pattern: postponed annotations, a return type imported for
# the type checker only.
TAILING = """
from __future__ import annotations

from typing import TYPE_CHECKING

from mizan_django import client, register

if TYPE_CHECKING:
    from {app}.conf import Conf


@client
def tail(request, channel: int, limit: int = 10) -> Conf:
    from {app}.conf import Conf

    return Conf(channel=channel, limit=limit)


register(tail, "tail")
"""

CONF = """
from pydantic import BaseModel


class Conf(BaseModel):
    channel: int
    limit: int
"""


def write(root: Path, app: str, files: dict[str, str]) -> Path:
    package = root / app
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "apps.py").write_text(APPS.format(app=app))
    for name, text in files.items():
        (package / name).write_text(textwrap.dedent(text).format(app=app))
    return root


def boot(root: Path, app: str, asked: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "tests.django._boot_app", str(root), app],
                          cwd=ROOT, input=json.dumps(asked), capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def runtime_kdl(root: Path, app: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tests.extract._runtime_export", str(root), app],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


def test_a_type_checking_only_return_type_keeps_every_argument_validated(tmp_path: Path) -> None:
    root = write(tmp_path, "tc_app", {"clients.py": TAILING, "conf.py": CONF})
    answers = boot(root, "tc_app", {"check": True, "calls": [
        ["tail", {"channel": "not a number", "limit": "lots"}],
        ["tail", {"channel": 1, "limit": "lots"}],
        ["tail", {"channel": 3}],
    ]})
    (bad_both, both), (bad_limit, limit), (ok, result) = answers["calls"]
    assert bad_both == 400 and {d["field"] for d in both["error"]["details"]} == {"channel", "limit"}
    assert bad_limit == 400 and [d["field"] for d in limit["error"]["details"]] == ["limit"]
    assert (ok, result["result"]) == (200, {"channel": 3, "limit": 10})
    assert answers["check"] == []


def test_the_type_checking_repro_has_one_ir(tmp_path: Path) -> None:
    root = write(tmp_path, "tc_ir", {"clients.py": TAILING, "conf.py": CONF})
    static = dumps_kdl(extract_ir([root]).ir)
    assert 'ref "tc_ir.conf.Conf"' in static
    assert runtime_kdl(root, "tc_ir") == static


def test_an_annotation_that_cannot_resolve_stops_the_server(tmp_path: Path) -> None:
    broken = TAILING.replace("from {app}.conf import Conf\n\n\n@client",
                             "from {app}.missing import Conf\n\n\n@client")
    root = write(tmp_path, "tc_broken", {"clients.py": broken})
    answers = boot(root, "tc_broken", {"check": True, "calls": [["tail", {"channel": 1}]]})
    assert answers["check"] == [["mizan.E008", (
        "'tail' (tail): its return annotation, 'Conf', cannot be resolved at run time "
        "(NameError: name 'Conf' is not defined), so Mizan cannot validate or serialise it.")]]
    # The parameters still resolve, and the function is refused rather than served raw.
    ((status, body),) = answers["calls"]
    assert status == 500 and body["error"]["code"] == "internal_error"


def test_unresolvable_parameters_are_named_one_by_one_and_read_as_source_reads_them(tmp_path: Path) -> None:
    root = write(tmp_path, "tc_params", {"clients.py": """
        from mizan_django import client, register


        @client
        def poke(request, good: int, bad: "Nowhere", worse: "list[Missing]") -> int:
            return good


        register(poke, "poke")
    """})
    answers = boot(root, "tc_params", {"check": True})
    assert [(code, msg.split(",")[0]) for code, msg in answers["check"]] == [
        ("mizan.E008", "'poke' (poke): the annotation of parameter 'bad'"),
        ("mizan.E008", "'poke' (poke): the annotation of parameter 'worse'"),
    ]
    # Both IRs read the names that are bound nowhere as `unknown`, the rest as written.
    static = dumps_kdl(extract_ir([root]).ir)
    assert 'list {\n                unknown "Missing"' in static
    assert runtime_kdl(root, "tc_params") == static
