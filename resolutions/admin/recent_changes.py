"""All recent changes: the audit trail of every tracked model in one list, newest first, for
administrators (who, what, when, and a link to the record's History page), filterable by user
and by kind of record.

Each tracked model has its own historical table (django-simple-history, models/audit.py). The
list is one UNION of those tables' common columns, ordered and cut to a page by the database;
only the page's rows are then read in full, one query per kind of record on the page.
"""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, F, ForeignKey, Value
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.models import registered_models

from .history import readable_datetime, readable_reason

PER_PAGE = 50

# Who may read the whole log: the Administrator role. Its one permission that no other role
# holds and that names reading the admin's own records is the admin log's (workflow/roles.py).
PERMISSION = "admin.view_logentry"

_COLUMNS = (
    "history_id",
    "history_date",
    "history_user_id",
    "history_type",
    "history_change_reason",
)


def may_see_recent_changes(user):
    return user.is_active and user.is_staff and user.has_perm(PERMISSION)


def tracked_models():
    """{"app_label.model_name": model} for every model with an audit trail."""
    models = (
        m
        for m in registered_models.values()
        if hasattr(m._meta, "simple_history_manager_attribute")
    )
    return {m._meta.label_lower: m for m in sorted(models, key=lambda m: str(m._meta.verbose_name))}


def _history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _entries(models, user_id):
    """One query: every model's historical rows as (columns…, object_id, kind), newest first."""
    parts = []
    for label, model in models.items():
        rows = _history_model(model).objects.all()
        if user_id:
            rows = rows.filter(history_user_id=user_id)
        parts.append(
            # As text: most keys are integers, a vocabulary term's is its code, and PostgreSQL
            # refuses a UNION of the two types.
            rows.annotate(
                audit_object_id=Cast(F(model._meta.pk.attname), CharField()),
                audit_kind=Value(label, CharField()),
            )
            .values(*_COLUMNS, "audit_object_id", "audit_kind")
            .order_by()
        )
    if not parts:
        return []
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def _joins(history):
    """The related rows a record's name may print, two levels deep (a paragraph served prints
    its action and its paragraph's resolution): loaded with the page's rows."""
    joins = []
    for field in history._meta.get_fields():
        if isinstance(field, ForeignKey) and field.name != "history_relation":
            joins.append(field.name)
            joins += [
                f"{field.name}__{inner.name}"
                for inner in field.related_model._meta.get_fields()
                if isinstance(inner, ForeignKey) and inner.related_model is not type(None)
            ]
    return joins


def _records(page_rows, models):
    """The page's historical rows in full, with their users and related names, by (kind, id)."""
    wanted = {}
    for row in page_rows:
        wanted.setdefault(row["audit_kind"], []).append(row["history_id"])
    records = {}
    for kind, ids in wanted.items():
        history = _history_model(models[kind])
        for record in history.objects.filter(history_id__in=ids).select_related(*_joins(history)):
            records[kind, record.history_id] = record
    return records


def _name(model, record):
    """The record's name as it was. The model's __str__ is run on the historical row itself,
    whose related rows were loaded with the page (record.history_object would be a new
    instance that loads each one again, a query per row); a __str__ that needs something the
    historical row lacks (a property of the model) falls back to history_object."""
    try:
        return str(model.__str__(record))
    except AttributeError:
        return str(record.history_object)


def _history_url(model, object_id):
    try:
        return reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[object_id]
        )
    except (
        NoReverseMatch
    ):  # a model edited only inline (evidence, translations): no page of its own
        return ""


@staff_member_required
def recent_changes(request):
    if not may_see_recent_changes(request.user):
        raise PermissionDenied(_("The log of all recent changes is for administrators."))
    models = tracked_models()
    kind = request.GET.get("model", "")
    chosen = {kind: models[kind]} if kind in models else models
    user_id = request.GET.get("user", "")
    user_id = int(user_id) if user_id.isdigit() else None

    page = Paginator(_entries(chosen, user_id), PER_PAGE).get_page(request.GET.get("p"))
    rows = list(page.object_list)
    records = _records(rows, models)
    entries = []
    for row in rows:
        model = models[row["audit_kind"]]
        record = records.get((row["audit_kind"], row["history_id"]))
        entries.append(
            {
                "when": row["history_date"],
                "when_text": readable_datetime(row["history_date"]),
                "user": record.history_user if record else None,
                "kind": capfirst(model._meta.verbose_name),
                "name": _name(model, record) if record else row["audit_object_id"],
                "type": record.get_history_type_display() if record else row["history_type"],
                "reason": readable_reason(row["history_change_reason"]),
                "history_url": _history_url(model, row["audit_object_id"]),
            }
        )
    users = get_user_model().objects.filter(is_staff=True).order_by(get_user_model().USERNAME_FIELD)
    query = request.GET.copy()
    query.pop("p", None)
    context = {
        **admin.site.each_context(request),
        "title": _("All recent changes"),
        "entries": entries,
        "page_obj": page,
        "query": query.urlencode(),
        "users": users,
        "user_id": user_id,
        "models": [(label, capfirst(m._meta.verbose_name_plural)) for label, m in models.items()],
        "kind": kind if kind in models else "",
    }
    return TemplateResponse(request, "admin/recent_changes.html", context)
