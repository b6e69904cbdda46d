from pydantic import BaseModel


class Item(BaseModel):
    code: int


class Price(BaseModel):
    amount: float
