"""One rule per declaration fact, the same for the decorator, the extractor,
the runtime export and the language server."""

from __future__ import annotations

import pytest

from mizan_core import client
from mizan_core.errors import MizanSetupError
from mizan_core.extract import check_source
from mizan_core.ir import Affect
from mizan_core.ir.declarations import (
    AUTODISCOVERED,
    auth_rule,
    form_names,
    function_affects,
    target_kind,
)


@pytest.mark.parametrize(("value", "rule"), [
    (None, "none"), (False, "none"), (True, "authenticated"), ("staff", "staff"),
    ("superuser", "superuser"), (lambda request: True, "custom"), ("admin", None), (1, None),
    (0, None), (b"staff", None),
])
def test_auth_rule(value: object, rule: str | None) -> None:
    assert auth_rule(value) == rule


@pytest.mark.parametrize(("text", "rule"), [
    ("auth=True", "authenticated"), ('auth="staff"', "staff"), ("auth=None", "none"),
    ("auth=lambda r: True", "custom"), ('auth="admin"', None), ("auth=1", None),
])
def test_the_decorator_and_the_extractor_apply_the_same_auth_rule(text: str,
                                                                  rule: str | None) -> None:
    refused_statically = any(d.code == "mizan-auth" for d in check_source(
        f"from mizan_core import client\n@client({text})\ndef f(request) -> int: ...\n"))
    assert refused_statically == (rule is None)
    value = eval(text.split("=", 1)[1])  # the test's own literals
    if rule is None:
        with pytest.raises(MizanSetupError, match="auth="):
            client(auth=value)
    else:
        assert auth_rule(client(auth=value).meta.auth) == rule


def test_a_context_wins_over_a_function_of_the_same_name() -> None:
    assert target_kind("cart", {"cart"}, {"cart", "echo"}) == "context"
    assert target_kind("echo", {"cart"}, {"cart", "echo"}) == "function"
    assert target_kind("nothing", {"cart"}, {"echo"}) is None


def test_a_function_object_names_only_its_registered_names() -> None:
    assert function_affects(("a", "b")) == (Affect("a", "function"), Affect("b", "function"))
    assert function_affects(()) == ()


def test_public_names_and_discovered_modules() -> None:
    assert form_names("contact") == ("contact", "contact.schema", "contact.validate",
                                     "contact.submit")
    assert AUTODISCOVERED == ("clients", "forms", "channels")
