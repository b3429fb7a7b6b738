from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("csrf/", views.csrf_token, name="csrf"),
    path("<int:article_id>/new/", views.comment_new, name="new"),
    path("attachment/<int:pk>/", views.attachment, name="attachment"),
    path(
        "attachment/<int:pk>/thumbnail/",
        views.attachment,
        {"thumbnail": True},
        name="thumbnail",
    ),
    path("attachment/<int:pk>/page/<int:page>/", views.page_preview, name="page_preview"),
]
