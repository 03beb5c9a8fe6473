"""Filtering of the public action list (/actions/). Shared with the action exports.

Contract used by other modules (exports): `filtered_actions(request)` returns
`(filterset, queryset)` — the queryset is annotated with status as of the request's as_of and
already filtered and sorted; when the filterset is invalid the queryset is empty of filtering
errors' effects (see implementation) and `filterset.errors` explains what was wrong.
"""
