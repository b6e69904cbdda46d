from django.db import models
from pydantic import BaseModel
from somewhere_else import ThirdParty


class Row(models.Model):
    name = models.CharField(max_length=10)


class Plain:
    pass


class Holder(BaseModel):
    third: ThirdParty
    mystery: "Undefined"
