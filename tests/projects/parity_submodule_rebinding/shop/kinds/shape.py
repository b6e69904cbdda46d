from pydantic import BaseModel


class Shape(BaseModel):
    sides: int
