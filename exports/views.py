"""Downloads (PDF, XLSX, CSV, JSON), the what-changed page and the export schema.

Views only read parameters, call one builder and wrap the bytes; a bad parameter is a 400 with a
sentence saying what is wrong, never a 500.
"""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from resolutions.asof import BadParameter, as_of_from, parse_date
from resolutions.models import Resolution
from resolutions.page_cache import HEADER, cached_file, public_page, versioned_key

from .actions import ACTION_COLUMNS, action_list_rows, render_action_list_xlsx
from .brief import build_brief, render_brief_html, render_brief_pdf
from .changes import (
    CHANGE_COLUMNS,
    build_changes,
    change_rows,
    default_range_start,
    nothing_changed,
)
from .columns import column_keys
from .formats import FORMATS, csv_chunks, render_resolution
from .params import language_suffix, safe_symbol

SCHEMA_FILE = Path(__file__).parent / "schema" / "resolution-export-v1.schema.json"


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message + "\n", content_type="text/plain; charset=utf-8")


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _language(request):
    """The report's language: ?lang=fr|ar|en (ar-SA and AR count as ar), else the URL prefix
    (/ar/resolutions/…). A language the tracker does not have (?lang=xx) falls back to the
    prefix's language: the file is still the one asked for, in a language it exists in."""
    requested = request.GET.get("lang", "").strip().lower().replace("_", "-").split("-")[0]
    if requested in dict(settings.LANGUAGES):
        return requested
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language()


def _base_url(request) -> str:
    """Scheme and host of this request (the host is one ALLOWED_HOSTS accepted): page addresses
    in the XLSX and CSV are absolute, so a cell still opens its page once the file is mailed."""
    return request.build_absolute_uri("/").rstrip("/")


def _resolution(slug):
    return get_object_or_404(Resolution.objects.listed(), slug=slug)


def resolution_report(request, slug, fmt):
    """A report file, rendered once per data version, language, format and as-of date (the
    PDF takes seconds; a burst of requests for it must not take the workers from the pages)."""
    resolution = _resolution(slug)
    language = _language(request)
    with translation.override(language):
        try:
            as_of = as_of_from(request)
        except BadParameter as exc:
            return _bad_request(str(exc))
        # The workbook and the CSV link each page; the PDF prints its own permalink.
        base_url = _base_url(request) if fmt != "json" else ""
        key = versioned_key(
            "report", resolution.pk, resolution.slug, language, fmt, as_of, base_url
        )
        (content, content_type, filename), hit = cached_file(
            key, lambda: render_resolution(resolution, as_of, fmt, base_url=base_url)
        )
    response = _attachment(HttpResponse(content, content_type=content_type), filename)
    response[HEADER] = "hit" if hit else "miss"
    return response


def _brief_links(request, resolution, as_of, language) -> dict:
    """Absolute addresses the brief prints: the permalink pins the as-of date, so the same
    brief (same numbers) can be opened later."""
    day = f"?as_of={as_of.isoformat()}"
    with translation.override(language):
        links = {
            "resolution": reverse("resolution_detail", args=[resolution.slug]) + day,
            "pdf": reverse("resolution_brief_pdf", args=[resolution.slug]) + day,
            "permalink": request.build_absolute_uri(
                reverse("resolution_brief", args=[resolution.slug]) + day
            ),
        }
    languages = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            languages.append((code, reverse("resolution_brief", args=[resolution.slug]) + day))
    links["languages"] = languages
    return links


@public_page
def resolution_brief(request, slug):
    """The one-page brief as a web page (its print stylesheet makes the same single page)."""
    resolution = _resolution(slug)
    try:
        as_of = as_of_from(request)
    except BadParameter as exc:
        return _bad_request(str(exc))
    brief = build_brief(resolution, as_of)
    links = _brief_links(request, resolution, as_of, translation.get_language())
    return HttpResponse(render_brief_html(brief, pdf=False, links=links))


def resolution_brief_pdf(request, slug):
    """The one-page brief as an A4 portrait PDF, rendered once per data version, language and
    as-of date."""
    resolution = _resolution(slug)
    language = _language(request)
    with translation.override(language):
        try:
            as_of = as_of_from(request)
        except BadParameter as exc:
            return _bad_request(str(exc))
        links = _brief_links(request, resolution, as_of, language)
        key = versioned_key(
            "brief", resolution.pk, resolution.slug, language, as_of, links["permalink"]
        )
        content, hit = cached_file(
            key, lambda: render_brief_pdf(build_brief(resolution, as_of), links)
        )
    filename = f"{safe_symbol(resolution.symbol)}-brief-{as_of.isoformat()}{language_suffix()}.pdf"
    response = _attachment(HttpResponse(content, content_type=FORMATS["pdf"]), filename)
    response[HEADER] = "hit" if hit else "miss"
    return response


def _dates(request):
    """(from, to, errors) from ?from=&to=. Either date may be None when it is unusable."""
    errors, values = [], {}
    for name in ("from", "to"):
        try:
            values[name] = parse_date(request.GET.get(name), name)
        except BadParameter as exc:
            values[name] = None
            errors.append(str(exc))
    if values["from"] and values["to"] and values["from"] > values["to"]:
        errors.append(_("“from” must be on or before “to”."))
    return values["from"], values["to"], errors


def resolution_changes(request, slug):
    resolution = _resolution(slug)
    today = timezone.localdate()
    ctx = {
        "resolution": resolution,
        "as_of": today,
        "today": today,
        "raw_from": request.GET.get("from", "")[:10],
        "raw_to": request.GET.get("to", "")[:10],
    }
    if "from" not in request.GET and "to" not in request.GET:
        # Opens on a useful range rather than on an empty form.
        date_from, since = default_range_start(resolution, today)
        date_to = today
        ctx.update(default_since=since, raw_from=date_from.isoformat(), raw_to=today.isoformat())
    else:
        date_from, date_to, errors = _dates(request)
        if errors:
            return render(request, "exports/changes.html", {**ctx, "errors": errors}, status=400)
    # The site's as-of bar shows the later date; this page has its own two-date form.
    changes = build_changes(resolution, date_from, date_to)
    ctx.update(
        as_of=date_to,
        is_past=date_to < today,
        changes=changes,
        nothing_changed=nothing_changed(changes),
    )
    return render(request, "exports/changes.html", ctx)


def resolution_changes_csv(request, slug):
    resolution = _resolution(slug)
    with translation.override(_language(request)):
        date_from, date_to, errors = _dates(request)
        if errors:
            return _bad_request(" ".join(errors))
        changes = build_changes(resolution, date_from, date_to)
        content = "".join(csv_chunks(CHANGE_COLUMNS, change_rows(changes))).encode("utf-8")
    filename = (
        f"{safe_symbol(resolution.symbol)}-changes-{date_from}-to-{date_to}{language_suffix()}.csv"
    )
    return _attachment(HttpResponse(content, content_type=FORMATS["csv"]), filename)


def action_export(request, fmt):
    """The filtered action list (/actions/ with the same query string) as CSV or XLSX."""
    # Imported here: the filters module belongs to the action-list page and may change shape.
    from resolutions.filters import filtered_actions

    language = _language(request)
    with translation.override(language):
        try:
            as_of = as_of_from(request)
        except BadParameter as exc:
            return _bad_request(str(exc))
        filterset, queryset = filtered_actions(request)
        if not filterset.is_valid():
            # The page shows the list without the unusable filter and says so; a download has
            # no room for that notice, so it is refused rather than silently wider than asked.
            problems = getattr(filterset, "problems", None) or [
                f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
            ]
            return _bad_request(_("Invalid filter.") + " " + " ".join(map(str, problems)))
    filename = f"actions-progress-{as_of.isoformat()}{language_suffix()}.{fmt}"
    if fmt == "csv":
        # Streamed: rows are fetched in chunks and written as they come, in constant memory.
        rows = action_list_rows(queryset, as_of, base_url=_base_url(request))
        response = StreamingHttpResponse(
            _in_language(language, csv_chunks(column_keys(ACTION_COLUMNS), rows)),
            content_type=FORMATS["csv"],
        )
    else:
        with translation.override(language):
            content = render_action_list_xlsx(queryset, as_of, base_url=_base_url(request))
        response = HttpResponse(content, content_type=FORMATS["xlsx"])
    return _attachment(response, filename)


def _in_language(language, chunks):
    """A streamed body produced in `language` (rows are built while the response streams)."""
    with translation.override(language):
        yield from chunks


def export_schema(request):
    response = FileResponse(SCHEMA_FILE.open("rb"), content_type="application/schema+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
