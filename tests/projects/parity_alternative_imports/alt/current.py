from pydantic import BaseModel


class Item(BaseModel):
    sku: str


class Price(BaseModel):
    cents: int
