from django.http import HttpResponse
from django.urls import path

_PAGE = (
    b"<!doctype html><html lang=en><title>baseline</title><body>"
    + (b"<p>" + b"x" * 120 + b"</p>\n") * 230
    + b"</body></html>"
)


def page(request):
    return HttpResponse(_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("page/", page)]
