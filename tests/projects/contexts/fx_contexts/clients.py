from typing import Optional

from pydantic import BaseModel

from mizan_django import client, register


class Board(BaseModel):
    board_id: int
    title: str


class Me(BaseModel):
    name: str


@client(context="global")
def me(request) -> Me:
    return Me(name="me")


@client(context="board")
def board(request, board_id: int) -> Board:
    return Board(board_id=board_id, title="")


@client(context="board")
def board_stats(request, board_id: int, detailed: bool = False) -> dict[str, int]:
    return {}


@client(context="column")
def column(request, board_id: int, column_id: int) -> list[str]:
    return []


@client(affects="board")  # scoped: board_id matches the context's board_id (int)
def rename_board(request, board_id: int, title: str) -> Board:
    return Board(board_id=board_id, title=title)


@client(affects="board")  # not scoped: board_id is a str here
def import_board(request, board_id: str) -> None:
    return None


@client(affects=["board", "column", "me"])  # "me" names a function, not a context
def move_card(request, board_id: int, column_id: int, card_id: int) -> None:
    return None


@client(affects=board_stats)  # a function object: scoped by the function's own parameters
def touch_stats(request, board_id: int, detailed: Optional[bool] = None) -> None:
    return None


@client(affects=("global",))
def logout(request) -> None:
    return None


register(me, "me")
register(board, "board")
register(board_stats, "board.stats")
register(column, "column")
register(rename_board, "rename_board")
register(import_board, "import_board")
register(move_card, "move_card")
register(touch_stats, "touch_stats")
register(logout, "logout")
