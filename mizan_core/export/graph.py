"""The invalidation graph as a picture: Mermaid text, an SVG, or a
self-contained HTML page (the SVG inline, no script, no network).

Mutations (and view paths that invalidate) are on the left; the contexts and
functions they invalidate on the right; each edge is labelled with its scope
(the parameters that narrow it, or `all`); a function with an access rule
carries its rule (`auth: staff`) and a dashed border.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from mizan_core.ir import Function, ProjectIR

__all__ = ["GRAPH_FORMATS", "Edge", "graph_edges", "render_graph"]

GRAPH_FORMATS: tuple[str, ...] = ("mmd", "svg", "html")
_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # the mutation's public name
    kind: str  # "context" | "function"
    target: str
    scope: tuple[str, ...]

    @property
    def label(self) -> str:
        return ", ".join(self.scope) if self.scope else "all"


@dataclass(frozen=True, slots=True)
class _Node:
    id: str
    lines: tuple[str, ...]
    auth: str


def graph_edges(ir: ProjectIR) -> list[Edge]:
    """Every (mutation, target) pair, mutations by name, targets in `affects` order."""
    writers = [(fn.name, fn.affects) for fn in ir.functions]
    writers += [(f"{form.name}.submit", form.affects) for form in ir.forms]
    return [Edge(name, a.kind, a.target, a.scope)
            for name, affects in sorted(writers, key=lambda w: w[0]) for a in affects]


def _auth_line(fn: Function | None) -> tuple[str, ...]:
    if fn is None or fn.auth == "none":
        return ()
    return (f"auth: {fn.auth}",)


class _Layout:
    """Nodes of both sides with stable, unique Mermaid ids."""

    def __init__(self, ir: ProjectIR) -> None:
        self.edges = graph_edges(ir)
        self._ids: dict[tuple[str, str], str] = {}
        self.left = [self._emit_mutation(ir.function(n), n)
                     for n in dict.fromkeys(e.source for e in self.edges)]
        self.right = [self._emit_target(ir, kind, target)
                      for kind, target in dict.fromkeys((e.kind, e.target) for e in self.edges)]

    def id(self, kind: str, name: str) -> str:
        key = (kind, name)
        if key not in self._ids:
            base = {"mutation": "m_", "context": "c_", "function": "f_"}[kind] + \
                _UNSAFE.sub("_", name)
            candidate, n = base, 1
            while candidate in self._ids.values():
                n += 1
                candidate = f"{base}_{n}"
            self._ids[key] = candidate
        return self._ids[key]

    def _emit_mutation(self, fn: Function | None, name: str) -> _Node:
        lines = (name, *(("view path",) if fn is not None and fn.view_path else ()),
                 *_auth_line(fn))
        return _Node(self.id("mutation", name), lines, fn.auth if fn is not None else "none")

    def _emit_target(self, ir: ProjectIR, kind: str, target: str) -> _Node:
        if kind == "context":
            ctx = ir.context(target)
            members = ", ".join(ctx.functions) if ctx is not None else ""
            return _Node(self.id(kind, target), (f"context {target}", members), "none")
        fn = ir.function(target)
        return _Node(self.id(kind, target), (f"{target}()", *_auth_line(fn)),
                     fn.auth if fn is not None else "none")


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def render_mermaid(layout: _Layout) -> str:
    out = ["flowchart LR", "  subgraph mutations [Mutations]"]
    for node in layout.left:
        out.append(f'    {node.id}["{_mermaid_text("<br/>".join(node.lines))}"]')
    out += ["  end", "  subgraph targets [Contexts and functions]"]
    for node in layout.right:
        shape = ("[(", ")]") if node.id.startswith("c_") else ("[", "]")
        out.append(f'    {node.id}{shape[0]}"{_mermaid_text("<br/>".join(node.lines))}"{shape[1]}')
    out.append("  end")
    for e in layout.edges:
        out.append(f'  {layout.id("mutation", e.source)} -->|"{_mermaid_text(e.label)}"| '
                   f'{layout.id(e.kind, e.target)}')
    guarded = [n.id for n in (*layout.left, *layout.right) if n.auth != "none"]
    if guarded:
        out.append("  classDef guarded stroke:#b45309,stroke-width:2px,stroke-dasharray:5 3")
        out.append(f"  class {','.join(guarded)} guarded")
    return "\n".join(out) + "\n"


_CHAR_W, _LINE_H, _PAD, _GAP, _MIDDLE = 7.2, 16, 10, 18, 240


def _box_size(node: _Node) -> tuple[float, float]:
    width = max(len(line) for line in node.lines) * _CHAR_W + 2 * _PAD
    return max(width, 80.0), len(node.lines) * _LINE_H + 2 * _PAD - 4


def render_svg(layout: _Layout) -> str:
    """A two-column layered layout: boxes stacked per side, straight edges."""
    left_w = max((_box_size(n)[0] for n in layout.left), default=80.0)
    right_w = max((_box_size(n)[0] for n in layout.right), default=80.0)
    x_right = 20 + left_w + _MIDDLE
    boxes: dict[str, tuple[float, float, float, float]] = {}
    parts: list[str] = []
    heights = []
    for column, x, width in ((layout.left, 20.0, left_w), (layout.right, x_right, right_w)):
        y = 50.0
        for node in column:
            h = _box_size(node)[1]
            boxes[node.id] = (x, y, width, h)
            y += h + _GAP
        heights.append(y)
    total_w, total_h = x_right + right_w + 20, max(heights, default=50.0) + 10
    parts.append(f'<text x="20" y="28" class="head">Mutations</text>'
                 f'<text x="{x_right:.0f}" y="28" class="head">Contexts and functions</text>')
    # Each edge leaves and enters its boxes at its own height, so edges that
    # share a box fan out instead of piling onto one point.
    ends = [(layout.id("mutation", e.source), layout.id(e.kind, e.target)) for e in layout.edges]
    slots: dict[str, list[int]] = {}
    for i, (source, target) in enumerate(ends):
        slots.setdefault(source, []).append(i)
        slots.setdefault(target, []).append(i)

    def anchor(node_id: str, edge: int) -> float:
        _, y, _, h = boxes[node_id]
        order = slots[node_id]
        return y + h * (order.index(edge) + 1) / (len(order) + 1)

    for i, e in enumerate(layout.edges):
        source, target = ends[i]
        sx, _, sw, _ = boxes[source]
        x1, y1, x2, y2 = sx + sw, anchor(source, i), boxes[target][0], anchor(target, i)
        t = (0.3, 0.5, 0.7)[i % 3]  # staggered, so labels of crossing edges do not collide
        mx, my = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        parts.append(f'<g class="edge" data-source="{html.escape(e.source)}" '
                     f'data-target="{html.escape(e.target)}" data-kind="{e.kind}">'
                     f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'marker-end="url(#arrow)"/>'
                     f'<text x="{mx:.1f}" y="{my - 4:.1f}" text-anchor="middle">'
                     f'{html.escape(e.label)}</text></g>')
    for node in (*layout.left, *layout.right):
        x, y, w, h = boxes[node.id]
        cls = "node context" if node.id.startswith("c_") else "node"
        if node.auth != "none":
            cls += " guarded"
        texts = "".join(f'<text x="{x + _PAD:.1f}" y="{y + _PAD + 12 + i * _LINE_H:.1f}">'
                        f'{html.escape(line)}</text>' for i, line in enumerate(node.lines))
        parts.append(f'<g class="{cls}" id="{node.id}"><rect x="{x:.1f}" y="{y:.1f}" '
                     f'width="{w:.1f}" height="{h:.1f}" rx="6"/>{texts}</g>')
    style = ("text{font:13px sans-serif;fill:#111}.head{font-weight:bold}"
             "rect{fill:#eef2ff;stroke:#4338ca}.context rect{fill:#ecfdf5;stroke:#047857}"
             ".guarded rect{stroke:#b45309;stroke-width:2;stroke-dasharray:5 3}"
             "line{stroke:#555;stroke-width:1.2}.edge text{fill:#444;font-size:12px}")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w:.0f}" '
            f'height="{total_h:.0f}" viewBox="0 0 {total_w:.0f} {total_h:.0f}">'
            f'<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
            f'markerHeight="8" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker>'
            f'</defs><style>{style}</style>{"".join(parts)}</svg>\n')


def render_html(layout: _Layout) -> str:
    rows = "".join(f"<tr><td>{html.escape(e.source)}</td><td>{e.kind}</td>"
                   f"<td>{html.escape(e.target)}</td><td>{html.escape(e.label)}</td></tr>"
                   for e in layout.edges)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Mizan invalidation graph</title><style>body{font-family:sans-serif;"
            "margin:2em}table{border-collapse:collapse;margin-top:1.5em}td,th{border:1px solid"
            " #ccc;padding:.3em .6em;text-align:left}</style></head><body>"
            "<h1>Invalidation graph</h1>"
            f"{render_svg(layout).rstrip()}"
            "<table><thead><tr><th>mutation</th><th>kind</th><th>invalidates</th>"
            f"<th>scope</th></tr></thead><tbody>{rows}</tbody></table></body></html>\n")


def render_graph(ir: ProjectIR, fmt: str = "mmd") -> str:
    """`fmt` is one of GRAPH_FORMATS."""
    layout = _Layout(ir)
    if fmt == "mmd":
        return render_mermaid(layout)
    if fmt == "svg":
        return render_svg(layout)
    if fmt == "html":
        return render_html(layout)
    raise ValueError(f"unknown graph format {fmt!r}: one of {', '.join(GRAPH_FORMATS)}")
