"""Bad input that Wagtail's and wagtail-localize's admin views pass on unchecked: a clear
refusal, never a 500.

NUL characters (U+0000). PostgreSQL refuses NUL in text, and two places of the admin pass a
visitor's text to it without Django's forms (which refuse NUL with a message): the image
chooser's `tag` parameter, and the translation editor, which saves each string as typed. A
translator pasting text that held an invisible NUL (copied from a PDF) got a 500 and the
string was not saved; the same address on SQLite saved the NUL into the page.

- A string translation is saved without its NUL characters, however it arrives (the editor,
  a PO file, machine translation): they are invisible, so the translator's text is kept as
  they see it.
- An admin address whose query string holds a NUL is answered 400 Bad Request with a
  message, in the user's admin language: no admin listing or chooser has anything to find
  for it.

Numbers beyond the database's integers. The page explorer filters by `owner` and
`content_type` as they come: on SQLite, `?owner=99999999999999999999` was a 500. An admin
request holding a number the database cannot store is answered 400 with a message.

Page numbers of a list that do not exist. The workflow editor's list of pages reads `p` as it
comes: `?p=2` of a workflow with one page of pages, `?p=0` or `?p=abc`, was a 500. An admin
address whose page number does not exist is sent to the list's first page (the same address
without `p`).

The translation editor's saves without a value. wagtail-localize's string and override
endpoints read the `value` field of a PUT without checking that it is there (the editor always
sends it): a PUT without it, or in JSON, was a 500. It is answered 400, as the API's other
refusals are, and nothing is saved.
"""

from http import HTTPStatus
from urllib.parse import unquote

from django.core.paginator import InvalidPage
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

from wagtail.admin.localization import get_localized_response
from wagtail_localize.models import StringTranslation

NUL = "\x00"
ADMIN_PREFIX = "/admin/"
PAGE_PARAM = "p"  # The page number of Wagtail's admin lists.
# wagtail-localize's endpoints that read `request.POST["value"]` unchecked.
VALUE_ENDPOINTS = frozenset(
    {"wagtail_localize:edit_string_translation", "wagtail_localize:edit_override"}
)


@receiver(pre_save, sender=StringTranslation, dispatch_uid="string-translation-without-nul")
def remove_nul(sender, instance: StringTranslation, **kwargs) -> None:
    instance.data = instance.data.replace(NUL, "")


class AdminInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX) and NUL in unquote(
            request.META.get("QUERY_STRING", "")
        ):
            return get_localized_response(refuse_nul, request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path.startswith(ADMIN_PREFIX):
            return None
        if isinstance(exception, OverflowError):
            return get_localized_response(refuse_large_number, request)
        if request.method == "GET" and is_bad_page_number(request, exception):
            return first_page(request)
        match = request.resolver_match
        if isinstance(exception, MultiValueDictKeyError) and match.view_name in VALUE_ENDPOINTS:
            return get_localized_response(refuse_missing_value, request)
        return None


def is_bad_page_number(request, exception: Exception) -> bool:
    """Whether a list's page number `p` caused the exception: a page the list does not have,
    or no number Python reads."""
    number = request.GET.get(PAGE_PARAM)
    if number is None:
        return False
    if isinstance(exception, InvalidPage):
        return True
    if isinstance(exception, ValueError):
        try:
            int(number)
        except ValueError:
            return True
    return False


def first_page(request) -> HttpResponseRedirect:
    query = request.GET.copy()
    del query[PAGE_PARAM]
    return HttpResponseRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)


def refuse(message: str) -> HttpResponse:
    return HttpResponse(
        message, status=HTTPStatus.BAD_REQUEST, content_type="text/plain; charset=utf-8"
    )


def refuse_nul(request) -> HttpResponse:
    return refuse(_("This address holds a NUL character (U+0000): remove it and try again."))


def refuse_large_number(request) -> HttpResponse:
    return refuse(_("A number you gave is too large for the database: correct it and try again."))


def refuse_missing_value(request) -> JsonResponse:
    return JsonResponse({"value": [_("This field is required.")]}, status=HTTPStatus.BAD_REQUEST)
