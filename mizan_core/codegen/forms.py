"""The forms of a module's `index.ts`: a Zod schema, its field facts and its calls per `mizanFormMixin` form.

For a form registered as `contact`: `ContactFormSchema` (Zod, built from the
field rules Django declares: required, min/max length, min/max value, digits,
formats, choices), `ContactFormValues` (what the inputs hold: `""` or `null`
for an empty field), `ContactFormInfo` (labels, widgets, choices, for
rendering), `ContactFormSpec` (what every target's `useContactForm()` is
built from) and `callContactValidate`/`callContactSubmit` (plain calls).
Framework-free: the hooks are each target's.
"""

from __future__ import annotations

import json

from mizan_core.ir import Form, FormField, Primitive, ProjectIR, TypeRef, UnionOf

from ._ts import Emitted, doc_comment
from .calls import invalidates
from .names import Names
from .types import literal, property_key, ts_type

__all__ = ["emit_forms"]

_TEXT_FORMATS = {"EmailField": "email", "URLField": "url", "SlugField": "slug", "UUIDField": "uuid"}
_STRINGY = {"str", "datetime", "date", "time", "uuid", "decimal"}


def _core(t: TypeRef) -> TypeRef:
    if isinstance(t, UnionOf):
        rest = tuple(o for o in t.options if o != Primitive("none"))
        return rest[0] if len(rest) == 1 else UnionOf(rest)
    return t


def _rules(field: FormField, **extra: object) -> str:
    parts = [f"required: {'true' if field.required else 'false'}"]
    parts += [f"{k}: {v}" for k, v in extra.items() if v is not None]
    return "{ " + ", ".join(parts) + " }"


def _builder(field: FormField, names: Names) -> tuple[str, str]:
    """The Zod expression for `field` and the value of an empty input."""
    if field.choices:
        values = [c.value for c in field.choices if c.value not in ("", None)]
        listed = "[" + ", ".join(literal(v) for v in values) + "] as const"
        if field.multiple:
            return f"formKit.choices({listed}, {_rules(field)})", "[]"
        return f"formKit.choice({listed}, {_rules(field)})", '""'
    core = _core(field.type)
    kind = field.kind
    primitive = core.name if isinstance(core, Primitive) else None
    bounds = {"minValue": field.min_value, "maxValue": field.max_value}
    if kind == "DecimalField" or (primitive == "decimal" and kind not in _TEXT_FORMATS):
        return (f"formKit.decimal({_rules(field, **bounds, maxDigits=field.max_digits, decimalPlaces=field.decimal_places)})",
                '""')
    if kind == "IntegerField" or (primitive == "int" and kind != "FloatField"):
        return f"formKit.integer({_rules(field, **bounds)})", "null"
    if kind == "FloatField" or primitive == "float":
        return f"formKit.number({_rules(field, **bounds)})", "null"
    if kind == "BooleanField" or (primitive == "bool" and kind != "NullBooleanField"):
        return f"formKit.checkbox({_rules(field)})", "false"
    if kind in _TEXT_FORMATS or primitive in _STRINGY:
        fmt = _TEXT_FORMATS.get(kind)
        return (f"formKit.text({_rules(field, minLength=field.min_length, maxLength=field.max_length, format=literal(fmt) if fmt else None)})",
                '""')
    value_type = ts_type(field.type, names, as_input=True)
    if value_type != "unknown" and "null" not in value_type.split(" | "):
        value_type += " | null"
    return f"formKit.value<{value_type}>({_rules(field)})", "null"


def _initial(field: FormField, empty: str) -> str:
    if field.initial is None:
        return empty
    try:
        return json.dumps(json.loads(field.initial), ensure_ascii=False)
    except ValueError:
        return empty


def _info(form: Form, stem: str) -> list[str]:
    out = [f"export const {stem}FormInfo: FormInfo = {{",
           f"  name: {literal(form.name)},", f"  title: {literal(form.title)},",
           f"  submitLabel: {literal(form.submit_label)},", "  fields: ["]
    for f in form.fields:
        choices = ", ".join(f"{{ value: {literal(c.value)}, label: {literal(c.label)} }}" for c in f.choices)
        out.append(f"    {{ name: {literal(f.name)}, label: {literal(f.label)}, kind: {literal(f.kind)}, "
                   f"widget: {literal(f.widget)}, required: {'true' if f.required else 'false'}, "
                   f"helpText: {literal(f.help_text)}, choices: [{choices}] }},")
    out += ["  ],", "};"]
    return out


def _emit_form(form: Form, names: Names) -> list[str]:
    stem = names.forms[form.name]
    success = ts_type(form.success, names)
    schema, initial = [], []
    for f in form.fields:
        expr, empty = _builder(f, names)
        # pure, as the schema is: a page that uses no form drops it and zod with it
        schema.append(f"  {property_key(f.name)}: /* @__PURE__ */ {expr},")
        initial.append(f"  {property_key(f.name)}: {_initial(f, empty)},")
    return [
        *doc_comment(f"Zod schema of the `{form.name}` form: Django's field rules, checked in the browser."),
        f"export const {stem}FormSchema = /* @__PURE__ */ z.object({{", *schema, "});", "",
        f"export type {stem}FormValues = z.input<typeof {stem}FormSchema>;",
        f"export type {stem}FormSuccess = {success};", "",
        *_info(form, stem), "",
        *doc_comment(f"The `{form.name}` form for `FormController` and every target's `use{stem}Form()`."),
        f"export const {stem}FormSpec: FormSpec<{stem}FormValues> = {{",
        f"  name: {literal(form.name)},", f"  schema: {stem}FormSchema,", "  initial: {",
        *("  " + line for line in initial), "  },", "};", "",
        *doc_comment(f"Server-side validation (`{form.name}.validate`): Django's own messages."),
        f"export function call{stem}Validate(values: {stem}FormValues, options?: CallOptions): Promise<FormValidation> {{",
        f'  return (options?.client ?? defaultClient()).call<FormValidation>("{form.name}.validate", values, options);',
        "}", "",
        *doc_comment(f"Submit (`{form.name}.submit`); invalid values reject with a `MizanError` `invalid_form`"
                     + (f"; a success {invalidates(form.affects)}." if form.affects else ".")),
        f"export function call{stem}Submit(values: {stem}FormValues, options?: CallOptions): Promise<{stem}FormSuccess> {{",
        f'  return (options?.client ?? defaultClient()).call<{stem}FormSuccess>("{form.name}.submit", values, options);',
        "}",
    ]


def emit_forms(ir: ProjectIR, names: Names) -> Emitted | None:
    """The runtime imports and the body of `ir`'s forms (of one module), or None without forms."""
    if not ir.forms:
        return None
    runtime = [("zod", {"z"}, False), ("./kernel", {"defaultClient"}, False), ("./kernel", {"CallOptions"}, True),
               ("./kernel-forms", {"formKit"}, False), ("./kernel-forms", {"FormInfo", "FormSpec", "FormValidation"}, True)]
    return runtime, "\n\n".join("\n".join(_emit_form(f, names)) for f in ir.forms)
