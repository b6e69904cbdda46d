"""A frontend for the language-server shop (tests/lsp/_workspace.py): a form,
a channel and a component `App.tsx` using one generated name of each kind,
plus a function nothing in the frontend calls."""

from __future__ import annotations

from pathlib import Path

from ._workspace import write_workspace

__all__ = ["APP", "APP_TSX", "CHANNELS", "FORMS", "write_frontend"]

APP_TSX = "frontend/src/App.tsx"

FORMS = '''\
from django import forms

from mizan_django.forms import mizanFormMeta, mizanFormMixin


class ContactForm(mizanFormMixin, forms.Form):
    """Write to the shop."""

    mizan = mizanFormMeta(name="contact")

    email = forms.EmailField()
'''

CHANNELS = '''\
from pydantic import BaseModel

from mizan_django.channels import ReactChannel


class ChatChannel(ReactChannel):
    """Chat with the shop."""

    class DjangoMessage(BaseModel):
        text: str

    class ReactMessage(BaseModel):
        text: str
'''

UNUSED = '''\
from mizan_django import client, register


@client
def export_orders(request) -> int:
    """Used by a script, not by the frontend."""
    raise NotImplementedError


register(export_orders, "export_orders")
'''

APP = '''\
import { useAddItem, callAddItem, fetchCartDetail, CartProvider, useContactForm,
  useChatChannel } from "./api";
import type { CartOut } from "./api/models";

// useCheckout is only mentioned in this comment
export function App(): JSX.Element {
  const add = useAddItem();
  const form = useContactForm();
  const chat = useChatChannel({});
  const label = "callCheckout";
  void callAddItem({ cartId: 1, sku: "a" });
  void fetchCartDetail({ cartId: 1 });
  const cart: CartOut | null = null;
  return <CartProvider cartId={1}>{label}{String(add)}{String(form)}{String(chat)}{String(cart)}</CartProvider>;
}

// Names only other targets generate (TanStack Query, the framework-free core).
export const detail = cartDetailQueryOptions({ cartId: 1 });
export const feed = openChatChannel({});
'''


def write_frontend(root: Path) -> Path:
    package = write_workspace(root, extra_pyproject="""
        [tool.mizan.lsp]
        frontend_roots = ["frontend/src"]
        """)
    (package / "forms.py").write_text(FORMS)
    (package / "channels.py").write_text(CHANNELS)
    (package / "scripts.py").write_text(UNUSED)
    app = root / APP_TSX
    app.parent.mkdir(parents=True)
    app.write_text(APP)
    return package
