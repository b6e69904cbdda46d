"""From the TypeScript that calls a server function to the Python that
defines it: go-to-definition and hover in the generated output folder's
files and in the frontend's files that import from it.

The `definition` and `hover` features hand a `.ts`/`.tsx` document here. A
generated name under the cursor (`useAddItem`, `callAddItem`, `fetchCart`,
`CartProvider`, a model interface, `useContactForm`, `useChatChannel`)
answers the Python definition; anything else answers nothing, so the
editor shows tsserver's answer alone (both servers are asked, the editor
merges the answers).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from .._paths import path_to_uri
from ._frontend import Definition, identifier_at, is_served, targets_of

if TYPE_CHECKING:
    from ..language_server import MizanLanguageServer
    from ..session import Session

__all__ = ["frontend_roots", "ts_definition", "ts_hover"]


def frontend_roots(ls: MizanLanguageServer, session: Session) -> list[Path]:
    return [(session.config.root / r).resolve() for r in ls.settings.frontend_roots]


def _definitions(ls: MizanLanguageServer, session: Session, path: Path, uri: str,
                 position: types.Position) -> tuple[tuple[Definition, ...], types.Range] | None:
    snapshot = session.snapshot
    if snapshot is None:
        return None
    text = ls.workspace.get_text_document(uri).source
    if not is_served(path, text, session.config.output, frontend_roots(ls, session)):
        return None
    found = identifier_at(text, position.line, position.character)
    if found is None:
        return None
    name, start, end = found
    definitions = targets_of(snapshot).by_ts.get(name)
    if not definitions:
        return None
    ls.trace(f"typescript {name} -> {definitions[0].kind} {definitions[0].name}")
    return definitions, types.Range(start=types.Position(line=position.line, character=start),
                                    end=types.Position(line=position.line, character=end))


def ts_definition(ls: MizanLanguageServer, session: Session, path: Path, uri: str,
                  position: types.Position) -> list[types.Location]:
    found = _definitions(ls, session, path, uri, position)
    if found is None:
        return []
    return [types.Location(uri=path_to_uri(d.path), range=types.Range(
        start=types.Position(line=d.line, character=d.column),
        end=types.Position(line=d.line, character=d.end_column))) for d in found[0]]


def ts_hover(ls: MizanLanguageServer, session: Session, path: Path, uri: str,
             position: types.Position) -> types.Hover | None:
    found = _definitions(ls, session, path, uri, position)
    if found is None:
        return None
    definitions, cursor = found
    parts = []
    if definitions[0].kind == "context":
        parts.append(f"Mizan context `{definitions[0].name}` (Python):")
    for d in definitions:
        block = f"```python\n{d.signature}\n```"
        if d.doc:
            block += f"\n\n{d.doc}"
        parts.append(f"{block}\n\n*{d.path.name}:{d.line + 1}*")
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value="\n\n---\n\n".join(parts)),
                       range=cursor)
