"""/api/: the read-only JSON API and its OpenAPI 3 description (/api/schema/)."""

from django.urls import include, path
from django.views.decorators.http import conditional_page
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from exports.views import export_schema

from . import views

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
router.register("resolutions", views.ResolutionViewSet, basename="resolution")
router.register("paragraphs", views.ParagraphViewSet, basename="paragraph")
router.register("actions", views.ActionViewSet, basename="action")
router.register("status-updates", views.StatusUpdateViewSet, basename="status-update")
router.register("member-states", views.MemberStateViewSet, basename="member-state")

urlpatterns = [
    path("schema/", conditional_page(SpectacularAPIView.as_view()), name="schema"),
    # The JSON Schema of the open-data export (exports/schema/): language-neutral, like the API.
    path("schema/resolution-export-v1.json", export_schema, name="export-schema"),
    path("", include(router.urls)),
]
