from pydantic import BaseModel

from mizan_django.channels import ReactChannel


class RoomParams(BaseModel):
    room: str


class Notice(BaseModel):
    text: str


class RoomChannel(ReactChannel, abstract=True):
    """A base for channels keyed by room: registers nothing itself."""

    Params = RoomParams


class ChatChannel(RoomChannel):
    """Chat in a room."""

    class DjangoMessage(BaseModel):
        text: str
        user: str

    class ReactMessage(BaseModel):
        text: str


class LiveNoticeChannel(ReactChannel):
    Params = RoomParams
    DjangoMessage = Notice
