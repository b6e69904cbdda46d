import mizan_core
from mizan_core import client, register
from fx_imports.schemas import Square


@client
def core_fn(request) -> Square:
    return Square(side=1)


@mizan_core.client(affects=core_fn)
def core_mod_fn(request) -> Square:
    return Square(side=2)


register(core_fn, "core_fn")
mizan_core.register(core_mod_fn, "core_mod_fn")
