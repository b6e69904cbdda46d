"""`mizan_core.config`: every configuration error names the file and the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mizan_core.config import ConfigError, load_config, require_static_roots


@pytest.mark.parametrize(("name", "text", "line", "words"), [
    ("mizan.toml", 'output = "src/api"\ntargets = ["react"\n', 2, "invalid TOML"),
    ("mizan.toml", 'output = "src/api"\nx = = 1\n', 2, "invalid TOML"),
    ("mizan.toml", '# comment\noutput = 3\n', 2, "'output'"),
    ("mizan.toml", 'output = "x"\ntargets = ["angular"]\n', 2, "unknown target(s) angular"),
    ("mizan.toml", 'output = "x"\n\nfoo = 1\n', 3, "unknown key(s)"),
    ("mizan.toml", 'output = "x"\n[source.static]\npaths = 3\n', 3, "paths"),
    ("mizan.toml", 'output = "x"\n\n[source.django]\ncommand = ["python"]\n', 3, "manage_path"),
    ("mizan.toml", '[source.django]\nmanage_path = "m.py"\n[source.django.env]\nA = "1"\nB = 2\n',
     5, "[source.django.env]"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.mizan]\noutput = "x"\ntargets = ["angular"]\n',
     6, "unknown target(s) angular"),
    # A typo in a table's key is an error, never a setting silently ignored.
    ("mizan.toml", 'output = "x"\n[source.statik]\npaths = ["nope"]\n', 2, "in [source]: statik"),
    ("mizan.toml", '[source.static]\npaths = ["."]\nextra = 1\n', 3, "in [source.static]: extra"),
    ("mizan.toml", '[source.django]\nmanage_path = "m.py"\nenvv = {}\n', 3, "in [source.django]: envv"),
    ("mizan.toml", 'output = "x"\n\n[lsp]\ndebounce_ms = 5\nfoo = 1\n', 5, "in [lsp]: foo"),
    ("pyproject.toml", '[tool.mizan.source.static]\npaths = ["."]\nbogus = 2\n', 3,
     "in [tool.mizan.source.static]: bogus"),
    ("mizan.toml", 'targets = []\n', 1, "'targets' must name at least one"),
    # A table where only keys belong is named at its own line.
    ("mizan.toml", 'output = "x"\n\n\n[tool.mizan]\noutput = "y"\n', 4, "unknown key(s) in mizan.toml: tool"),
])
def test_errors_name_the_file_and_line(tmp_path: Path, name: str, text: str, line: int,
                                       words: str) -> None:
    config = tmp_path / name
    config.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value).startswith(f"{config}:{line}: ")
    assert words in str(error.value)


def test_the_original_format_still_loads(tmp_path: Path) -> None:
    config = tmp_path / "mizan.toml"
    config.write_text('output = "src/api"\ntargets = ["react"]\n\n[source.static]\n'
                      'paths = ["../backend"]\n\n[source.django]\nmanage_path = "../backend/manage.py"\n'
                      'command = ["uv", "run", "python"]\n[source.django.env]\n'
                      'DJANGO_SETTINGS_MODULE = "myproject.settings"\n')
    loaded = load_config(config)
    assert loaded.output == tmp_path / "src" / "api"
    assert loaded.static_paths == ((tmp_path.parent / "backend").resolve(),)
    assert loaded.django is not None and loaded.django.command == ("uv", "run", "python")
    assert loaded.django.env == {"DJANGO_SETTINGS_MODULE": "myproject.settings"}


def test_a_missing_source_root_names_the_line_that_set_it(tmp_path: Path) -> None:
    config = tmp_path / "mizan.toml"
    config.write_text('output = "src/api"\n\n[source.static]\npaths = ["backend"]\n')
    with pytest.raises(ConfigError, match=rf"{re.escape(str(config))}:4: \[source.static\] paths: "
                                          r".*backend is not a folder"):
        require_static_roots(load_config(config))

    config.write_text('[source.django]\nmanage_path = "../gone/manage.py"\n')
    with pytest.raises(ConfigError, match=r"mizan.toml:2: \[source.django\] manage_path: "):
        require_static_roots(load_config(config))

    # From the command line: no file to point at.
    with pytest.raises(ConfigError, match=r"elsewhere: source root is not a folder"):
        require_static_roots(load_config(config, override_paths=[tmp_path / "elsewhere"]))
    (tmp_path / "backend").mkdir()
    require_static_roots(load_config(config, override_paths=[tmp_path / "backend"]))
