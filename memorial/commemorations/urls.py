from django.urls import path

from . import views

app_name = "commemorations"
urlpatterns = [
    path("", views.CommemorationListView.as_view(), name="list"),
    path("<int:year>/", views.CommemorationDetailView.as_view(), name="detail"),
]
