from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Resolution implementation tracker — secretariat"
admin.site.site_title = "Resolution tracker admin"
admin.site.index_title = "Record and review implementation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("exports.urls")),
    path("", include("resolutions.urls")),
]
