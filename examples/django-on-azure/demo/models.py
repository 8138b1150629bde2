from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    picture = models.FileField(upload_to="products/", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
