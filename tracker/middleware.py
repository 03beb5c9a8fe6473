"""Refuses control characters in the address before any view sees them (issue #17).

PostgreSQL cannot store or compare a NUL character in text: a NUL in a path parameter
(``/member-states/%00/``), a public filter (``/actions/?resolution=%00``), an admin list filter
or an autocomplete term reached the database as a ``DataError`` and a 500. Other C0 control
characters and DEL have no business in an address either (terminal escapes, forged log lines).
This is the one place that cleans them, for every URL, public, API and admin alike:

- in the path: 404 (no page has such an address);
- in a query parameter's name or value: 400 naming the parameter.

Tab, line feed and carriage return are allowed in query values (a search box may send them).
"""

import re

from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _

_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _IN_PATH.search(request.path_info):
            raise Http404(_("No page has this address."))
        for name, values in request.GET.lists():
            if _IN_QUERY.search(name) or any(_IN_QUERY.search(value) for value in values):
                shown = _IN_QUERY.sub("?", name)[:40]
                return HttpResponseBadRequest(
                    _(
                        "The query parameter “%(name)s” contains a control character (such as "
                        "NUL), which no value of this site can contain."
                    )
                    % {"name": shown},
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
