from fx_imports.api import expose, rpc
from fx_imports.schemas import Square as Sq


@rpc
def reexported_fn(request, side: int) -> Sq:
    return Sq(side=side)


expose(reexported_fn, "reexported_fn")
