"""Settings: `[tool.mizan]` < `[tool.mizan.lsp]` < initializationOptions;
a wrong value is reported and the default kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mizan_lsp.settings import DEFAULT_DEBOUNCE_MS, Settings, merge_settings

from ._editor import wait_for


def test_defaults() -> None:
    assert merge_settings({}, None) == (Settings(), [])
    assert Settings().debounce_ms == DEFAULT_DEBOUNCE_MS == 300


def test_later_sources_win() -> None:
    settings, problems = merge_settings(
        {"debounce_ms": 100, "regenerate_on_save": True, "lsp": {"debounce_ms": 200, "trace": True}},
        {"debounceMs": 50})
    assert problems == []
    assert settings == Settings(debounce_ms=50, regenerate_on_save=True, trace=True)


def test_wrong_values_are_reported_and_ignored() -> None:
    settings, problems = merge_settings({"lsp": {"debounce_ms": "fast"}},
                                        {"regenerateOnSave": "yes", "debounceMs": -1})
    assert settings == Settings()
    assert problems == [
        "[tool.mizan.lsp]: debounce_ms must be a non-negative integer (milliseconds)",
        "initializationOptions: regenerateOnSave must be true or false",
        "initializationOptions: debounceMs must be a non-negative integer (milliseconds)",
    ]


def test_a_non_table_lsp_section_is_reported() -> None:
    assert merge_settings({"lsp": 3}, None)[1] == ["[tool.mizan]: lsp must be a table"]


def test_a_mizan_toml_is_named_as_its_user_wrote_it() -> None:
    _, problems = merge_settings({"debounce_ms": -1, "lsp": {"trace": "on"}}, None,
                                 file_name="mizan.toml")
    assert problems == [
        "mizan.toml: debounce_ms must be a non-negative integer (milliseconds)",
        "mizan.toml [lsp]: trace must be true or false",
    ]


@pytest.mark.asyncio
async def test_the_server_names_the_mizan_toml_table_it_read(start_editor: Any, tmp_path: Path) -> None:
    (tmp_path / "mizan.toml").write_text('[source.static]\npaths = ["."]\n\n[lsp]\ndebounce_ms = "fast"\n')
    editor = await start_editor(tmp_path, options={})
    said = "mizan.toml [lsp]: debounce_ms must be a non-negative integer (milliseconds)"
    await wait_for(lambda: any(said in m.message for m in editor.client.messages), said)
