from mizan_django import client, register
# First: importing the submodule makes `shop.late.things` the module for the
# imports below (a `from shop.late import things` run before it binds the
# package's object).
from shop.late.things import Thing
from shop import after, early, kept, late
from shop.after import things as after_things
from shop.early import things as early_things
from shop.kept import things as kept_things
from shop.late import things as late_things


@client
def late_kind(request, kind: late_things, thing: Thing) -> late.things:
    raise NotImplementedError


@client
def kept_kind(request, kind: kept_things) -> kept.things:
    raise NotImplementedError


@client
def early_kind(request, kind: early_things) -> early.things:
    raise NotImplementedError


@client
def after_kind(request, kind: after_things) -> after.things:
    raise NotImplementedError


register(late_kind, "late_kind")
register(kept_kind, "kept_kind")
register(early_kind, "early_kind")
register(after_kind, "after_kind")
