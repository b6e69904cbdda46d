"""Per-function work done once: the argument model and the result serialiser.

Each served function gets one pydantic model of its wire parameters (strict
JSON validation, ``extra="forbid"``) and one ``TypeAdapter`` of its return
annotation, built on the first call and reused. Model fields are named
``p0``, ``p1``... with the parameter name as alias, so any parameter name
(``json``, ``schema``, ``_private``) validates without clashing with
pydantic's own attributes, and error locations still name the parameter.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model
from pydantic_core import PydanticSerializationError

from mizan_core.client import ClientMeta, ServerFunction
from mizan_django.errors import MizanRequestError, validation_details
from mizan_django.export import is_view_path, served_type_hints

__all__ = ["Plan", "plan_for"]

# allow_inf_nan=False: a JSON integer too large for a float, or "inf" in a URL path,
# must not reach a float parameter as infinity (the JSON reader refuses 1e400 itself).
_STRICT = ConfigDict(extra="forbid", strict=True, arbitrary_types_allowed=True,
                     allow_inf_nan=False)
_LAX = ConfigDict(extra="forbid", strict=False, arbitrary_types_allowed=True,
                  allow_inf_nan=False)


@dataclass(frozen=True)
class Plan:
    name: str
    fn: ServerFunction[..., Any]
    meta: ClientMeta
    view_path: bool
    args_model: type[BaseModel]
    #: the same model, lax: for URL path values (strings) of route= functions
    path_args_model: type[BaseModel]
    fields: tuple[tuple[str, str], ...]  # (model attribute, parameter name)
    result: TypeAdapter[Any] | None

    def validate_json(self, body: bytes | str) -> BaseModel:
        try:
            return self.args_model.model_validate_json(body)
        except ValidationError as error:
            raise MizanRequestError.invalid_arguments(validation_details(error)) from None

    def validate_path(self, values: dict[str, Any]) -> BaseModel:
        try:
            return self.path_args_model.model_validate(values)
        except ValidationError as error:
            raise MizanRequestError.invalid_arguments(validation_details(error)) from None

    def kwargs(self, args: BaseModel) -> dict[str, Any]:
        return {param: getattr(args, attr) for attr, param in self.fields}

    @staticmethod
    def json_args(args: BaseModel) -> dict[str, Any]:
        """The validated arguments as JSON data (defaults included), keyed by parameter."""
        return args.model_dump(mode="json", by_alias=True)

    def dump_result(self, value: Any) -> bytes:
        """The result as JSON; a value its annotation does not describe is never sent as it is.

        Such a value (a dict for a model, a tuple for a list, a string for an int) is
        validated as the annotation first, so a dict of the model's fields is served as
        the model would be; one that does not validate is the function's failure.
        """
        assert self.result is not None
        try:
            return self.result.dump_json(value, by_alias=True, warnings="error")
        except PydanticSerializationError:
            try:
                valid = self.result.validate_python(value)
            except ValidationError as error:
                raise TypeError(f"{self.name!r} returned a {type(value).__name__} that does not "
                                f"match its return annotation: {error}") from None
        return self.result.dump_json(valid, by_alias=True, warnings="error")


def _build(name: str, fn: ServerFunction[..., Any]) -> Plan:
    hints = served_type_hints(name, fn)
    definitions: dict[str, Any] = {}
    fields: list[tuple[str, str]] = []
    parameters = list(inspect.signature(fn.func).parameters.values())[1:]  # [0] is the request
    for index, parameter in enumerate(parameters):
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        attr = f"p{index}"
        annotation: Any = Annotated[hints.get(parameter.name, Any), Field(alias=parameter.name)]
        default = ... if parameter.default is parameter.empty else parameter.default
        definitions[attr] = (annotation, default)
        fields.append((attr, parameter.name))
    model_name = "Args_" + name.replace(".", "_")
    returns = hints.get("return", Any)
    view_path = is_view_path(returns)
    return Plan(
        name=name,
        fn=fn,
        meta=fn.meta,
        view_path=view_path,
        args_model=create_model(model_name, __config__=_STRICT, **definitions),
        path_args_model=create_model(model_name, __config__=_LAX, **definitions),
        fields=tuple(fields),
        result=None if view_path else TypeAdapter(returns),
    )


_plans: dict[str, Plan] = {}


def plan_for(name: str, fn: ServerFunction[..., Any]) -> Plan:
    """The plan of ``fn`` served as ``name`` (built on first use)."""
    plan = _plans.get(name)
    if plan is None or plan.fn is not fn:
        plan = _plans[name] = _build(name, fn)
    return plan
