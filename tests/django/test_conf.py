"""Mizan's settings: all read through ``mizan_django.conf``, with their defaults there."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from mizan_django import conf

PACKAGE = Path(conf.__file__).parent


def _mizan_setting_reads(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("MIZAN_"):
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr" \
                and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                and str(node.args[1].value).startswith("MIZAN_"):
            found.append((node.lineno, str(node.args[1].value)))
    return found


def test_only_conf_reads_mizan_settings() -> None:
    outside = {
        f"{file.relative_to(PACKAGE.parent)}:{line}": name
        for file in sorted(PACKAGE.rglob("*.py")) if file.name != "conf.py"
        for line, name in _mizan_setting_reads(ast.parse(file.read_text(encoding="utf-8")))
    }
    assert not outside, f"read mizan_django.conf's accessors instead: {outside}"
    named_in_conf = {node.value for node in ast.walk(ast.parse(
        (PACKAGE / "conf.py").read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and str(node.value).startswith("MIZAN_")}
    assert named_in_conf >= {
        "MIZAN_CACHE_REDIS_URL", "MIZAN_MAX_BODY_BYTES",
        "MIZAN_WS_PATH", "MIZAN_CHANNEL_LAYER_REDIS_URL", "MIZAN_ALLAUTH_ISSUE_TOKEN",
        "MIZAN_ALLAUTH_FRONTEND_URLS"}


def test_the_websocket_path_gets_one_slash_at_each_end(settings: Any) -> None:
    assert conf.ws_path() == "/ws/mizan/"
    settings.MIZAN_WS_PATH = "sockets/app"
    assert conf.ws_path() == "/sockets/app/"


def test_the_channel_layer_falls_back_to_the_cache_redis(settings: Any) -> None:
    settings.MIZAN_CACHE_REDIS_URL = "redis://cache:6379/0"
    assert conf.channel_layer_redis_url() == "redis://cache:6379/0"
    settings.MIZAN_CHANNEL_LAYER_REDIS_URL = "redis://layer:6379/1"
    assert conf.channel_layer_redis_url() == "redis://layer:6379/1"
    settings.MIZAN_CACHE_REDIS_URL = ""
    settings.MIZAN_CHANNEL_LAYER_REDIS_URL = None
    assert conf.channel_layer_redis_url() is None
    assert conf.config().cache_redis_url is None


def test_a_secret_counts_only_as_a_non_empty_string(settings: Any) -> None:
    settings.MIZAN_MWT_SECRET = "s" * 40
    assert conf.configured_secret("MIZAN_MWT_SECRET") == "s" * 40
    for value in ("", None, 12345):
        settings.MIZAN_MWT_SECRET = value
        assert conf.configured_secret("MIZAN_MWT_SECRET") is None
