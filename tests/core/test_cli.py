"""The `mizan` front: dispatch, exit codes, and commands other packages add
through the `mizan.commands` entry-point group."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.commands._run import PROJECTS, ROOT, run


def test_configuration_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "mizan.toml"
    bad.write_text("output = [\n")
    code, _, err = run("check", "--config", str(bad))
    assert code == 2 and "invalid TOML" in err and "Traceback" not in err
    code, _, err = run("ir", str(tmp_path / "missing"))
    assert code == 2 and "is not a folder" in err
    code, _, _ = run("check", "--format", "xml")
    assert code == 2


def test_no_command_prints_the_commands_and_exits_2() -> None:
    code, out, err = run()
    assert code == 2 and out == ""
    assert all(name in err for name in ("ir", "check", "graph", "generate", "lsp"))


def test_console_script_runs_in_a_fresh_interpreter() -> None:
    done = subprocess.run([sys.executable, "-m", "mizan_core.cli", "check", "--no-cache",
                           str(PROJECTS / "errors")], check=False, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and "mizan-affects" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`mizan check --format json | head -1`, where head has already left."""
    proc = subprocess.Popen([sys.executable, "-m", "mizan_core.cli", "check", "--no-cache",
                             "--format", "json", str(PROJECTS / "errors")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # every write the command makes now finds no reader
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err, err


@pytest.fixture
def plugin_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed distribution (a dist-info folder on sys.path) adding
    commands to `mizan`: one that works, and ones that cannot run."""
    site = tmp_path / "site"
    info = site / "mizan_hello-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mizan-hello\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(textwrap.dedent("""\
        [mizan.commands]
        hello = mizan_hello_cmd:COMMAND
        broken = mizan_no_such_module:COMMAND
        wrong = mizan_hello_cmd:NOT_A_COMMAND
        check = mizan_hello_cmd:COMMAND
        """))
    (site / "mizan_hello_cmd.py").write_text(textwrap.dedent("""\
        from mizan_core.commands import Command

        def add(parser):
            parser.add_argument("--name", default="world")

        def run(args, out, err):
            out.write(f"hello {args.name}\\n")
            return 0

        COMMAND = Command("say hello", add, run)
        NOT_A_COMMAND = 3
        """))
    monkeypatch.syspath_prepend(str(site))
    return site


def test_a_command_from_another_distribution_runs(plugin_site: Path) -> None:
    assert run("hello", "--name", "mizan")[:2] == (0, "hello mizan\n")
    code, out, _ = run("--help")
    assert code == 0 and "hello" in out and "say hello" in out and "lsp" in out


def test_a_plugin_cannot_replace_a_built_in_command(plugin_site: Path) -> None:
    code, out, _ = run("check", "--no-cache", str(PROJECTS / "basics"))
    assert (code, out) == (0, "")  # the built-in check, not "hello world"


def test_a_plugin_that_cannot_load_is_a_message_not_a_traceback(plugin_site: Path) -> None:
    code, out, err = run("broken", "--anything")
    assert (code, out) == (2, "")
    assert err.startswith("mizan broken: cannot load mizan_no_such_module:COMMAND: "
                          "ModuleNotFoundError")
    code, _, err = run("wrong")
    assert code == 2 and "is a int, not a mizan_core.commands.Command" in err
    assert run("hello")[:2] == (0, "hello world\n")  # the others still run


def test_mizan_lsp_without_the_language_server_registered_says_so() -> None:
    """mizan_core from a source tree with nothing installed (`python -S`: no
    site-packages, so no `mizan.commands` entry point)."""
    probe = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from mizan_core.cli import main; " \
            "raise SystemExit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-S", "-c", probe, "lsp", "--stdio"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("mizan lsp: the language server is not installed (no `mizan.commands` "
                           "entry point names it): install mizan-django with the `lsp` extra, "
                           "`pip install \"mizan-django[lsp]\"`\n")
    listed = subprocess.run([sys.executable, "-S", "-c", probe, "--help"],
                            capture_output=True, text=True, timeout=60, check=False)
    shown = " ".join(listed.stdout.split())
    assert listed.returncode == 0 and "lsp run the language server" in shown
    assert "(unavailable: run `mizan lsp` for why)" in shown
