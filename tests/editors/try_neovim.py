"""Drive `mizan-lsp` from a real editor: Neovim, headless (`make try-editors`).

Debian's Neovim is 0.7, whose LSP client is `vim.lsp.start_client` (the
`vim.lsp.config` form in docs/editors.md needs 0.11+). The script writes a
small project with an `affects` typo, lets Neovim open it with the server
attached, and checks what the editor received: the diagnostic, completion
inside `affects="..."`, hover and the "did you mean" quick fix. Not part of
`make test` because it needs Neovim from the system's packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLIENTS = '''from pydantic import BaseModel
from mizan_django import client, register


class CartOut(BaseModel):
    items: list[str]


@client(context="cart")
def cart(request, cart_id: int) -> CartOut:
    return CartOut(items=[])


@client(affects="crt")
def add_item(request, cart_id: int, sku: str) -> CartOut:
    return CartOut(items=[sku])


register(cart, "cart")
register(add_item, "add_item")
'''
EXPECTED = [
    ("diagnostic 14:17 mizan-affects affects=\"crt\" names no context and no registered function. "
     "Did you mean 'cart'?"),
    "completion add_item,cart",
    "code action Did you mean \"cart\"?",
]


def main() -> int:
    nvim = shutil.which("nvim")
    if nvim is None:
        print("try-editors: nvim is not installed (apt-get install neovim)", file=sys.stderr)
        return 2
    server = Path(sys.executable).with_name("mizan-lsp")
    with tempfile.TemporaryDirectory(prefix="mizan-nvim-") as tmp:
        project = Path(tmp)
        (project / "shop").mkdir()
        (project / "shop" / "__init__.py").write_text("")
        (project / "shop" / "clients.py").write_text(CLIENTS)
        (project / "mizan.toml").write_text('output = "src/api"\n[source.static]\npaths = ["."]\n')
        out = project / "out.txt"
        env = {**os.environ, "OUT": str(out), "MIZAN_LSP": str(server)}
        version = subprocess.run([nvim, "--version"], capture_output=True, text=True,
                                 check=False).stdout.split("\n")[0]
        subprocess.run([nvim, "--headless", "-u", "NONE", "-c", f"luafile {HERE / 'neovim.lua'}"],
                       cwd=project, env=env, timeout=90, check=False, capture_output=True)
        seen = out.read_text().splitlines() if out.exists() else []
    print(f"{version} with {server}:")
    for line in seen:
        print("  " + line)
    missing = [e for e in EXPECTED if e not in seen]
    hover = any(line.startswith("hover **cart**") and "typescript" in line for line in seen)
    if missing or not hover:
        print("try-editors: FAILED; missing: " + "; ".join(missing + ([] if hover else ["hover"])),
              file=sys.stderr)
        return 1
    print("try-editors: Neovim received diagnostics, completion, hover and the quick fix")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
