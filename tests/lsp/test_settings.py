"""Settings: `[tool.mizan]` < `[tool.mizan.lsp]` < initializationOptions;
a wrong value is reported and the default kept."""

from __future__ import annotations

from mizan_lsp.settings import DEFAULT_DEBOUNCE_MS, Settings, merge_settings


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
