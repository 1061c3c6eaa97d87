"""The memorial's story, "What happened", at /<language>/what-happened/."""

from django.urls import path

from . import views

app_name = "story"
urlpatterns = [
    path("", views.StoryView.as_view(), name="story"),
]
