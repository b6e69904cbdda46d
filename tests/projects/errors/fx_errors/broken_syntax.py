from mizan_django import client


@client
def half_typed(request, x: int -> None:
    pass
