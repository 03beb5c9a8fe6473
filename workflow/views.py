"""A signed-in staff member's own email settings (workflow.NotificationPreference)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ("email_enabled", "language")
        labels = {
            "email_enabled": gettext_lazy("Email me"),
            "language": gettext_lazy("Language of my emails"),
        }


@staff_member_required
def notification_settings(request):
    """GET: the form; POST: save it. Every staff member may change only their own."""
    instance, _created = NotificationPreference.objects.get_or_create(user=request.user)
    form = PreferenceForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email settings were saved."))
        return HttpResponseRedirect(request.path)
    context = {
        **admin.site.each_context(request),
        "title": _("My email notifications"),
        "form": form,
        "email": request.user.email,
    }
    return TemplateResponse(request, "workflow/notification_settings.html", context)
