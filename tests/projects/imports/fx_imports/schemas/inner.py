from pydantic import BaseModel


class Thing(BaseModel):
    label: str
