from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Product


def home(request):
    """Public: the page a load test and a health probe can reach."""
    return HttpResponse("django_on_azure: up\n", content_type="text/plain")


@login_required
def product_list(request):
    return render(request, "demo/product_list.html",
                  {"products": Product.objects.all()})


@login_required
def product_detail(request, pk):
    return render(request, "demo/product_detail.html",
                  {"product": get_object_or_404(Product, pk=pk)})
