from mizan_django import client, register
from shop import kinds
from shop.kinds import kind, shape


@client
def label(request, kind: kind) -> shape:
    raise NotImplementedError


@client
def relabel(request, kind: kinds.kind) -> kinds.shape:
    raise NotImplementedError


register(label, "label")
register(relabel, "relabel")
