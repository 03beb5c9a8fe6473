"""The translated names of the models and of their fields, as the admin shows them.

Django derives a name from the class or attribute ("status update", "as of"), untranslated. The
names are given here, and set when the apps are ready (`apply`), rather than as `verbose_name`
in the model definitions: a field's `verbose_name` and a model's Meta `verbose_name` are part of
the migration state, so writing them there would need a migration for what only changes the
display. Django keeps the original names for migrations (`Field._verbose_name`,
`Options.original_attrs`), so `makemigrations --check` is unaffected.

A field listed in FIELDS gets that name in every model that has it, unless FIELDS_OF_MODEL names
it for one model. tests/test_admin_i18n.py checks that every field the admin shows has one.
"""

from django.utils.translation import gettext_lazy as _

MODELS = {
    "actionparagraph": (_("paragraph served"), _("paragraphs served")),
    "action": (_("action"), _("actions")),
    "actionreview": (_("review record"), _("review records")),
    "actionstate": (_("action state"), _("action states")),
    "actor": (_("actor"), _("actors")),
    "body": (_("body"), _("bodies")),
    "editorassignment": (_("editor assignment"), _("editor assignments")),
    "evidence": (_("evidence"), _("evidence")),
    "factcorrection": (
        _("correction of a published record"),
        _("corrections of published records"),
    ),
    "membership": (_("membership"), _("memberships")),
    "memberstate": (_("Member State"), _("Member States")),
    "memberstaterole": (_("Member State role"), _("Member State roles")),
    "notificationpreference": (_("notification preference"), _("notification preferences")),
    "occurrence": (_("occurrence"), _("occurrences")),
    "paragraph": (_("paragraph"), _("paragraphs")),
    "participation": (_("participation"), _("participations")),
    "resolution": (_("resolution"), _("resolutions")),
    "resolutionlink": (_("link between resolutions"), _("links between resolutions")),
    "reviewevidence": (_("review evidence"), _("review evidence")),
    "sourcedfigure": (_("sourced figure"), _("sourced figures")),
    "sourcedocument": (_("source"), _("sources")),
    "statusupdate": (_("status update"), _("status updates")),
    "texttranslation": (_("translation"), _("translations")),
}

FIELDS = {
    "abstentions": _("abstentions"),
    "action": _("action"),
    "addressee": _("addressee"),
    "addressee_detail": _("addressee (detail)"),
    "adopted_hijri": _("adoption date (Hijri)"),
    "adopted_hijri_source": _("source of the Hijri date"),
    "adopted_on": _("adopted on"),
    "adopted_until": _("adopted until"),
    "adopting_body": _("adopting body"),
    "adoption_dates_note": _("note on the adoption dates"),
    "agenda_item": _("agenda item"),
    "as_of": _("as of"),
    "attribution_note": _("attribution note"),
    "author": _("author"),
    "author_name": _("author name"),
    "body": _("body"),
    "changes": _("changes"),
    "content_type": _("record type"),
    "created_at": _("created at"),
    "data_file": _("data file"),
    "date": _("date"),
    "date_precision": _("date precision"),
    "description": _("description"),
    "description_sources": _("sources of the description"),
    "document_symbol": _("document symbol"),
    "draft_symbol": _("draft symbol"),
    "due_date": _("due date"),
    "email_enabled": _("emails on"),
    "end_date": _("end date"),
    "excluded_from_rollup": _("excluded from the roll-up"),
    "exclusion_reason": _("reason for the exclusion"),
    "fact": _("record"),
    "field": _("field"),
    "file": _("file"),
    "file_type": _("file type"),
    "identity_source": _("source of the identity"),
    "import_key": _("import key"),
    "is_minimum": _("at least"),
    "is_synthetic": _("generated data"),
    "iso3": _("ISO code"),
    "issued_on": _("issued on"),
    "key": _("key"),
    "kind": _("kind"),
    "label": _("label"),
    "language": _("language"),
    "locator": _("locator"),
    "mandate_source": _("source of the mandate"),
    "mandate_type": _("mandate type"),
    "member_state": _("Member State"),
    "member_states_count": _("number of Member States"),
    "name": _("name"),
    "name_in_source": _("name in the source"),
    "note": _("note"),
    "notes": _("notes"),
    "number": _("number"),
    "number_is_positional": _("numbered by position"),
    "object_id": _("record ID"),
    "occurrence": _("occurrence"),
    "operative_verb": _("operative verb"),
    "operative_verb_other": _("operative verb (other)"),
    "order": _("order"),
    "original_language": _("original language"),
    "original_text": _("original text"),
    "paragraph": _("paragraph"),
    "paragraphs": _("paragraphs"),
    "parent": _("parent paragraph"),
    "participants_count": _("number of participants"),
    "participants_count_is_minimum": _("number of participants is a minimum"),
    "participation_note": _("note on participation"),
    "place": _("place"),
    "previous": _("previous values"),
    "progress": _("progress"),
    "provenance": _("provenance"),
    "provenance_note": _("note on provenance"),
    "publisher": _("publisher"),
    "published_at": _("published at"),
    "published_by": _("published by"),
    "quote": _("quote"),
    "reason": _("reason"),
    "recorded_at": _("recorded at"),
    "recurrence": _("recurrence"),
    "rejected_at": _("rejected at"),
    "rejected_by": _("rejected by"),
    "rejection_reason": _("rejection reason"),
    "resolution": _("resolution"),
    "responsible_actors": _("responsible actors"),
    "responsible_locator": _("locator of the responsibility"),
    "responsible_quote": _("quote naming the responsible actors"),
    "responsible_source": _("source of the responsibility"),
    "review": _("review record"),
    "review_note": _("review note"),
    "reviewed_on": _("reviewed on"),
    "role": _("role"),
    "session": _("session"),
    "session_theme": _("theme of the session"),
    "short_name": _("short name"),
    "slug": _("slug"),
    "source": _("source"),
    "sources": _("sources"),
    "standing": _("standing"),
    "start_date": _("start date"),
    "state": _("state"),
    "status": _("status"),
    "status_update": _("status update"),
    "submitted_at": _("submitted at"),
    "submitted_by": _("submitted by"),
    "summary": _("summary"),
    "superseded_by": _("superseded by"),
    "corrects": _("corrects"),
    "symbol": _("symbol"),
    "target": _("target"),
    "target_adopted_on": _("target's adoption date"),
    "target_body": _("target's body"),
    "target_sources": _("sources on the target"),
    "target_symbol": _("target's symbol"),
    "target_title": _("target's title"),
    "target_url": _("target's address"),
    "text": _("text"),
    "text_provenance": _("provenance of the text"),
    "text_source": _("source of the text"),
    "text_source_locator": _("locator in the source of the text"),
    "theme": _("theme"),
    "title": _("title"),
    "title_locator": _("where the title is printed in its source"),
    "title_source": _("source of the title"),
    "translations": _("translations"),
    "url": _("URL"),
    "user": _("user"),
    "value": _("value"),
    "verification": _("verification"),
    "verified_at": _("verified at"),
    "verified_by": _("verified by"),
    "version": _("version"),
    "vote": _("vote"),
    "votes_against": _("votes against"),
    "votes_for": _("votes for"),
    "weight": _("weight"),
}

# Where one attribute name means something else in one model.
FIELDS_OF_MODEL = {
    ("membership", "state"): _("State"),
}


def apply(app_config):
    """Give the models of `app_config` and their fields their translated names."""
    for model in app_config.get_models():
        opts = model._meta
        names = MODELS.get(opts.model_name)
        if names:
            opts.verbose_name, opts.verbose_name_plural = names
        for field in opts.get_fields():
            # Only names Django derived from the attribute: a name written in the model stays.
            if getattr(field, "_verbose_name", "") is not None:
                continue
            label = FIELDS_OF_MODEL.get((opts.model_name, field.name), FIELDS.get(field.name))
            if label is not None:
                field.verbose_name = label
