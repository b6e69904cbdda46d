"""The IR as an OpenAPI 3.1 document, for tools that speak OpenAPI.

Every registered function is `POST <base>/call/<name>`; a context function
also has `GET` with each argument a JSON value in the query string (the
parameter's `content` is `application/json`, which is how OpenAPI spells
that encoding); a `route=` function is also its route; a form is its three
calls (`<name>.schema`, `.validate`, `.submit`). What a mutation invalidates
is the operation's `x-mizan-invalidates`. Keys are emitted in a fixed order,
so the same IR is always the same bytes.
"""

from __future__ import annotations

from typing import Any

from mizan_core.ir import Affect, Form, FormField, Function, Param, ProjectIR

from ._paths import ROUTE_PLACEHOLDER, call_path, check_base, dump_document, route_path
from ._schemas import SchemaNames, emit_enum, emit_model, emit_type, with_default

__all__ = ["DEFAULT_BASE", "dumps_openapi", "openapi"]

DEFAULT_BASE = "/api/mizan"
OPENAPI_VERSION = "3.1.0"

Doc = dict[str, Any]

_ERROR = "#/components/responses/"
_ERRORS: tuple[tuple[str, str, str], ...] = (
    ("400", "BadRequest", "invalid_json, invalid_arguments, invalid_form or bad_request"),
    ("401", "Unauthenticated", "unauthenticated: a user is needed, or the bearer token is invalid"),
    ("403", "Forbidden", "forbidden (the auth rule refused) or csrf_failed"),
    ("404", "NotFound", "not_found: no function under that name, or it raised Http404"),
    ("405", "MethodNotAllowed", "method_not_allowed"),
    ("413", "PayloadTooLarge", "payload_too_large: the body is over MIZAN_MAX_BODY_BYTES"),
    ("415", "UnsupportedMediaType", "unsupported_media_type: a POST body that is not JSON"),
    ("500", "InternalError", ("internal_error: the function raised (no internals unless DEBUG); "
                              "or misconfigured: a Mizan setting cannot be used, found before "
                              "anything ran")),
)
_AUTH_TEXT = {
    "none": "anyone",
    "authenticated": "a logged-in user",
    "staff": "a staff user",
    "superuser": "a superuser",
    "custom": "whoever the function's own rule admits",
}
_CONVERTERS: dict[str | None, Doc] = {
    None: {"type": "string", "pattern": "^[^/]+$"},
    "str": {"type": "string", "pattern": "^[^/]+$"},
    "int": {"type": "integer", "minimum": 0},
    "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    "uuid": {"type": "string", "format": "uuid"},
    "path": {"type": "string", "minLength": 1},
}


def _security(auth: str, post: bool) -> list[Doc]:
    session: Doc = {"mizanSession": [], "mizanCsrf": []} if post else {"mizanSession": []}
    schemes = [session, {"mizanBearer": []}]
    return [{}, *schemes] if auth == "none" else schemes


def _errors() -> Doc:
    return {status: {"$ref": _ERROR + name} for status, name, _ in _ERRORS}


def _envelope(result: Doc) -> Doc:
    return {
        "type": "object",
        "properties": {
            "result": result,
            "invalidate": {"type": "array",
                           "items": {"$ref": "#/components/schemas/mizan.Invalidation"}},
        },
        "required": ["result", "invalidate"],
    }


def _ok(result: Doc, *, etag: bool = False, purges: bool = False) -> Doc:
    headers: Doc = {"X-Mizan-Invalidate": {"$ref": "#/components/headers/X-Mizan-Invalidate"}}
    if purges:
        headers["X-Mizan-Purge"] = {"$ref": "#/components/headers/X-Mizan-Purge"}
    if etag:
        headers["ETag"] = {"description": "strong tag of the result JSON",
                           "schema": {"type": "string"}}
    return {"description": "the result and what the call invalidated", "headers": headers,
            "content": {"application/json": {"schema": _envelope(result)}}}


def _own_response() -> Doc:
    return {"default": {"description": "the function's own response, passed through "
                                       "(redirect, HTML, file), or an error"}}


def _arguments(params: tuple[Param, ...], names: SchemaNames) -> Doc:
    schema: Doc = {"type": "object",
                   "properties": {p.name: with_default(emit_type(p.type, names), p.default)
                                  for p in params}}
    required = [p.name for p in params if p.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _body(schema: Doc, required: bool) -> Doc:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def _invalidates(affects: tuple[Affect, ...]) -> list[Doc]:
    return [{"kind": a.kind, "target": a.target, "scope": list(a.scope)} for a in affects]


def _extensions(fn: Function) -> Doc:
    ext: Doc = {"x-mizan-auth": fn.auth}
    if fn.context is not None:
        ext["x-mizan-context"] = fn.context
    if fn.affects:
        ext["x-mizan-invalidates"] = _invalidates(fn.affects)
    if fn.websocket:
        ext["x-mizan-websocket"] = True
    return ext


def _description(fn: Function) -> str:
    text = f"Callable by {_AUTH_TEXT[fn.auth]}."
    return f"{fn.doc}\n\n{text}" if fn.doc else text


def _emit_call(fn: Function, names: SchemaNames) -> Doc:
    """`POST <base>/call/<name>`: every function has it."""
    op: Doc = {"operationId": f"call:{fn.name}", "summary": fn.name,
               "description": _description(fn), "tags": [fn.module],
               "security": _security(fn.auth, post=True)}
    op["requestBody"] = _body(_arguments(fn.params, names), any(p.required for p in fn.params))
    if fn.view_path:
        op["responses"] = _own_response()
    else:
        op["responses"] = {"200": _ok(emit_type(fn.returns, names), purges=bool(fn.affects)),
                           **_errors()}
    op.update(_extensions(fn))
    return op


def _emit_context_get(fn: Function, names: SchemaNames) -> Doc:
    """`GET <base>/call/<name>?<arg>=<json>`: context functions, cacheable by ETag."""
    op: Doc = {"operationId": f"get:{fn.name}", "summary": f"{fn.name} (cacheable read)",
               "description": _description(fn) + " Each query value is a JSON value "
               "(`?cart_id=1`, `?slug=%22tea%22`).", "tags": [fn.module],
               "security": _security(fn.auth, post=False)}
    op["parameters"] = [
        {"name": p.name, "in": "query", "required": p.required,
         "content": {"application/json": {"schema": with_default(emit_type(p.type, names),
                                                                 p.default)}}}
        for p in fn.params]
    op["responses"] = {"200": _ok(emit_type(fn.returns, names), etag=True),
                       "304": {"description": "not modified (If-None-Match matched the ETag)"},
                       **_errors()}
    op.update(_extensions(fn))
    return op


def _emit_route(fn: Function, names: SchemaNames, method: str) -> Doc:
    """A `route=` function at its own path (also served under `<base>`)."""
    converters = {m["name"]: m["converter"] for m in ROUTE_PLACEHOLDER.finditer(fn.route or "")}
    op: Doc = {"operationId": f"route-{method}:{fn.name}", "summary": f"{fn.name} (route)",
               "description": _description(fn), "tags": [fn.module],
               "security": _security(fn.auth, post=method == "post")}
    op["parameters"] = [{"name": name, "in": "path", "required": True,
                         "schema": dict(_CONVERTERS.get(conv, _CONVERTERS[None]))}
                        for name, conv in converters.items()]
    op["responses"] = _own_response()
    op.update(_extensions(fn))
    return op


def _emit_form_field(field: FormField, names: SchemaNames) -> Doc:
    schema: Doc = {"enum": [c.value for c in field.choices]} if field.choices else \
        emit_type(field.type, names)
    if field.min_length is not None:
        schema["minLength"] = field.min_length
    if field.max_length is not None:
        schema["maxLength"] = field.max_length
    if field.multiple:
        schema = {"type": "array", "items": schema}
    schema["description"] = f"{field.kind}: {field.label}"
    return schema


def _form_field_values(form: Form, names: SchemaNames, submit: bool) -> Doc:
    """The values a form takes, by field name; an unknown name is refused.
    Django judges the values, so `validate` takes any JSON value per field
    (and answers what is wrong), while `submit` is described as what a valid
    form holds (anything else is `400 invalid_form`, not `invalid_arguments`)."""
    if not submit:
        return {"type": "object",
                "properties": {f.name: {"description": f"{f.kind}: {f.label}"}
                               for f in form.fields},
                "additionalProperties": False}
    schema: Doc = {"type": "object",
                   "properties": {f.name: _emit_form_field(f, names) for f in form.fields}}
    required = [f.name for f in form.fields if f.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _emit_form(form: Form, names: SchemaNames, base: str) -> Doc:
    """The three calls a form registers, POST only."""
    security = _security("none", post=True)
    tags = [form.module]
    ref = "#/components/schemas/mizan."
    calls = {
        "schema": ("the form's fields as the IR describes them", _body(
            {"type": "object", "additionalProperties": False}, False), {"$ref": ref + "Form"}),
        "validate": ("validate values without submitting",
                     _body(_form_field_values(form, names, submit=False), False),
                     {"$ref": ref + "FormValidation"}),
        "submit": ("validate and submit (an invalid form is 400 invalid_form)",
                   _body(_form_field_values(form, names, submit=True), True),
                   emit_type(form.success, names)),
    }
    paths: Doc = {}
    for suffix, (summary, body, result) in calls.items():
        name = f"{form.name}.{suffix}"
        operation: Doc = {
            "operationId": f"call:{name}", "summary": name, "description": summary,
            "tags": tags, "security": security, "requestBody": body,
            "responses": {"200": _ok(result, purges=suffix == "submit" and bool(form.affects)),
                          **_errors()},
            "x-mizan-form": form.name}
        if suffix == "submit" and form.affects:
            operation["x-mizan-invalidates"] = _invalidates(form.affects)
        paths[call_path(base, name)] = {"post": operation}
    return paths


_INVALIDATION: Doc = {
    "type": "object",
    "properties": {
        "kind": {"enum": ["context", "function"]},
        "target": {"type": "string"},
        "scope": {"type": "object", "description": "parameter name -> the value it was called "
                                                   "with; empty: every instance"},
    },
    "required": ["kind", "target", "scope"],
}
_ERROR_SCHEMA: Doc = {
    "type": "object",
    "properties": {"error": {
        "type": "object",
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "details": {"description": "per code: field errors, form errors, "
                                                  "or null"}},
        "required": ["code", "message", "details"],
    }},
    "required": ["error"],
}
_FORM_FIELD: Doc = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "kind": {"type": "string"},
                   "type": {"description": "the cleaned value's wire type, IR JSON notation"},
                   "label": {"type": "string"}, "required": {"type": "boolean"}},
    "required": ["name", "kind", "type", "label", "required"],
}
_FORM: Doc = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "title": {"type": "string"},
                   "submit_label": {"type": "string"}, "model_form": {"type": "boolean"},
                   "fields": {"type": "array", "items": {"$ref": "#/components/schemas/"
                                                                 "mizan.FormField"}}},
    "required": ["name", "title", "submit_label", "model_form", "fields"],
}
_FORM_VALIDATION: Doc = {
    "type": "object",
    "properties": {"valid": {"type": "boolean"},
                   "errors": {"type": "object", "additionalProperties": {
                       "type": "array", "items": {"type": "string"}}},
                   "non_field_errors": {"type": "array", "items": {"type": "string"}}},
    "required": ["valid", "errors", "non_field_errors"],
}


def _components(ir: ProjectIR, names: SchemaNames) -> Doc:
    schemas: Doc = {}
    for m in sorted(ir.models, key=lambda m: names(m.name)):
        schemas[names(m.name)] = emit_model(m, names)
    for e in sorted(ir.enums, key=lambda e: names(e.name)):
        schemas[names(e.name)] = emit_enum(e, names)
    schemas["mizan.Invalidation"] = _INVALIDATION
    schemas["mizan.Error"] = _ERROR_SCHEMA
    if ir.forms:
        schemas["mizan.Form"] = _FORM
        schemas["mizan.FormField"] = _FORM_FIELD
        schemas["mizan.FormValidation"] = _FORM_VALIDATION
    error_body = {"application/json": {"schema": {"$ref": "#/components/schemas/mizan.Error"}}}
    return {
        "schemas": schemas,
        "responses": {name: {"description": text, "content": error_body}
                      for _, name, text in _ERRORS},
        "headers": {
            "X-Mizan-Invalidate": {
                "description": "the same invalidation list as the body, compact JSON",
                "schema": {"type": "string"}},
            "X-Mizan-Purge": {
                "description": "`pending` when the server could not yet remove the values this "
                               "call changed from a shared cache: other processes may serve "
                               "values from before it until the purge is written",
                "schema": {"type": "string", "enum": ["pending"]}},
        },
        "securitySchemes": {
            "mizanSession": {"type": "apiKey", "in": "cookie", "name": "sessionid",
                             "description": "Django's session cookie"},
            "mizanCsrf": {"type": "apiKey", "in": "header", "name": "X-CSRFToken",
                          "description": "the csrftoken cookie's value: required on a POST "
                                         "that carries the session cookie"},
            "mizanBearer": {"type": "http", "scheme": "bearer", "bearerFormat": "MWT",
                            "description": "a Mizan Web Token (mwt1.<kid>.<payload>.<sig>), "
                                           "no cookie, no CSRF"},
        },
    }


def openapi(ir: ProjectIR, base: str = DEFAULT_BASE) -> Doc:
    """The OpenAPI 3.1 document as a dict (key order is the output order)."""
    base = check_base(base)
    names = SchemaNames(ir)
    paths: Doc = {}
    for fn in sorted(ir.functions, key=lambda f: f.name):
        item: Doc = {}
        if fn.context is not None:
            item["get"] = _emit_context_get(fn, names)
        item["post"] = _emit_call(fn, names)
        paths[call_path(base, fn.name)] = item
    for form in sorted(ir.forms, key=lambda f: f.name):
        paths.update(_emit_form(form, names, base))
    for fn in sorted((f for f in ir.functions if f.route), key=lambda f: f.name):
        methods = ("post",) if fn.affects else ("get", "post")
        paths.setdefault(route_path(fn), {}).update(
            {m: _emit_route(fn, names, m) for m in methods})
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": "Mizan server functions", "version": str(ir.version),
                 "description": "Generated from the Mizan IR. Errors share one shape; "
                                "invalidation facts are in x-mizan-invalidates."},
        "paths": paths,
        "components": _components(ir, names),
    }


def dumps_openapi(ir: ProjectIR, base: str = DEFAULT_BASE) -> str:
    return dump_document(openapi(ir, base))
