from . import schemas as s
from .api import expose, rpc
from .core_direct import core_fn as the_core_fn
from .schemas.inner import Thing


@rpc(affects=[the_core_fn, "seed_fn"])
def relative_fn(request, thing: Thing) -> s.Square:
    return s.Square(side=len(thing.label))


expose(relative_fn, "relative_fn")
