from django.urls import path

from . import views

app_name = "figures"
urlpatterns = [
    path("", views.FigureListView.as_view(), name="list"),
    path("<slug:key>/", views.FigureDetailView.as_view(), name="detail"),
]
