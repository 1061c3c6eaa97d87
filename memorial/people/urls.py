from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.WallView.as_view(), name="wall"),
    path("<slug:slug>/", views.PersonDetailView.as_view(), name="detail"),
]
