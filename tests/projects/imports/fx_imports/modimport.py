import mizan_django as mz
import fx_imports.schemas.inner


@mz.client(affects="aliased_fn")
def modimport_fn(request) -> fx_imports.schemas.inner.Thing:
    return fx_imports.schemas.inner.Thing(label="m")


mz.register(modimport_fn, "modimport_fn")
