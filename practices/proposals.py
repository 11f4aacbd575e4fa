"""Good practices proposed by visitors: storing them, moderating them, telling the Secretariat.

A valid proposal is stored as a `Proposal` and, in the same transaction, turned into a draft
`GoodPracticePage` under the English practice index, which enters the moderation workflow
assigned there (see `dcaht.roles`). Wagtail's workflow e-mails then go to the approval groups
(Moderators and Secretariat); after the commit, the Secretariat also gets an e-mail saying that
a proposal arrived, without the proposer's personal data (it stays in the admin). A failing
mail server is logged: it never loses a proposal.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.html import linebreaks
from django.utils.text import slugify

from wagtail.log_actions import log
from wagtail.models import Locale

from dcaht.mail import message_to
from dcaht.models import Place
from dcaht.roles import SECRETARIAT

from .models import GoodPracticePage, PracticeIndexPage, Proposal

logger = logging.getLogger(__name__)


# Abuse: a per-address limit, counted in the cache.


def client_ip(request) -> str:
    """The visitor's address: `REMOTE_ADDR`, or behind `TRUSTED_PROXY_COUNT` reverse proxies
    the address the outermost of them saw (from the right of `X-Forwarded-For`)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def rate_key(request) -> str:
    # Keyed by a keyed hash: the cache never holds visitors' addresses.
    return "proposals:rate:" + salted_hmac("proposals-rate", client_ip(request)).hexdigest()


def rate_limited(request) -> bool:
    return cache.get(rate_key(request), 0) >= settings.PROPOSALS_RATE_LIMIT


def count_proposal(request) -> None:
    key = rate_key(request)
    period = settings.PROPOSALS_RATE_PERIOD
    if not cache.add(key, 1, timeout=period):
        try:
            cache.incr(key)
        except ValueError:  # Expired between the two calls.
            cache.set(key, 1, timeout=period)


# Storing a proposal and its draft page.


def practice_body(description: str) -> list[dict]:
    """The description as the page's "What was done" section: escaped, in paragraphs."""
    return [
        {
            "type": "what_was_done",
            "value": {"heading": "", "text": linebreaks(description, autoescape=True)},
        }
    ]


def matching_places(name: str) -> list[Place]:
    """The source-language place whose name, in any language, is exactly `name` (any case)."""
    matches = Place.objects.filter(name__iexact=name.strip())
    keys = {place.translation_key for place in matches}
    if len(keys) != 1:
        return []
    return list(Place.objects.filter(translation_key__in=keys, locale=Locale.get_default()))


def available_slug(index: PracticeIndexPage, title: str) -> str:
    """A slug from the title, free under `index` and not one of its sub-routes."""
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = slugify(title, allow_unicode=allow_unicode)[:100].strip("-") or "practice"
    if base in PracticeIndexPage.ROUTE_SLUGS:
        base = f"{base}-practice"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_draft(proposal: Proposal, index: PracticeIndexPage) -> GoodPracticePage:
    """A draft (not live) practice page with the proposal's text, and its first revision."""
    page = GoodPracticePage(
        title=proposal.title,
        slug=available_slug(index, proposal.title),
        summary=proposal.summary,
        body=practice_body(proposal.description),
        locale=index.locale,
        live=False,
    )
    page.themes = list(proposal.themes.all())
    page.places = matching_places(proposal.place)
    index.add_child(instance=page)
    page.save_revision(log_action=False)
    log(instance=page, action="wagtail.create", content_changed=True)
    # As a page created in the admin, it gets its aliases in every language when published.
    return page


def store(
    data: dict, language: str, index: PracticeIndexPage, *, moderate: bool = True
) -> Proposal:
    """The proposal, then its draft under the English version of `index`, then (unless
    `moderate` is false) its moderation, all or nothing."""
    with transaction.atomic():
        proposal = Proposal.objects.create(
            name=data["name"],
            organisation=data["organisation"],
            email=data["email"],
            contact_consent=data["contact_consent"],
            place=data["place"],
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            language=language,
        )
        proposal.themes.set(data["themes"])
        source_index = index.get_translation_or_none(Locale.get_default()) or index
        proposal.page = create_draft(proposal, source_index)
        proposal.save(update_fields=["page"])
        workflow = proposal.page.get_workflow()
        if moderate and workflow is not None:
            # Nobody is signed in: the workflow is requested by no user.
            workflow.start(proposal.page, user=None)
        return proposal


def submit_proposal(data: dict, language: str, index: PracticeIndexPage) -> Proposal:
    """Store the proposal, its draft and its moderation; notify the Secretariat after commit."""
    try:
        proposal = store(data, language, index)
    except OSError:
        # Starting the workflow sends Wagtail's e-mails, which raise when the mail server
        # cannot be reached (SMTP, DNS, TLS errors are OSErrors). Keep the proposal and its
        # draft; the Secretariat submits the draft to moderation by hand.
        logger.exception("Moderation e-mails failed: proposal stored without moderation")
        proposal = store(data, language, index, moderate=False)
    transaction.on_commit(lambda: notify_secretariat(proposal))
    return proposal


# Telling the Secretariat.


def secretariat_members():
    return (
        get_user_model()
        .objects.filter(groups__name=SECRETARIAT, is_active=True)
        .exclude(email="")
        .distinct()
    )


def admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_secretariat(proposal: Proposal) -> None:
    """One e-mail to each active member with an address, in their admin language.

    Any failure is logged and swallowed: the proposal is already stored.
    """
    try:
        messages = []
        context = {
            "proposal": proposal,
            "proposal_url": admin_url(reverse("proposals:inspect", args=[proposal.pk])),
            "page_url": admin_url(reverse("wagtailadmin_pages:edit", args=[proposal.page_id]))
            if proposal.page_id
            else "",
            "in_moderation": bool(proposal.page and proposal.page.workflow_in_progress),
        }
        for user in secretariat_members():
            messages.append(message_to(user, "practices/emails/proposal_received", context))
        if messages:
            get_connection().send_messages(messages)
    except Exception:
        logger.exception("Could not e-mail the Secretariat about proposal %s", proposal.pk)
