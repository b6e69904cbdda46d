"""The per-module layout: a component importing one module's hooks makes the
compiler read that module's files and the runtime, nothing else; a context
whose functions live in two modules has one provider, offered by both, and a
hook in each."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from mizan_core.codegen import render
from mizan_core.ir import ProjectIR

from ._projects import TS, load_project
from ._tsc import generate_checked, run_tsc

BUILD = TS / "build" / "_layout"

CONSUMER = """import type { ReactElement } from "react";
import { MizanContext } from "./api/root/react";
import { CartProvider, useAddItem, useCart } from "./api/modules/shop.clients";
import { CartProvider as FromSummary, type CartProviderProps, useCartSummary } from "./api/modules/shop.summary";

export const same: typeof CartProvider = FromSummary;
export const props: CartProviderProps = { cart_id: 1 };

function Cart(): ReactElement {
  const cart = useCart();
  const summary = useCartSummary();
  const add = useAddItem();
  const count: number | undefined = summary.data?.item_count;
  return <button onClick={() => void add.mutate({ cart_id: 1, sku: "tea" })}>{cart.data?.cart_id} {count}</button>;
}

export function App(): ReactElement {
  return <MizanContext baseUrl="/api/mizan"><CartProvider cart_id={1}><Cart /></CartProvider></MizanContext>;
}
"""


def _split_cart() -> ProjectIR:
    # `cart_summary` moves to its own module: the `cart` context spans two.
    ir = load_project("shop")
    return replace(ir, functions=tuple(replace(f, module="shop.summary") if f.name == "cart_summary" else f
                                       for f in ir.functions))


def test_a_context_across_modules_has_its_provider_with_its_first_function() -> None:
    files = render(_split_cart())
    clients, summary = files["modules/shop.clients/index.ts"], files["modules/shop.summary/index.ts"]
    assert "export function CartProvider(" in clients and "export const cartContext" in clients
    assert "CartProvider(" not in summary and "defineContext" not in summary
    # offered by the other module too: its light path keeps working whichever module is first
    assert "export { CartProvider, cartContext };" in summary
    assert "export type { CartProviderProps };" in summary
    assert 'import { CartProvider, cartContext } from "../shop.clients/index";' in summary
    assert "export function useCartSummary(): QueryResult<CartSummary>" in summary
    assert 'import type { CartProviderProps, CartSummary } from "../shop.clients/index";' in summary
    assert 'export * from "./modules/shop.summary/index";' in files["index.ts"]


@pytest.mark.parametrize("major", ["5", "7"])
def test_one_modules_hooks_compile_without_reading_the_others(major: str) -> None:
    shutil.rmtree(BUILD, ignore_errors=True)
    generate_checked(_split_cart(), BUILD / "api")
    (BUILD / "consumer.tsx").write_text(CONSUMER)
    (BUILD / "tsconfig.json").write_text(json.dumps({"extends": "../../tsconfig.json", "include": [],
                                                     "files": ["consumer.tsx"]}))
    done = run_tsc(major, "-p", "build/_layout/tsconfig.json", "--listFiles")
    assert done.returncode == 0, done.stdout + done.stderr
    read = {Path(line).relative_to(BUILD / "api").as_posix() for line in done.stdout.splitlines()
            if line.strip() and (BUILD / "api") in Path(line).parents}
    assert {"modules/shop.clients/index.ts", "modules/shop.summary/index.ts", "root/react.ts"} <= read
    # Neither the re-exporting entry files nor the modules the component does not use.
    assert not read & {"index.ts", "calls.ts", "models.ts", "react.ts"}
    assert not [name for name in read if name.startswith(("modules/shop.forms/", "modules/shop.channels/"))]
    # The project has forms, the component none: neither the forms runtime nor Zod is read.
    assert not read & {"kernel-forms.ts", "kernel-react-forms.ts"}
    assert not [line for line in done.stdout.splitlines() if "/node_modules/zod/" in line]


WHOLE = """import { CartProvider, useCartSummary } from "./api";
import { CartProvider as FromSummary } from "./api/modules/shop.summary";

export const same: typeof CartProvider = FromSummary;
export const hook = useCartSummary;
"""


@pytest.mark.parametrize("major", ["5", "7"])
def test_the_provider_two_modules_offer_is_one_export_of_the_whole_client(major: str) -> None:
    # `index.ts` re-exports both modules: the same binding twice is no conflict.
    shutil.rmtree(BUILD, ignore_errors=True)
    generate_checked(_split_cart(), BUILD / "api")
    (BUILD / "whole.ts").write_text(WHOLE)
    (BUILD / "tsconfig.json").write_text(json.dumps({"extends": "../../tsconfig.json", "include": ["api"],
                                                     "files": ["whole.ts"]}))
    done = run_tsc(major, "-p", "build/_layout/tsconfig.json")
    assert done.returncode == 0, done.stdout + done.stderr
