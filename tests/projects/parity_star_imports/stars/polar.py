from pydantic import BaseModel


class Point(BaseModel):
    r: float
    phi: float
