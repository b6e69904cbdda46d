from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import AbstractSet, Any, ClassVar, Dict, FrozenSet, Generic, List, Literal, Optional, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from .enums import Color, Level

T = TypeVar("T")
UserId = int


class Base(BaseModel):
    id: UserId
    created: dt.datetime


class Scalars(Base):
    """Inherited fields come first."""

    day: dt.date
    at: dt.time
    key: uuid.UUID
    price: Decimal
    anything: Any
    maybe: Optional[int] = None
    either: Union[int, str] = 0
    piped: int | None = None
    created: dt.datetime  # redeclared: keeps its inherited place
    kind: ClassVar[str] = "scalars"
    _private: int = 0


class Containers(BaseModel):
    a: list[int]
    b: List[str]
    c: Sequence[float]
    d: Iterable[bool]
    e: set[int]
    f: frozenset[str]
    g: AbstractSet[int]
    h: FrozenSet[int]
    i: tuple[int, str]
    j: tuple[int, ...]
    k: dict[str, int]
    l: Dict[str, list[int]]
    m: Mapping[str, Any]
    n: list  # type: ignore[type-arg]
    o: dict  # type: ignore[type-arg]


class WithFields(BaseModel):
    plain: str = Field(alias="plainName")
    counted: int = Field(default=3, alias="count")
    tags: list[str] = Field(default_factory=list)
    required_too: str = Field(...)
    color: Color = Color.GREEN
    level: Level = Field(Level.HIGH)
    mode: Literal["a", "b", 3] = "a"
    maybe_color: Optional[Color] = None
    nested: "Tree | None" = None


class Tree(BaseModel):
    value: int
    children: list[Tree] = []


class Outer(BaseModel):
    class Inner(BaseModel):
        x: int

    inner: Outer.Inner


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


class CamelBase(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    account_id: int


class Profile(CamelBase):
    """The generator of the base renames every field without an explicit alias."""

    first_name: str
    last_name: str = Field(alias="surname")
    nick_name_2: str | None = None
    age: int = 0
