"""`mizan graph`: the demo's invalidation graph, read back from what it draws."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mizan_core.cli import main
from mizan_core.export import render_graph
from mizan_core.ir import Affect, Function, Primitive, assemble

from ._projects import REPO, SHOP, shop_ir

NODE = re.compile(r'^\s+(?P<id>\w+)(?:\[\(|\[)"(?P<label>[^"]*)"(?:\)\]|\])$')
EDGE = re.compile(r'^\s+(?P<source>\w+) -->\|"(?P<label>[^"]*)"\| (?P<target>\w+)$')
SVG = "{http://www.w3.org/2000/svg}"

#: (mutation, what it invalidates, scope label): the demo's `affects=`
SHOP_EDGES = {
    ("add_item", "context cart", "cart_id"),
    ("checkout", "context cart", "cart_id"),
    ("checkout", "current_user()", "all"),
    ("purge_carts", "context cart", "all"),
    ("set_note", "cart()", "cart_id"),
    ("set_note", "cart_summary()", "cart_id"),
    ("set_price", "context cart", "all"),
}


def parse_mermaid(text: str) -> tuple[dict[str, list[str]], set[tuple[str, str, str]],
                                       dict[str, str], set[str]]:
    """(node id -> label lines, edges by first label line, node id -> subgraph, guarded ids)."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes: dict[str, list[str]] = {}
    side: dict[str, str] = {}
    raw_edges = []
    guarded: set[str] = set()
    subgraph = ""
    for line in lines[1:]:
        if m := re.match(r"^\s+subgraph (\w+) \[", line):
            subgraph = m.group(1)
        elif line.strip() == "end":
            subgraph = ""
        elif m := NODE.match(line):
            nodes[m["id"]] = m["label"].split("<br/>")
            side[m["id"]] = subgraph
        elif m := EDGE.match(line):
            raw_edges.append((m["source"], m["target"], m["label"]))
        elif line.startswith("  class "):
            guarded |= set(line.split()[1].split(","))
        elif not line.startswith("  classDef "):
            raise AssertionError(f"unexpected Mermaid line: {line!r}")
    edges = {(nodes[s][0], nodes[t][0], label) for s, t, label in raw_edges}
    return nodes, edges, side, guarded


def test_the_demo_graph_has_its_edges_sides_and_auth_marks() -> None:
    nodes, edges, side, guarded = parse_mermaid(render_graph(shop_ir(), "mmd"))
    assert edges == SHOP_EDGES
    by_name = {lines[0]: node for node, lines in nodes.items()}
    for mutation in ("add_item", "checkout", "purge_carts", "set_note", "set_price"):
        assert side[by_name[mutation]] == "mutations"
    for target in ("context cart", "current_user()", "cart_summary()"):
        assert side[by_name[target]] == "targets"
    assert nodes[by_name["context cart"]] == ["context cart", "cart, cart_summary"]
    marks = {nodes[n][0]: nodes[n][-1] for n in guarded}
    assert marks == {"checkout": "auth: authenticated", "set_price": "auth: staff",
                     "purge_carts": "auth: superuser"}


def _svg_edges(svg: ET.Element) -> set[tuple[str, str, str]]:
    out = set()
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") == "edge":
            label = g.find(f"{SVG}text")
            assert label is not None
            out.add((str(g.get("data-source")), str(g.get("data-kind")),
                     str(g.get("data-target")), str(label.text)))
    return {(s, f"context {t}" if k == "context" else f"{t}()", lbl) for s, k, t, lbl in out}


def test_svg_and_html_draw_the_same_edges(tmp_path: Path) -> None:
    for suffix in ("svg", "html"):
        target = tmp_path / f"graph.{suffix}"
        assert main(["graph", "--no-cache", "-o", str(target), str(SHOP)],
                    out=io.StringIO(), err=io.StringIO()) == 0
        text = target.read_text(encoding="utf-8")
        if suffix == "html":
            assert text.startswith("<!DOCTYPE html>") and "<script" not in text
            assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
            text = text[text.index("<svg"):text.index("</svg>") + len("</svg>")]
        svg = ET.fromstring(text)
        assert _svg_edges(svg) == SHOP_EDGES
        guarded = {g.get("id") for g in svg.iter(f"{SVG}g") if "guarded" in (g.get("class") or "")}
        assert guarded == {"m_checkout", "m_purge_carts", "m_set_price"}


def test_stdout_is_mermaid_and_a_wrong_suffix_is_a_usage_error(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["graph", "--no-cache", str(SHOP)], out=out, err=err) == 0
    assert out.getvalue() == render_graph(shop_ir(), "mmd")
    out, err = io.StringIO(), io.StringIO()
    assert main(["graph", "-o", str(tmp_path / "g.png"), str(SHOP)], out=out, err=err) == 2
    assert "the graph is written as .mmd, .svg or .html" in err.getvalue()
    assert not (tmp_path / "g.png").exists()


def test_names_that_are_not_mermaid_ids_get_unique_ids() -> None:
    ctx = Function("a.b", "app", "ab", (), Primitive("str"), context="a")
    fns = [ctx, Function("a_b", "app", "a_b", (), Primitive("str")),
           Function("x.y", "app", "xy", (), Primitive("str"),
                    affects=(Affect("a", "context"), Affect("a_b", "function"))),
           Function("x_y", "app", "x_y", (), Primitive("str"),
                    affects=(Affect("a_b", "function"),), auth="staff")]
    _, edges, _, guarded = parse_mermaid(render_graph(assemble(fns), "mmd"))
    assert edges == {("x.y", "context a", "all"), ("x.y", "a_b()", "all"),
                     ("x_y", "a_b()", "all")}
    assert guarded == {"m_x_y_2"}


def test_readme_shows_the_demo_graph() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = "```mermaid\n" + render_graph(shop_ir(), "mmd") + "```"
    assert block in readme, "README's graph is stale: paste `mizan graph examples/shop` in it"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown graph format"):
        render_graph(shop_ir(), "pdf")


def test_a_form_submit_that_declares_affects_has_its_edges() -> None:
    from mizan_core.export.graph import graph_edges

    from ._projects import load

    edges = {(e.source, e.kind, e.target) for e in graph_edges(load("projects/forms_channels"))}
    assert {("support.feedback.submit", "context", "ratings"),
            ("support.feedback.submit", "function", "rating_count")} <= edges
