from mizan_django import client as c
from mizan_django import register as reg
from fx_imports.schemas import Thing


@c(context="global")
def aliased_fn(request) -> Thing:
    return Thing(label="a")


reg(aliased_fn, "aliased_fn")
