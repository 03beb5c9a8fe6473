from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("resolutions/<slug:slug>/", views.resolution_detail, name="resolution_detail"),
    path(
        "resolutions/<slug:slug>/paragraphs/<str:number>/",
        views.paragraph_detail,
        name="paragraph_detail",
    ),
    path("actions/", views.action_list, name="action_list"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("member-states/", views.member_state_list, name="member_state_list"),
    path("member-states/<str:iso3>/", views.member_state_detail, name="member_state_detail"),
    path("statuses/", views.status_definitions, name="status_definitions"),
]
