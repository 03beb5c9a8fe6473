from django.urls import path

from . import badge, feeds, views, views_files

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
    path("evidence/<int:pk>/file/", views_files.evidence_file, name="evidence_file"),
    path("member-states/", views.member_state_list, name="member_state_list"),
    path("member-states/<str:iso3>/", views.member_state_detail, name="member_state_detail"),
    path("resolutions/<slug:slug>/badge.svg", badge.resolution_badge, name="resolution_badge"),
    path("resolutions/<slug:slug>/akn.xml", views.resolution_akn, name="resolution_akn"),
    path("feeds/updates.atom", feeds.site_feed, name="feed_site"),
    path("resolutions/<slug:slug>/feed.atom", feeds.resolution_feed, name="feed_resolution"),
    path("actions/<int:pk>/feed.atom", feeds.action_feed, name="feed_action"),
    path("member-states/<str:iso3>/feed.atom", feeds.member_state_feed, name="feed_member_state"),
    path("statuses/", views.status_definitions, name="status_definitions"),
]
