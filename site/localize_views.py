"""Admin views placed in front of wagtail-localize's, so that bad input never becomes a 500.

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
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import upload_pofile, user_can_edit_instance

import polib

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
