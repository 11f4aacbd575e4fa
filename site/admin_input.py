"""The NUL character (U+0000) in what the admin's upstream views hand to the database unchecked.

PostgreSQL refuses NUL in text, and two places of Wagtail's and wagtail-localize's admin pass
a visitor's text to it without Django's forms (which refuse NUL with a message): the image
chooser's `tag` parameter, and the translation editor, which saves each string as typed. A
translator pasting text that held an invisible NUL (copied from a PDF) got a 500 and the
string was not saved; the same address on SQLite saved the NUL into the page.

- A string translation is saved without its NUL characters, however it arrives (the editor,
  a PO file, machine translation): they are invisible, so the translator's text is kept as
  they see it.
- An admin address whose query string holds a NUL is answered 400 Bad Request with a
  message, in the user's admin language: no admin listing or chooser has anything to find
  for it.
"""

from http import HTTPStatus
from urllib.parse import unquote

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.translation import gettext as _

from wagtail.admin.localization import get_localized_response
from wagtail_localize.models import StringTranslation

NUL = "\x00"
ADMIN_PREFIX = "/admin/"


@receiver(pre_save, sender=StringTranslation, dispatch_uid="string-translation-without-nul")
def remove_nul(sender, instance: StringTranslation, **kwargs) -> None:
    instance.data = instance.data.replace(NUL, "")


class RefuseNulInAdminQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX) and NUL in unquote(
            request.META.get("QUERY_STRING", "")
        ):
            return get_localized_response(refuse, request)
        return self.get_response(request)


def refuse(request) -> HttpResponse:
    return HttpResponse(
        _("This address holds a NUL character (U+0000): remove it and try again."),
        status=HTTPStatus.BAD_REQUEST,
        content_type="text/plain; charset=utf-8",
    )
