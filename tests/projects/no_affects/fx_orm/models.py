from django.db import models


class Cart(models.Model):
    note = models.CharField(max_length=200, default="")


class Tag(models.Model):
    label = models.CharField(max_length=40)


class Item(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    sku = models.CharField(max_length=40)
    tags = models.ManyToManyField(Tag)


class Order(models.Model):
    total = models.IntegerField(default=0)
