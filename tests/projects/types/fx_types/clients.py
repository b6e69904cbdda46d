import datetime
import typing
from typing import Literal, Optional, TypeAlias

import typing_extensions
from mizan_django import client, register

from fx_types import models
from fx_types.enums import Auto, Color
from fx_types.models import Containers, Outer, Page, Profile, Scalars, Tree, WithFields

Name: TypeAlias = str
Pair = tuple[int, int]


@client
def scalars(request, when: datetime.date, name: Name, pair: Pair) -> Scalars:
    raise NotImplementedError


@client
def containers(request, c: "Containers") -> Optional[Containers]:
    raise NotImplementedError


@client
def fields(request, color: Color = Color.RED, auto: Auto | None = None) -> WithFields:
    raise NotImplementedError


@client
def tree(request, depth: typing.Annotated[int, "depth"] = 2) -> Tree:
    raise NotImplementedError


@client
def nested(request) -> Outer:
    raise NotImplementedError


@client
def page_of_trees(request) -> Page[Tree]:
    raise NotImplementedError


@client
def page_of_ints(request, mode: Literal["x", "y"] = "x") -> models.Page[int]:
    raise NotImplementedError


@client
def extensions(request, x: typing_extensions.Literal[1, 2]) -> typing.List[typing.Dict[str, int]]:
    raise NotImplementedError


@client
def profile(request, changes: Profile) -> Profile:
    raise NotImplementedError


register(scalars, "scalars")
register(containers, "containers")
register(fields, "fields")
register(tree, "tree")
register(nested, "nested")
register(page_of_trees, "page_of_trees")
register(page_of_ints, "page_of_ints")
register(extensions, "extensions")
register(profile, "profile")
