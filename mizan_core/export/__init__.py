"""Documents derived from the IR for tools other than Mizan's own generator:
an OpenAPI 3.1 description, the invalidation manifest an edge cache or a
service worker purges by, and the invalidation graph as a picture.

Each is a pure function of a `ProjectIR`, so the static and the runtime
producer, which build the same IR, print the same bytes.
"""

from .formats import BASE_HELP, IR_FORMATS, render_ir
from .graph import GRAPH_FORMATS, graph_edges, render_graph
from .manifest import MANIFEST_SCHEMA_PATH, dumps_manifest, manifest
from .openapi import DEFAULT_BASE, dumps_openapi, openapi

__all__ = [
    "BASE_HELP", "DEFAULT_BASE", "GRAPH_FORMATS", "IR_FORMATS", "MANIFEST_SCHEMA_PATH",
    "dumps_manifest", "dumps_openapi", "graph_edges", "manifest", "openapi", "render_graph",
    "render_ir",
]
