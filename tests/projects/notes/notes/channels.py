from typing import Any

from pydantic import BaseModel

from mizan_django.channels import ReactChannel


class ChatChannel(ReactChannel):
    """Talk about a notebook: open to every visitor, echoes each message."""

    class Params(BaseModel):
        notebook_id: int

    class DjangoMessage(BaseModel):
        text: str

    class ReactMessage(BaseModel):
        text: str

    def authorize(self, params: Any) -> bool:
        return True

    def receive(self, params: Any, message: Any) -> Any:
        return self.DjangoMessage(text=message.text)
