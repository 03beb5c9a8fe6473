from django.http import HttpResponse
from django.urls import path

from tracker import urls as tracker_urls


def hello(request):
    """The framework floor: routing, middleware, a response; no database, no template."""
    return HttpResponse("hello", content_type="text/plain")


# tracker.urls uses i18n_patterns, which only a root URLconf may: extend its list.
urlpatterns = [path("__hello__/", hello, name="bench_hello"), *tracker_urls.urlpatterns]
