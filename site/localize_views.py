"""Admin views placed in front of wagtail-localize's, so that bad input never becomes a 500,
and that translators manage no more than their translations' text.

wagtail-localize 1.14's PO upload reads `request.FILES["file"]` and the PO header
`X-WagtailLocalize-TranslationID` without checking they exist: an upload without a file, or
a PO file that is valid but not one of its exports, raises a KeyError. This view refuses such
uploads with a clear message, then hands the valid ones to wagtail-localize's own view.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.models import Translation
from wagtail_localize.views import convert
from wagtail_localize.views.edit_translation import (
    stop_translation,
    upload_pofile,
    user_can_edit_instance,
)
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitTranslationView,
)

import polib

from .reports import editable_target_locales
from .roles import MANAGE_TRANSLATIONS

MAX_PO_SIZE = 5 * 1024 * 1024


def po_file_problem(upload, translation: Translation) -> str | None:
    if upload is None:
        return _("Choose a PO file to upload.")
    if upload.size > MAX_PO_SIZE:
        return _("This PO file is too large.")
    content = upload.read()
    upload.seek(0)
    try:
        po = polib.pofile(content.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return _("Please upload a valid PO file.")
    if po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        return _("Cannot import PO file that was created for a different translation.")
    return None


@require_POST
def checked_upload_pofile(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    problem = po_file_problem(request.FILES.get("file"), translation)
    if problem is None:
        return upload_pofile(request, translation_id)
    messages.error(request, problem)
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")


def managing_translations(view):
    """wagtail-localize's view, for those who manage translations only (`MANAGE_TRANSLATIONS`):
    it lets anyone who may edit a translation stop its synchronisation or turn it back into an
    alias, which throws a translator's work away."""

    def checked(request, *args, **kwargs):
        if request.user.has_perm(MANAGE_TRANSLATIONS):
            return view(request, *args, **kwargs)
        messages.error(
            request,
            _(
                "Only the secretariat can stop a page's synchronised translation or turn it "
                "back into an alias."
            ),
        )
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")

    return checked


checked_stop_translation = managing_translations(stop_translation)
checked_convert_to_alias = managing_translations(convert.convert_to_alias)


class TranslatePageView(SubmitPageTranslationView):
    """wagtail-localize's *Translate this page*, open to translators too: the secretariat
    translates into any language; a translator starts a translation into their own language
    (the languages whose pages they may edit), never into another, and not of a subtree."""

    def dispatch(self, request, *args, **kwargs):
        # A translator's own languages, read once; None for the secretariat (any language) and
        # for those who translate nothing, whom wagtail-localize's own view refuses.
        self.own_locales = None
        if not request.user.has_perm(MANAGE_TRANSLATIONS):
            self.own_locales = editable_target_locales(request.user) or None
        if self.own_locales is None:
            return super().dispatch(request, *args, **kwargs)
        # Wagtail-localize refuses everyone without its permission: a translator is let in,
        # with the choice of their own languages only (`get_form`).
        self.object = self.get_object()
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        if not self.get_form().fields["locales"].queryset.exists():
            raise PermissionDenied
        return super(SubmitTranslationView, self).dispatch(request, *args, **kwargs)

    def get_object(self):
        page = super().get_object()
        # From a copy in the translator's language (an alias), the page it copies.
        return page.alias_of.specific if page.alias_of_id else page

    def get_form(self):
        form = super().get_form()
        if self.own_locales:
            form.fields["locales"].queryset = form.fields["locales"].queryset.filter(
                pk__in=[locale.pk for locale in self.own_locales]
            )
            form.fields["include_subtree"].disabled = True
        return form
