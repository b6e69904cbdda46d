"""IR codecs: KDL emit/parse against the JSON form of the same IR.

The peer is the JSON codec on the same document: it shows what reading KDL
costs and why no hot path parses KDL (in-process consumers share IR objects).
"""

from __future__ import annotations

from mizan_core import ir

from ._report import Row, interleaved, timed


def synthetic_ir(n_functions: int) -> ir.ProjectIR:
    """A project shaped like the synthetic benchmark project, built directly as IR."""
    INT, STR = ir.Primitive("int"), ir.Primitive("str")
    functions, models = [], []
    for i in range(n_functions):
        module = f"app{i // 5}.clients"
        out = f"{module}.Out{i}"
        models.append(ir.ModelDef(out, module, f"Out{i}", (
            ir.FieldDef("id", INT), ir.FieldDef("title", STR),
            ir.FieldDef("tags", ir.ListOf(STR), False, "[]"),
            ir.FieldDef("note", ir.optional(STR), False, "null", "noteText"),
        )))
        context = f"ctx{i // 10}" if i % 3 == 0 else None
        affects = (ir.Affect(f"ctx{i // 10}", "context"),) if i % 3 == 1 else ()
        functions.append(ir.Function(
            f"fn_{i}", module, f"fn_{i}", (ir.Param("item_id", INT), ir.Param("q", STR, False, '""')),
            ir.Ref(out), context=context, affects=affects, location=ir.Location(f"app{i // 5}/clients.py", i),
            doc=f"Function number {i}.",
        ))
    return ir.assemble(functions, models)


def run(quick: bool) -> list[Row]:
    project = synthetic_ir(200 if quick else 1000)
    kdl_text = ir.dumps_kdl(project)
    json_text = ir.dumps_json(project)
    rounds = 3 if quick else 5
    emit = interleaved({"kdl": timed(lambda: ir.dumps_kdl(project)),
                        "json": timed(lambda: ir.dumps_json(project))}, rounds)
    # A KDL parse takes over a second: three rounds are enough to see its range.
    parse = interleaved({"kdl": timed(lambda: ir.loads_kdl(kdl_text)),
                         "json": timed(lambda: ir.loads_json(json_text))}, min(rounds, 3))
    kdl_emit, json_emit = emit["kdl"].median, emit["json"].median
    kdl_parse, json_parse = parse["kdl"].median, parse["json"].median
    mb = len(kdl_text.encode()) / 1e6
    n = len(project.functions)
    return [
        Row("ir", f"KDL emit, {n} functions ({mb:.2f} MB) {emit['kdl'].spread(1000, 0)}",
            kdl_emit * 1000, "ms", "JSON emit", kdl_emit / json_emit),
        Row("ir", f"KDL parse, {n} functions ({mb / kdl_parse:.2f} MB/s) {parse['kdl'].spread(1000, 0)}",
            kdl_parse * 1000, "ms", "JSON parse", kdl_parse / json_parse, "off every hot path"),
        Row("ir", "KDL parse / KDL emit", kdl_parse / kdl_emit, "x", "", None),
        Row("ir", f"JSON emit, {n} functions {emit['json'].spread(1000, 0)}", json_emit * 1000, "ms"),
        Row("ir", f"JSON parse, {n} functions {parse['json'].spread(1000, 0)}", json_parse * 1000, "ms"),
    ]
