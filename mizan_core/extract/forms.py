"""`mizanFormMixin` forms in source -> `ir.Form`, by the rules the runtime uses.

A form is a class deriving (through any project base) from `mizanFormMixin`
with its own `mizan = mizanFormMeta(name=..., title=..., submit_label=...)`;
a subclass without its own `mizan` is a base and publishes nothing. Fields
are the `forms.<Field>(...)` attributes in Django's order (base classes'
fields first, a redeclared field keeps its inherited place). What Django
decides silently (default widgets, `EmailField`'s max_length, labels from
names, the text of bounds and initial values) comes from `mizan_core.formfields`,
shared with the runtime. `success` is `on_submit_success`'s return annotation
(the mixin's default returns None).

Read from source only: field classes from `django.forms`; literal arguments
(a `choices=` name defined in the class body or the module is followed).
A ModelForm's model-generated fields cannot be read without Django: its
declared fields are exported and a `mizan-unresolved` warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from mizan_core.formfields import (
    FIELD_KINDS,
    TYPED_COERCE,
    UNSUPPORTED_KINDS,
    bound_text,
    form_label,
    initial_text,
)
from mizan_core.ir import (
    NONE,
    Choice,
    Form,
    FormField,
    ListOf,
    Location,
    Primitive,
    TypeRef,
    location_file,
)
from mizan_core.rules.catalogue import UNRESOLVED, UNSERIALIZABLE
from mizan_core.rules.sites import AffectsSite, Span

from ._symbols import Target
from .facts import CallX, ClassDecl, ConstX, DictX, Expr, ModuleFacts, NameX, SeqX, SubX
from .functions import read_affects
from .types import Issue, TypeResolver

__all__ = ["FORM_ACTIONS", "FormUnit", "read_form"]

FORM_ACTIONS = ("schema", "validate", "submit")
_DJANGO_FORMS = ("django.forms.fields.", "django.forms.")


@dataclass(frozen=True, slots=True)
class FormUnit:
    form: Form
    name_span: Span  # the `name=` argument (where a duplicate points)
    issues: tuple[Issue, ...]
    #: `mizanFormMeta(affects=...)` as written; the index resolves function objects
    affects: tuple[AffectsSite, ...] = ()
    file: str = ""  # the display path, set by the index (where a bad target is reported)


def read_form(decl: ClassDecl, facts: ModuleFacts, r: TypeResolver) -> FormUnit | None:
    meta = next((s.value for s in decl.body if s.name == "mizan" and isinstance(s.value, CallX)),
                None)
    if not isinstance(meta, CallX) or not _is_external(meta.func, facts, r, _FORM_META):
        return None
    name = meta.args[0] if meta.args else meta.kwarg("name")
    if not (isinstance(name, ConstX) and isinstance(name.value, str)):
        return None
    issues: list[Issue] = []
    fields = _fields(decl, facts, r, issues, set())
    model_form = _derives(decl, facts, r, "django.forms.ModelForm", set())
    if model_form:
        issues.append(Issue(UNRESOLVED, f"`{decl.qualname}` is a ModelForm: the fields Django "
                            "generates from its model cannot be read from source, only the "
                            "declared ones; use [source.django] for the full schema.",
                            facts.module, decl.span))
    returns = dict(decl.method_returns).get("on_submit_success", None)
    success: TypeRef = NONE  # the mixin's own on_submit_success returns None
    if "on_submit_success" in decl.methods:
        success = r.resolve(returns, facts, issues) if returns is not None else Primitive("any")
    form = Form(
        name=name.value, module=facts.module, qualname=decl.qualname,
        title=_text(meta.kwarg("title") or (meta.args[1] if len(meta.args) > 1 else None), ""),
        submit_label=_text(meta.kwarg("submit_label")
                           or (meta.args[2] if len(meta.args) > 2 else None), "Submit"),
        fields=tuple(fields.values()), success=success, model_form=model_form, doc=decl.doc,
        location=Location(location_file(facts.module, facts.is_package), decl.line),
    )
    affects = read_affects(meta.kwarg("affects"), facts, r)
    return FormUnit(form, name.span, tuple(issues), affects)


_FORM_META = frozenset({"mizan_django.forms.mizanFormMeta", "mizan.forms.mizanFormMeta"})


def _is_external(expr: Expr, facts: ModuleFacts, r: TypeResolver, names: frozenset[str]) -> bool:
    if not isinstance(expr, NameX):
        return False
    found = r.symbols.resolve(facts, expr.dotted)
    return found.kind == "external" and found.name in names


def _text(expr: Expr | None, default: str) -> str:
    return expr.value if isinstance(expr, ConstX) and isinstance(expr.value, str) else default


def _bases(decl: ClassDecl, facts: ModuleFacts, r: TypeResolver) -> list[Target]:
    out = []
    for base in decl.bases:
        head = base.base if isinstance(base, SubX) else base
        if isinstance(head, NameX):
            out.append(r.symbols.resolve(facts, head.dotted))
    return out


def _derives(decl: ClassDecl, facts: ModuleFacts, r: TypeResolver, external: str,
             seen: set[str]) -> bool:
    for target in _bases(decl, facts, r):
        if target.kind == "external" and target.name in (external, external.replace(
                "django.forms.", "django.forms.models.")):
            return True
        if target.kind == "class" and target.key not in seen:
            seen.add(target.key)
            home = r.load(target.module)
            base = home.classes.get(target.name) if home else None
            if home is not None and base is not None and _derives(base, home, r, external, seen):
                return True
    return False


def _fields(decl: ClassDecl, facts: ModuleFacts, r: TypeResolver, issues: list[Issue],
            seen: set[str]) -> dict[str, FormField]:
    fields: dict[str, FormField] = {}
    for target in reversed(_bases(decl, facts, r)):
        if target.kind == "class" and target.key not in seen:
            seen.add(target.key)
            home = r.load(target.module)
            base = home.classes.get(target.name) if home else None
            if home is not None and base is not None:
                fields.update(_fields(base, home, r, issues, seen))
    for stmt in decl.body:
        if stmt.value is None:
            continue
        if isinstance(stmt.value, ConstX) and stmt.value.value is None:
            fields.pop(stmt.name, None)  # `field = None` removes an inherited field
            continue
        if not isinstance(stmt.value, CallX) or not isinstance(stmt.value.func, NameX):
            continue
        found = r.symbols.resolve(facts, stmt.value.func.dotted)
        kind = _django_field(found)
        if kind is None:
            continue
        if kind in UNSUPPORTED_KINDS:
            issues.append(Issue(UNSERIALIZABLE, f"form field `{stmt.name}` is a {kind}, whose "
                                "value cannot cross JSON; upload files through a view instead.",
                                facts.module, stmt.value.span))
            continue
        fields[stmt.name] = _field(stmt.name, kind, stmt.value, decl, facts, r)
    return fields


def _widget_name(head: NameX, facts: ModuleFacts, r: TypeResolver) -> str:
    """The widget class's own `__name__`, as the runtime reads it off the field:
    an import alias (`Textarea as Area`) or a re-export names the class it binds."""
    target = r.symbols.resolve(facts, head.dotted)
    if target.kind in ("class", "external") and not target.rest:
        return target.name.rsplit(".", 1)[-1]
    return head.dotted.rsplit(".", 1)[-1]


def _django_field(target: Target) -> str | None:
    if target.kind != "external":
        return None
    for prefix in _DJANGO_FORMS:
        if target.name.startswith(prefix):
            kind = target.name[len(prefix):]
            if kind in FIELD_KINDS or kind in UNSUPPORTED_KINDS:
                return kind
    return None


def _field(name: str, kind: str, call: CallX, decl: ClassDecl, facts: ModuleFacts,
           r: TypeResolver) -> FormField:
    facts_of = FIELD_KINDS[kind]
    kw = dict(call.kwargs)

    def value(key: str) -> object:
        expr = kw.get(key)
        return None if expr is None else _python_value(expr, decl, facts, r)

    type_ = facts_of.type
    if kind in ("TypedChoiceField", "TypedMultipleChoiceField"):
        coerce = kw.get("coerce")
        item = TYPED_COERCE.get(coerce.dotted) if isinstance(coerce, NameX) else None
        item = item if item is not None else TYPED_COERCE["str"]
        type_ = ListOf(item) if facts_of.multiple else item
    widget = kw.get("widget")
    widget_name = facts_of.widget
    head = widget.func if isinstance(widget, CallX) else widget
    if isinstance(head, NameX):
        widget_name = _widget_name(head, facts, r)
    choices_value = value("choices") if "choices" in kw else (
        _python_value(call.args[0], decl, facts, r) if call.args and facts_of.has_choices else None)
    label = value("label")
    help_text = value("help_text")
    required = value("required")
    return FormField(
        name=name, kind=kind, type=type_, label=form_label(name, label if isinstance(label, str)
                                                            else None),
        required=required if isinstance(required, bool) else True,
        help_text=help_text if isinstance(help_text, str) else "",
        initial=initial_text(value("initial")), widget=widget_name,
        choices=_choices(choices_value) if facts_of.has_choices else (),
        multiple=facts_of.multiple,
        min_length=_int(value("min_length")),
        max_length=_int(value("max_length")) if "max_length" in kw else facts_of.max_length,
        min_value=bound_text(value("min_value")), max_value=bound_text(value("max_value")),
        max_digits=_int(value("max_digits")), decimal_places=_int(value("decimal_places")),
        input_formats=_strings(value("input_formats")) if facts_of.has_formats else (),
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _strings(value: object) -> tuple[str, ...]:
    """The strings of a literal list or tuple (`input_formats=["%d/%m/%Y"]`)."""
    items = value if isinstance(value, (list, tuple)) else ()
    return tuple(item for item in items if isinstance(item, str))


def _choices(value: object) -> tuple[Choice, ...]:
    out: list[Choice] = []
    if not isinstance(value, (list, tuple)):
        return ()
    for item in value:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            return ()
        key, label = item
        if isinstance(label, (list, tuple)):
            out.extend(_choices(label))
        elif key is None or isinstance(key, (str, int, bool)):
            out.append(Choice(key, str(label)))
        else:
            out.append(Choice(str(key), str(label)))
    return tuple(out)


def _python_value(expr: Expr, decl: ClassDecl, facts: ModuleFacts, r: TypeResolver,
                  depth: int = 0) -> object:
    """A literal argument as the Python value Django would hold, or None."""
    if depth > 10:
        return None
    if isinstance(expr, ConstX):
        return None if isinstance(expr.value, bytes) else expr.value
    if isinstance(expr, SeqX):
        items = [_python_value(i, decl, facts, r, depth + 1) for i in expr.items]
        return tuple(items) if expr.kind == "tuple" else items
    if isinstance(expr, DictX):
        return {_python_value(k, decl, facts, r, depth + 1): _python_value(v, decl, facts, r,
                                                                             depth + 1)
                for k, v in zip(expr.keys, expr.values)}
    if isinstance(expr, CallX) and isinstance(expr.func, NameX) and len(expr.args) == 1:
        found = r.symbols.resolve(facts, expr.func.dotted)
        arg = expr.args[0]
        if found.kind == "external" and found.name == "decimal.Decimal" \
                and isinstance(arg, ConstX) and isinstance(arg.value, (str, int)):
            try:
                return Decimal(arg.value)
            except InvalidOperation:
                return None
    if isinstance(expr, NameX):
        own = next((s for s in decl.body if s.name == expr.dotted and s.value is not None), None)
        if own is not None and own.value is not None:
            return _python_value(own.value, decl, facts, r, depth + 1)
        target = r.symbols.resolve(facts, expr.dotted)
        if target.kind == "assign" and not target.rest:
            home = r.load(target.module)
            stmt = home.assigns.get(target.name) if home else None
            if home is not None and stmt is not None and stmt.value is not None:
                return _python_value(stmt.value, decl, home, r, depth + 1)
        member = r.builder.enum_member_value(expr, facts)
        return None if member is None else member[0]
    return None
