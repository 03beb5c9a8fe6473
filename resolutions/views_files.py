"""Evidence files as downloads (resolutions/evidence_files.py): the public gets a file only when
its status update is published; staff who may view evidence get any, drafts included."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from .evidence_files import CONTENT_TYPES
from .models import Evidence, StatusUpdate


@require_GET
def evidence_file(request, pk):
    piece = Evidence.objects.filter(pk=pk).exclude(file="").select_related("status_update").first()
    if piece is None:
        raise Http404("No such evidence file.")
    staff = request.user.is_authenticated and request.user.has_perm("resolutions.view_evidence")
    if not staff and not StatusUpdate.objects.public().filter(pk=piece.status_update_id).exists():
        raise Http404("No such evidence file.")  # an unpublished update's file does not exist
    response = FileResponse(
        piece.file.open("rb"),
        as_attachment=True,
        filename=piece.file_name,
        content_type=CONTENT_TYPES.get(piece.file_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Evidence-SHA256"] = piece.file_sha256
    if staff:
        response["Cache-Control"] = "private, no-store"
    return response
