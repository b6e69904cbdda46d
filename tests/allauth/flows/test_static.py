"""The static side sees the ``auth.*`` functions: the IR read from source equals the
runtime IR of the project with ``mizan_django.allauth`` installed, and the
generated client has their hooks, typed."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

import mizan_django.allauth
from mizan_core.codegen import render, write_output
from mizan_core.extract import extract_ir
from mizan_core.ir import dumps_kdl
from mizan_django.export import runtime_ir


def app_source_root(tmp_path: Path) -> Path:
    """A source root holding the app's own source, as docs/allauth.md lays it out."""
    root = tmp_path / "mizan-allauth"
    shutil.copytree(Path(mizan_django.allauth.__file__).parent, root / "mizan_django" / "allauth",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_static_ir_equals_runtime_ir(tmp_path: Path) -> None:
    static = extract_ir([settings.PROJECT, app_source_root(tmp_path)])
    assert static.diagnostics == ()
    assert dumps_kdl(static.ir) == dumps_kdl(runtime_ir())


def test_without_the_app_source_the_static_ir_lacks_the_functions() -> None:
    names = {f.name for f in extract_ir([settings.PROJECT]).ir.functions}
    assert names == {"current_user"}


def test_the_generated_client_has_typed_hooks(tmp_path: Path) -> None:
    files = render(extract_ir([settings.PROJECT, app_source_root(tmp_path)]).ir)
    text = "\n".join(files.values())
    for hook in ("useAuthLogin", "useAuthSignup", "useAuthLogout", "useAuthSession",
                 "useAuthEmailConfirm", "useAuthPasswordReset", "useAuthPasswordResetConfirm"):
        # a value hook is a function, a mutation's hook a constant its factory types
        assert f"export function {hook}(" in text or f"export const {hook} = " in text, hook
    assert "interface AuthSession" in text


CONSUMER = """\
import { callAuthLogin, callAuthSignup, useAuthSession, type AuthSession } from "./api/index.ts";

export async function signIn(): Promise<string | null> {
  const state: AuthSession = await callAuthLogin({ login: "ann", password: "pw" });
  // @ts-expect-error: the password is required
  await callAuthLogin({ login: "ann" });
  await callAuthSignup({ email: "zoe@example.com", password1: "x", password2: "x" });
  return state.user === null ? null : state.user.username;
}

export function Who(): string {
  const { data } = useAuthSession();
  return data?.pending.join(",") ?? "";
}
"""


def test_the_generated_client_compiles_strictly_and_types_the_arguments(tmp_path: Path) -> None:
    from tests.codegen._projects import TS
    from tests.codegen._tsc import run_tsc

    out = TS / "build" / "allauth"
    shutil.rmtree(out, ignore_errors=True)
    write_output(render(extract_ir([settings.PROJECT, app_source_root(tmp_path)]).ir), out / "api")
    (out / "consumer.tsx").write_text(CONSUMER)
    (out / "tsconfig.json").write_text(
        '{"extends": "../../tsconfig.json", "include": ["api/**/*.ts", "consumer.tsx"]}')
    done = run_tsc("5", "-p", str(out / "tsconfig.json"), "--noEmit", "--pretty", "false")
    assert done.returncode == 0, done.stdout + done.stderr
