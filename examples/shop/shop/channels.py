"""A websocket chat room per ``room`` name: ``useChatChannel({ room })``."""

from pydantic import BaseModel

from mizan_django.channels import ReactChannel


class ChatChannel(ReactChannel):
    class Params(BaseModel):
        room: str

    class DjangoMessage(BaseModel):
        """Server -> browser."""

        text: str
        user: str

    class ReactMessage(BaseModel):
        """Browser -> server."""

        text: str

    def authorize(self, params: "ChatChannel.Params") -> bool:
        return self.user.is_authenticated

    def group(self, params: "ChatChannel.Params") -> str:
        return f"chat_{params.room}"

    def receive(
        self, params: "ChatChannel.Params", message: "ChatChannel.ReactMessage"
    ) -> "ChatChannel.DjangoMessage":
        return self.DjangoMessage(text=message.text.strip(), user=self.user.get_username())
