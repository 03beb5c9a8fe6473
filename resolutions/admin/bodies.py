"""Bodies (the OIC, the UN General Assembly, …) and States' memberships of them (#15 item 1).

A membership is a period of a State's standing in a body (member, observer, suspended) with its
start and end where a source gives them, and the source: "Member States" in a resolution means
its body's members on the adoption date (models/bodies.py), so who may change them is who may
change the other reference data (sources, actors, Member States): administrators. Every change
is in the audit trail (History), and the public pages show the source of each membership."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import Body, Membership
from .options import SecretariatAdmin, SecretariatInline
from .translations import TranslationInline


class MembershipInline(SecretariatInline, admin.TabularInline):
    model = Membership
    fields = ("state", "standing", "start_date", "end_date", "source", "note")
    autocomplete_fields = ("state", "source")
    row_select_related = ("state", "source", "body")
    extra = 0


@admin.register(Body)
class BodyAdmin(SecretariatAdmin):
    list_display = ("name", "short_name", "key", "membership_count")
    search_fields = ("name", "short_name", "key")
    autocomplete_fields = ("source",)
    inlines = (TranslationInline, MembershipInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(membership_count=Count("memberships"))

    @admin.display(description=_("memberships recorded"), ordering="membership_count")
    def membership_count(self, obj):
        return obj.membership_count


@admin.register(Membership)
class MembershipAdmin(SecretariatAdmin):
    list_display = ("state", "body", "standing", "start_date", "end_date", "source")
    list_filter = ("body", "standing")
    list_select_related = ("state", "body", "source")
    search_fields = ("state__name", "state__iso3", "body__name", "body__key")
    autocomplete_fields = ("state", "body", "source")
    date_hierarchy = "start_date"
