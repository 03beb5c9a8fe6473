"""{% work_queue %}: the signed-in user's work queue on the admin home page (admin/queue.py)."""

from django import template

from ..admin.queue import work_queue as build_work_queue
from ..admin.recent_changes import may_see_recent_changes as check_recent_changes

register = template.Library()


@register.inclusion_tag("admin/work_queue.html", takes_context=True)
def work_queue(context):
    user = context["request"].user
    rows, returned = build_work_queue(user)
    return {"rows": rows, "returned": returned}


@register.filter
def may_see_recent_changes(user):
    """Whether the admin home links the log of all recent changes (admin/recent_changes.py)."""
    return check_recent_changes(user)
