from mizan_django.client import client
from mizan_django.setup import register
from fx_imports import schemas


@client
def seed_fn(request, square: schemas.Square) -> schemas.Thing:
    return schemas.Thing(label=str(square.side))


register(seed_fn, "seed_fn")
