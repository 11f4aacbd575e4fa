"""The public proposal form, served by the practice index at `propose/`."""

from http import HTTPStatus

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .forms import HONEYPOT, ProposalForm
from .proposals import count_proposal, rate_limited, submit_proposal


def render(request, index, template: str, status: HTTPStatus = HTTPStatus.OK, **context):
    response = TemplateResponse(
        request, template, {"page": index, "self": index, **context}, status=status
    )
    # The form carries a CSRF token and the pages speak of one visitor's proposal: no cache.
    add_never_cache_headers(response)
    return response


def as_typed(request) -> ProposalForm:
    """An unbound form showing what the visitor typed (no errors shown, honeypot left out)."""
    initial = {**request.POST.dict(), "themes": request.POST.getlist("themes"), HONEYPOT: ""}
    return ProposalForm(initial=initial)


def propose_practice(request, index):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method != "POST":
        return render(request, index, "practices/proposal_form.html", form=ProposalForm())

    if rate_limited(request):
        return render(
            request,
            index,
            "practices/proposal_form.html",
            HTTPStatus.TOO_MANY_REQUESTS,
            form=as_typed(request),
            refusal=_(
                "You have sent several proposals in the last hour, more than we can accept "
                "from one address. Please try again later, or write to the network secretariat."
            ),
        )
    if request.POST.get(HONEYPOT):
        return render(
            request,
            index,
            "practices/proposal_form.html",
            HTTPStatus.BAD_REQUEST,
            form=as_typed(request),
            refusal=_(
                "We could not accept this proposal. Please send the form again, leaving empty "
                "the field marked “Leave this field empty”."
            ),
        )

    form = ProposalForm(request.POST)
    if not form.is_valid():
        return render(request, index, "practices/proposal_form.html", form=form)
    submit_proposal(form.cleaned_data, translation.get_language(), index)
    count_proposal(request)
    return HttpResponseRedirect(index.subpage_url(request, "propose_thanks"))


def proposal_received(request, index):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return render(request, index, "practices/proposal_thanks.html")
