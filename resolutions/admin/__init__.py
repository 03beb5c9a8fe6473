"""The secretariat's admin: where resolutions are entered and implementation is recorded.

Rules that shape it beyond Django's defaults:

- Roles (workflow/roles.py): Viewers read everything, drafts included; Editors draft status
  updates and occurrences within their assignments and edit their own drafts; Reviewers also
  submit, publish and reject; Administrators do everything. Each ModelAdmin enforces this in
  its querysets, form choices and has_*_permission, and the services check it again.
- Status updates go draft → submitted → published (workflow/services.py). Only published
  ones are public. Submitted and published updates open read-only; a correction is a new update.
- Every model has a read-only History page (the audit trail: who changed what, old → new).
- Versioned records (resolutions, paragraphs, actions, occurrences, status updates) carry their
  version in a hidden field: a save based on an outdated version is refused with the
  differences listed, never silently applied over someone else's change.
- Every page runs a fixed number of queries however much data there is. Changelists and change
  pages load the relations their rows print; inlines do the same per row (SecretariatInline).

One module per concern, as in django.contrib.admin: `options` (the ModelAdmin and inline
bases), `helpers` (widgets and formsets), `actions` (bulk steps), then one module per group of
ModelAdmins. Importing them registers the ModelAdmins.
"""

from . import (  # noqa: F401
    actions,
    assignments,
    bodies,
    corrections,
    facts,
    helpers,
    mandated_actions,
    options,
    queue,
    resolutions,
    reviews,
    status_updates,
    translations,
    vocabularies,
)
