from django.urls import path

from . import views

app_name = "submissions"
urlpatterns = [
    path("", views.SubmitView.as_view(), name="new"),
    path("sent/<str:token>/", views.SentView.as_view(), name="sent"),
    path("remove/<str:token>/", views.RemoveView.as_view(), name="remove"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
]
