"""Report downloads, the what-changed page and the export schema.

Included before resolutions.urls, so /actions/export.csv is matched before /actions/<id>/.
"""

from django.urls import path, register_converter

from . import views


class ReportFormat:
    regex = "pdf|xlsx|csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ListFormat(ReportFormat):
    regex = "csv|xlsx"


register_converter(ReportFormat, "report_format")
register_converter(ListFormat, "list_format")

urlpatterns = [
    path(
        "resolutions/<slug:slug>/report.<report_format:fmt>",
        views.resolution_report,
        name="resolution_report",
    ),
    path("resolutions/<slug:slug>/brief/", views.resolution_brief, name="resolution_brief"),
    path(
        "resolutions/<slug:slug>/brief.pdf",
        views.resolution_brief_pdf,
        name="resolution_brief_pdf",
    ),
    path("resolutions/<slug:slug>/changes/", views.resolution_changes, name="resolution_changes"),
    path(
        "resolutions/<slug:slug>/changes.csv",
        views.resolution_changes_csv,
        name="resolution_changes_csv",
    ),
    path("actions/export.<list_format:fmt>", views.action_export, name="action_export"),
    path("schema/resolution-export-v1.json", views.export_schema, name="export_schema"),
]
