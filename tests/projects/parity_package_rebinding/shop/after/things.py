from pydantic import BaseModel


class Thing(BaseModel):
    n: int


helper = 1
