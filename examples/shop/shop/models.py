"""The demo's only table: the product catalogue."""

from django.db import models


class Product(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical"
        DIGITAL = "digital"

    sku = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PHYSICAL)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    stock = models.PositiveIntegerField(default=0)
    vip_only = models.BooleanField(default=False)

    class Meta:
        ordering = ["sku"]

    def __str__(self) -> str:
        return f"{self.sku} {self.name}"
