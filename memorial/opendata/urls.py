from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.DataIndexView.as_view(), name="index"),
    path("datapackage.json", views.DataPackageView.as_view(), name="datapackage"),
    path("<slug:name>.<slug:fmt>", views.TableView.as_view(), name="table"),
]
