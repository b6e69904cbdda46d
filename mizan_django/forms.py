"""Django forms as typed server functions.

A form that mixes in :class:`mizanFormMixin` and names itself with
:class:`mizanFormMeta` registers three ordinary server functions in
``mizan_core.default_registry`` when its class is created, so they pass
through the same pipeline as every ``@client`` function (auth, CSRF, body
checks, error shape, caching rules)::

    class ContactForm(mizanFormMixin, forms.Form):
        mizan = mizanFormMeta(name="contact", title="Contact Us", submit_label="Send")
        name = forms.CharField(max_length=100)

        def on_submit_success(self, request) -> dict[str, bool]:
            return {"sent": True}

Wire (see docs/protocol.md, "Forms"):

- ``contact.schema`` (no arguments) -> the form as the IR describes it:
  ``{"name", "title", "submit_label", "model_form", "fields": [...]}``, each
  field in declaration order with ``kind``, ``type``, ``label``, ``required``,
  ``help_text``, ``initial`` (a JSON value), ``widget``, ``choices``,
  ``multiple``, length/value bounds (bounds as decimal text),
  ``max_digits``, ``decimal_places`` and ``input_formats``.
- ``contact.validate`` (the values keyed by field name, each optional; ``null``
  or absent means empty) -> ``{"valid", "errors": {field: [messages]},
  "non_field_errors": [messages]}`` in Django's own words.
- ``contact.submit`` (same arguments) -> ``400 invalid_form`` with details
  ``{"errors", "non_field_errors"}``, or ``on_submit_success(request)``'s value.

The form's name is claimed in the registry as a ``form`` entry, so a function
or channel with the same name is refused when it is declared.
"""

from __future__ import annotations

import inspect
import json
import typing
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest

from mizan_core.client import AffectsTarget, ClientMeta, ServerFunction, client
from mizan_core.errors import MizanSetupError
from mizan_core.ir import Affect, Form, Primitive, ProjectIR, TypeRef, ir_to_dict
from mizan_core.ir.declarations import function_affects
from mizan_core.registry import Registry, default_registry, validate_name
from mizan_django._formfields import base_fields, describe_field, describe_fields
from mizan_django._source import class_location
from mizan_django._types import own_doc
from mizan_django.errors import MizanRequestError

__all__ = [
    "FORM_ACTIONS",
    "FORM_ENDPOINTS",
    "form_ir",
    "form_of",
    "mizanFormMeta",
    "mizanFormMixin",
    "registered_forms",
]

#: The three functions every form registers, as ``<name>.<action>``.
FORM_ACTIONS: tuple[str, ...] = ("schema", "validate", "submit")
FORM_ENDPOINTS = FORM_ACTIONS  # the name the runtime's first draft used


@dataclass(frozen=True, slots=True)
class mizanFormMeta:
    """How a form is published: its public name, a title, the submit button's text,
    and what a successful submit invalidates (``affects=``, as ``@client`` takes it:
    a context name, a ``@client`` function, or a list of those). The invalidation
    is scoped by the form's fields that share name and type with the target's
    parameters."""

    name: str
    title: str = ""
    submit_label: str = "Submit"
    affects: AffectsTarget | list[AffectsTarget] | tuple[AffectsTarget, ...] | None = None

    def __post_init__(self) -> None:
        validate_name(self.name)
        for attr in ("title", "submit_label"):
            if not isinstance(getattr(self, attr), str):
                raise MizanSetupError(f"mizanFormMeta({attr}=...) must be a string.")
        try:
            targets = client(affects=self.affects).meta.affects  # @client's own rules
        except MizanSetupError as error:
            raise MizanSetupError(str(error).replace("@client(affects=...)",
                                                     "mizanFormMeta(affects=...)")) from None
        object.__setattr__(self, "affects", targets)

    @property
    def targets(self) -> tuple[AffectsTarget, ...]:
        """``affects`` as a tuple (normalised when the meta was made)."""
        return typing.cast("tuple[AffectsTarget, ...]", self.affects)


class mizanFormMixin:
    """Mix into a ``forms.Form`` or ``forms.ModelForm`` with ``mizan = mizanFormMeta(...)``.

    A subclass without its own ``mizan`` attribute is a base class and
    registers nothing.
    """

    mizan: ClassVar[mizanFormMeta]
    #: the registry the form's functions go to (tests give their own)
    mizan_registry: ClassVar[Registry] = default_registry

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("mizan")
        if meta is None:
            return
        if not isinstance(meta, mizanFormMeta):
            raise MizanSetupError(
                f"{cls.__module__}.{cls.__qualname__}.mizan must be "
                f"mizanFormMeta(name=..., title=..., submit_label=...); got {meta!r}."
            )
        if not issubclass(cls, forms.BaseForm):
            raise MizanSetupError(
                f"{cls.__qualname__} mixes in mizanFormMixin but is not a Django form: "
                "write `class X(mizanFormMixin, forms.Form)`."
            )
        for name, field in cls.__dict__.get("declared_fields", {}).items():
            describe_field(name, field)  # a field that cannot cross JSON fails at import
        _register(cls, meta, cls.mizan_registry)

    def on_submit_success(self, request: HttpRequest) -> object:
        """Called by ``<name>.submit`` with valid data; its value is the result.

        An override may return any value the pipeline can serialise (a dict,
        a pydantic model...), annotated as it likes: ``object`` accepts every
        return type in an override. The default saves a ``ModelForm``'s
        instance and returns None.
        """
        if isinstance(self, forms.BaseModelForm):
            self.save()
        return None

    @classmethod
    def __mizan_ir__(cls, types: Any) -> Form:
        """The form's IR node; ``types`` is the exporter's ``TypeCollector``."""
        return form_ir(cls, types.to_ir(success_annotation(cls)))


def _register(cls: type[forms.BaseForm], meta: mizanFormMeta, registry: Registry) -> None:
    registry.reserve(meta.name, cls, kind="form")
    for action in FORM_ACTIONS:
        fn_meta = ClientMeta(affects=meta.targets) if action == "submit" else ClientMeta()
        registry.register(ServerFunction(_FormEndpoint(cls, action), fn_meta),
                          f"{meta.name}.{action}")


# --- the three server functions ------------------------------------------------------


class _FormEndpoint:
    """The callable behind ``<form>.<action>``.

    Its signature is computed when asked, not at class creation: Django sets
    ``base_fields`` only after ``__init_subclass__`` has run. ``validate`` and
    ``submit`` take every field as an optional keyword of any JSON type, so
    the pipeline rejects unknown names and Django judges the values.
    """

    def __init__(self, form_class: type[forms.BaseForm], action: str) -> None:
        self.form_class = form_class
        self.action = action
        self.__module__ = form_class.__module__
        self.__name__ = action
        self.__qualname__ = f"{form_class.__qualname__}.{action}"
        self.__doc__ = f"The {action} function of form {form_class.__qualname__}."

    @property
    def __signature__(self) -> inspect.Signature:
        params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=HttpRequest)]
        if self.action != "schema":
            params += [
                inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None,
                                  annotation=Any)
                for name in base_fields(self.form_class)
            ]
        return inspect.Signature(params, return_annotation=self._returns())

    @property
    def __annotations__(self) -> dict[str, Any]:  # type: ignore[override]  # computed, as above
        sig = self.__signature__
        hints = {p.name: p.annotation for p in sig.parameters.values()}
        hints["return"] = sig.return_annotation
        return hints

    def _returns(self) -> Any:
        if self.action == "schema":
            return dict[str, Any]
        if self.action == "validate":
            return dict[str, Any]
        return success_annotation(self.form_class)

    def __call__(self, request: HttpRequest, **values: Any) -> Any:
        if self.action == "schema":
            return form_schema(self.form_class)
        form = _bind(self.form_class, request, values)
        verdict = _verdict(form)
        if self.action == "validate":
            return verdict
        if not verdict["valid"]:
            raise MizanRequestError(
                400, "invalid_form", "the form has errors",
                {"errors": verdict["errors"], "non_field_errors": verdict["non_field_errors"]},
            )
        return typing.cast("mizanFormMixin", form).on_submit_success(request)


def _bind(form_class: type[forms.BaseForm], request: HttpRequest,
          values: dict[str, Any]) -> forms.BaseForm:
    unknown = sorted(set(values) - set(base_fields(form_class)))
    if unknown:  # the pipeline rejects these already; a direct call gets the same answer
        raise MizanRequestError.invalid_arguments(
            [{"field": n, "message": "unknown field", "type": "extra_forbidden"} for n in unknown])
    form = form_class(data={k: v for k, v in values.items() if v is not None})
    form.request = request  # type: ignore[attr-defined]  # for clean(), which may need the user
    return form


def _verdict(form: forms.BaseForm) -> dict[str, Any]:
    valid = form.is_valid()
    errors = {
        field: [str(m) for m in messages]
        for field, messages in form.errors.items()
        if field != NON_FIELD_ERRORS
    }
    return {"valid": valid, "errors": errors,
            "non_field_errors": [str(m) for m in form.non_field_errors()]}


# --- description: schema and IR --------------------------------------------------------


def success_annotation(form_class: type) -> Any:
    """``on_submit_success``'s return annotation (``Any`` when it has none,
    ``None`` for the mixin's own, whose ``object`` only makes room for overrides)."""
    assert issubclass(form_class, mizanFormMixin)  # every registered form mixes it in
    method = form_class.on_submit_success
    if method is mizanFormMixin.on_submit_success:
        return type(None)
    try:
        hints = typing.get_type_hints(method)
    except Exception as exc:  # an unresolvable annotation is a setup error, said plainly
        raise MizanSetupError(
            f"cannot resolve the return annotation of {form_class.__qualname__}."
            f"on_submit_success: {exc}"
        ) from exc
    return hints.get("return", Any)


def form_of(fn: object) -> type[forms.BaseForm] | None:
    """The form class behind a form's server function, or None for any other."""
    func = getattr(fn, "func", None)
    return func.form_class if isinstance(func, _FormEndpoint) else None


def registered_forms(registry: Registry | None = None) -> list[type[forms.BaseForm]]:
    """Every form class that claimed a name in ``registry``, sorted by name."""
    reg = default_registry if registry is None else registry
    targets = (e.target for e in reg.entries() if e.kind == "form")
    return [t for t in targets if isinstance(t, type) and issubclass(t, forms.BaseForm)]


def form_ir(form_class: type, success: TypeRef) -> Form:
    """The IR node of a registered form; ``success`` is ``on_submit_success``'s
    wire type, converted by the caller (the exporter owns type conversion)."""
    meta: mizanFormMeta = form_class.__dict__["mizan"]
    return Form(
        name=meta.name,
        module=form_class.__module__,
        qualname=form_class.__qualname__,
        title=meta.title,
        submit_label=meta.submit_label,
        fields=describe_fields(form_class),
        success=success,
        model_form=issubclass(form_class, forms.BaseModelForm),
        doc=own_doc(form_class),
        location=class_location(form_class),
        affects=tuple(a for t in meta.targets for a in _affects(t)),
    )


def _affects(target: AffectsTarget) -> tuple[Affect, ...]:
    """The IR affects of one target, as the function exporter writes them."""
    if isinstance(target, ServerFunction):
        return function_affects(target.registered_names)
    return (Affect(str(target), "context"),)


def form_schema(form_class: type) -> dict[str, Any]:
    """What ``<name>.schema`` answers: the IR's JSON form of the form, with
    ``initial`` as a JSON value instead of JSON text."""
    node = form_ir(form_class, Primitive("any"))
    data = ir_to_dict(ProjectIR(forms=(node,)))["forms"][0]
    for field in data["fields"]:
        field["initial"] = None if field["initial"] is None else json.loads(field["initial"])
    return {key: data[key] for key in ("name", "title", "submit_label", "model_form", "fields")}
