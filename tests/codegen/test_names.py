"""Generated identifiers: the naming table of docs/typescript.md and deterministic clash handling."""

from __future__ import annotations

import re

from mizan_core.codegen.kernel import kernel_source, runtime_files
from mizan_core.codegen.names import KERNEL_NAMES, pascal, plan_names
from mizan_core.ir import Function, ModelDef, Primitive, ProjectIR

from ._projects import load_project


def _fn(name: str) -> Function:
    return Function(name, "m", name.replace(".", "_"), (), Primitive("int"))


def test_registered_names_are_split_on_dots_and_underscores() -> None:
    assert pascal("add_item") == "AddItem"
    assert pascal("contact.submit") == "ContactSubmit"
    assert pascal("reports.export_csv") == "ReportsExportCsv"
    assert pascal("current_user") == "CurrentUser"


def test_demo_names_follow_the_contract() -> None:
    names = plan_names(load_project("shop"))
    assert names.functions["echo"] == "Echo"
    assert names.functions["current_user"] == "CurrentUser"
    assert names.contexts["cart"] == "Cart"
    assert names.forms["contact"] == "Contact"
    assert names.channels["chat"] == "Chat"
    assert names.types["shop.clients.EchoOutput"] == "EchoOutput"
    assert names.types["shop.channels.ChatChannel.Params"] == "ChatChannelParams"


def test_function_clash_gets_a_suffix_in_sorted_order() -> None:
    names = plan_names(ProjectIR(functions=(_fn("add_item"), _fn("addItem"))))
    assert names.functions == {"addItem": "AddItem", "add_item": "AddItem2"}


def test_a_function_whose_hook_would_shadow_a_runtime_export_gets_a_suffix() -> None:
    # as docs/typescript.md ("Names") says: `useMutation` and `useChannel` are the runtime's
    names = plan_names(ProjectIR(functions=(_fn("mutation"), _fn("channel"), _fn("echo"))))
    assert names.functions == {"mutation": "Mutation2", "channel": "Channel2", "echo": "Echo"}


def test_model_clash_prefixes_every_clashing_model_and_nothing_else() -> None:
    models = tuple(ModelDef(f"{mod}.{qn}", mod, qn, ()) for mod, qn in
                   [("shop.clients", "Item"), ("shop.other", "Item"), ("shop.clients", "Price"),
                    ("shop.clients", "MizanError"), ("shop.clients", "EchoArgs")])
    names = plan_names(ProjectIR(functions=(_fn("echo"),), models=models))
    assert names.types == {
        "shop.clients.Item": "ClientsItem", "shop.other.Item": "OtherItem",
        "shop.clients.Price": "Price",
        "shop.clients.MizanError": "ClientsMizanError",  # a kernel export
        "shop.clients.EchoArgs": "ClientsEchoArgs",  # the arguments interface of `echo`
    }


def test_names_do_not_depend_on_unrelated_additions() -> None:
    one = plan_names(ProjectIR(functions=(_fn("echo"),)))
    two = plan_names(ProjectIR(functions=(_fn("echo"), _fn("zeta"))))
    assert one.functions["echo"] == two.functions["echo"] == "Echo"


def test_a_model_named_like_any_runtime_export_is_renamed() -> None:
    # index.ts re-exports the runtime files beside the generated ones: a model
    # named like a runtime export of any target would make `export *`
    # ambiguous, and must not depend on which targets are configured.
    exported = {m.group(1) for name in runtime_files() for m in re.finditer(
        r"^export (?:abstract )?(?:class|function|interface|type|const) (\w+)", kernel_source(name), re.MULTILINE)}
    assert {"ContextStore", "MutationController", "ChannelFeed", "FormController", "useMizanForm"} <= exported
    ir = ProjectIR(models=tuple(ModelDef(f"app.models.{n}", "app.models", n, ()) for n in sorted(exported)))
    names = plan_names(ir)
    assert not set(names.types.values()) & exported
    assert KERNEL_NAMES >= exported