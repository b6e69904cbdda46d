"""Server functions, a ModelForm and channels the websocket tests need beyond the demo."""

from django import forms
from django.http import HttpRequest
from pydantic import BaseModel
from shop.models import Product

from mizan_django import client, register
from mizan_django.channels import ReactChannel
from mizan_django.forms import mizanFormMeta, mizanFormMixin


class StockChannel(ReactChannel):
    """Stock changes of one product; anyone may listen, nobody may talk."""

    class Params(BaseModel):
        sku: str

    class DjangoMessage(BaseModel):
        sku: str
        stock: int

    def authorize(self, params: "StockChannel.Params") -> bool:
        return True

    def group(self, params: "StockChannel.Params") -> str:
        return params.sku


class StaffRoomChannel(ReactChannel):
    class Params(BaseModel):
        room: str

    class DjangoMessage(BaseModel):
        text: str

    def authorize(self, params: "StaffRoomChannel.Params") -> bool:
        return self.user.is_staff


class RoomChannel(ReactChannel):
    """Rooms named by the user; the "staff room" (a name the layer must hash,
    it has a space) is for staff only."""

    class Params(BaseModel):
        room: str

    class DjangoMessage(BaseModel):
        text: str

    class ReactMessage(BaseModel):
        text: str

    def authorize(self, params: "RoomChannel.Params") -> bool:
        return self.user.is_staff or (self.user.is_authenticated and params.room != "staff room")

    def group(self, params: "RoomChannel.Params") -> str:
        return params.room

    def receive(
        self, params: "RoomChannel.Params", message: "RoomChannel.ReactMessage"
    ) -> "RoomChannel.DjangoMessage":
        return self.DjangoMessage(text=message.text)


@client(context="stock")
def stock_level(request: HttpRequest, sku: str) -> int:
    return Product.objects.get(sku=sku).stock


@client(websocket=True, affects="stock")
def restock(request: HttpRequest, sku: str, quantity: int) -> int:
    product = Product.objects.get(sku=sku)
    product.stock += quantity
    product.save(update_fields=["stock"])
    StockChannel.send({"sku": sku}, StockChannel.DjangoMessage(sku=sku, stock=product.stock))
    return product.stock


@client(websocket=True, auth=True)
def whoami(request: HttpRequest) -> str:
    return request.user.get_username()


@client(websocket=True)
def explode(request: HttpRequest) -> int:
    raise RuntimeError("secret internals")


class ProductForm(mizanFormMixin, forms.ModelForm):
    mizan = mizanFormMeta(name="product_form", title="New product", submit_label="Create")

    class Meta:
        model = Product
        fields = ("sku", "name", "kind", "price", "stock")

    def on_submit_success(self, request: HttpRequest) -> str:
        return self.save().sku


class RestockForm(mizanFormMixin, forms.Form):
    """A form whose submit changes a product's stock, scoped by its `sku` field."""

    mizan = mizanFormMeta(name="restock_form", title="Restock", affects="stock")
    sku = forms.CharField(max_length=32)
    quantity = forms.IntegerField()

    def on_submit_success(self, request: HttpRequest) -> int:
        product = Product.objects.get(sku=self.cleaned_data["sku"])
        product.stock += self.cleaned_data["quantity"]
        product.save(update_fields=["stock"])
        return product.stock


register(stock_level, "stock_level")
register(restock, "restock")
register(whoami, "whoami")
register(explode, "explode")

from tests.channels.site.wsapp import table  # noqa: F401  (the per-transport table)


@client(context="staff_notes", auth="staff")
def staff_note(request: HttpRequest, note_id: int) -> str:
    """A context only staff may read: its subscription is authorised the same way."""
    return f"note {note_id}"


register(staff_note, "staff_note")
