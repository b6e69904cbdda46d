"""Hypothesis strategies that generate arbitrary (not only sensible) IRs."""

from __future__ import annotations

from hypothesis import strategies as st

from mizan_core import ir
from mizan_core.ir.model import MODEL_KINDS

# Text that stresses the KDL writer: quotes, backslashes, newlines, control
# characters, KDL's own newline characters and non-BMP code points.
texts = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x85", "\u2028", "\ufeff", "/", "#"]),
    ),
    max_size=12,
)
names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,10}", fullmatch=True)
scalars = st.one_of(texts, st.integers(-(2**70), 2**70), st.booleans(), st.none())
json_texts = st.one_of(st.none(), st.sampled_from(['1', '"x"', 'null', '[1, 2]', '{"a": "\\n"}']))

primitives = st.sampled_from(ir.PRIMITIVES).map(ir.Primitive)
type_refs: st.SearchStrategy[ir.TypeRef] = st.recursive(
    st.one_of(
        primitives,
        names.map(ir.Ref),
        texts.map(ir.Unknown),
        st.lists(scalars, max_size=4).map(lambda v: ir.LiteralOf(tuple(v))),
    ),
    lambda inner: st.one_of(
        inner.map(ir.ListOf),
        inner.map(ir.SetOf),
        st.builds(ir.DictOf, inner, inner),
        st.builds(lambda items, v: ir.TupleOf(tuple(items), v), st.lists(inner, max_size=3), st.booleans()),
        st.lists(inner, min_size=1, max_size=4).map(lambda o: ir.UnionOf(tuple(o))),
    ),
    max_leaves=8,
)
locations = st.one_of(st.none(), st.builds(ir.Location, texts, st.integers(1, 10**6)))
params = st.builds(ir.Param, names, type_refs, st.booleans(), json_texts)
affects = st.builds(ir.Affect, names, st.sampled_from(["context", "function"]),
                    st.lists(names, max_size=3).map(tuple))


def tuples(strategy: st.SearchStrategy, max_size: int = 3) -> st.SearchStrategy[tuple]:
    return st.lists(strategy, max_size=max_size).map(tuple)


functions = st.builds(
    ir.Function, names, names, names, tuples(params), type_refs,
    context=st.one_of(st.none(), names), affects=tuples(affects),
    auth=st.sampled_from(ir.AUTH_RULES), websocket=st.booleans(),
    route=st.one_of(st.none(), texts), rev=st.integers(1, 2**40), view_path=st.booleans(),
    doc=st.one_of(st.none(), texts), location=locations,
)
contexts = st.builds(ir.Context, names, tuples(names), tuples(params))
fields = st.builds(ir.FieldDef, names, type_refs, st.booleans(), json_texts, st.one_of(st.none(), texts))
models = st.builds(ir.ModelDef, names, names, names, tuples(fields), st.one_of(st.none(), texts),
                  st.sampled_from((None, *MODEL_KINDS)))
enums = st.builds(ir.EnumDef, names, names, names,
                  tuples(st.builds(ir.EnumMember, names, scalars)), st.one_of(st.none(), texts))
form_fields = st.builds(
    ir.FormField, names, names, type_refs, texts, st.booleans(), texts, json_texts, texts,
    tuples(st.builds(ir.Choice, scalars, texts)), st.booleans(),
    st.one_of(st.none(), st.integers(0, 1000)), st.one_of(st.none(), st.integers(0, 1000)),
    st.one_of(st.none(), st.sampled_from(["0", "-1.5", "1e3"])),
    st.one_of(st.none(), st.sampled_from(["10", "99.99"])),
    st.one_of(st.none(), st.integers(1, 30)), st.one_of(st.none(), st.integers(0, 10)),
    tuples(texts),
)
forms = st.builds(ir.Form, names, names, names, texts, texts, tuples(form_fields), type_refs,
                  st.booleans(), st.one_of(st.none(), texts), locations)
channels = st.builds(ir.Channel, names, names, names, type_refs, type_refs,
                     st.one_of(st.none(), type_refs), st.one_of(st.none(), texts), locations)

project_irs = st.builds(
    ir.ProjectIR, tuples(functions), tuples(contexts), tuples(models), tuples(enums),
    tuples(forms, 2), tuples(channels, 2),
)
