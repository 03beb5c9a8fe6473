from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from resolutions.admin.recent_changes import recent_changes
from workflow.upload_views import urls as upload_urls
from workflow.views import notification_settings

admin.site.site_header = _("Resolution implementation tracker — secretariat")
admin.site.site_title = _("Resolution tracker admin")
admin.site.index_title = _("Record and review implementation")

# The API is language-neutral data and stays unprefixed. Everything people read is under
# /en/, /fr/ or /ar/; an old unprefixed address (/resolutions/53-45-pol/, /actions/3/) is
# redirected by LocaleMiddleware to the same page in the visitor's language (Accept-Language).
urlpatterns = [
    path("api/", include("api.urls")),
] + i18n_patterns(
    path("admin/my-notifications/", notification_settings, name="notification_settings"),
    path("admin/recent-changes/", recent_changes, name="recent_changes"),
    path("admin/status-updates/upload/", include(upload_urls())),
    path("admin/", admin.site.urls),
    path("", include("exports.urls")),
    path("", include("resolutions.urls")),
    prefix_default_language=True,
)
