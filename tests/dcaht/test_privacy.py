"""A page in thirteen languages is one page: a view restriction set on any language's copy of a
practice closes it in every language, on its own URLs and wherever pages are listed, on the
configured engine (the database, or OpenSearch when SEARCH_URL is set)."""

import re
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import pytest

from dcaht.i18n import LANGUAGE_CODES
from practices.models import GoodPracticePage
from resources.models import GuidelinePage, ResourcePage
from tests.utils import pdf_with_text, rebuild_search_index

SLUG = "vienna-local-greta-working-group"
PASSWORD = "network-members-only"  # noqa: S105 - a test restriction's password
KINDS = (PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS)
# The source page, and its German translation (the demo translates the practice into German;
# in Hungarian it is an alias of the English page).
SET_ON = ("en", "de")
# The source language, a translation and an alias.
LISTED_IN = ("en", "de", "hu")


def copies() -> list[GoodPracticePage]:
    """The practice in every language: its source, translations and aliases."""
    return list(GoodPracticePage.objects.filter(slug=SLUG).select_related("locale"))


def restrict(kind: str, language: str, page=None) -> PageViewRestriction:
    """A restriction of this kind on the practice's copy in `language` (or on `page`)."""
    page = page or GoodPracticePage.objects.get(slug=SLUG, locale__language_code=language)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Network members"))
    return restriction


def member_for(restriction: PageViewRestriction, client) -> None:
    """Let `client` pass the restriction, as a member of the network would."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        response = client.post(
            reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.pk, restriction.page_id]
            ),
            {"password": PASSWORD, "return_url": "/"},
        )
        assert response.status_code == HTTPStatus.FOUND
        return
    member = get_user_model().objects.create_user("member", "member@example.org")
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        member.groups.set(restriction.groups.all())
    client.force_login(member)


def assert_not_shown(response, where: str) -> None:
    assert response.status_code == HTTPStatus.OK, where
    body = response.content.decode()
    assert f"/{SLUG}/" not in body, f"{where} links the private practice"


both = pytest.mark.parametrize("set_on", SET_ON)
each_kind = pytest.mark.parametrize("kind", KINDS)


@pytest.fixture(scope="module")
def search_index(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild_search_index()


def assert_refused(response, page: GoodPracticePage) -> None:
    """The page is not shown: a visitor is sent to log in, or asked for the password."""
    body = response.content.decode()
    if response.status_code == HTTPStatus.OK:
        assert 'name="password"' in body, page.url
        assert page.summary not in body, page.url
    else:
        assert response.status_code == HTTPStatus.FOUND, page.url
        assert "login" in response["Location"], page.url


@pytest.mark.django_db
@each_kind
@both
def test_every_languages_copy_refuses_an_anonymous_visitor(client, kind, set_on):
    restrict(kind, set_on)

    pages = copies()
    for page in pages:
        assert_refused(client.get(page.url), page)
    assert len(pages) == len(LANGUAGE_CODES)


@pytest.mark.django_db
@each_kind
@both
def test_a_member_sees_the_page_in_every_language(client, kind, set_on):
    member_for(restrict(kind, set_on), client)

    for page in copies():
        response = client.get(page.url)
        assert response.status_code == HTTPStatus.OK, page.url
        assert page.title in response.content.decode()


@pytest.mark.django_db
@each_kind
@both
def test_no_listing_in_any_language_shows_it(client, kind, set_on):
    restrict(kind, set_on)

    for language in LISTED_IN:
        for path in ("", "practices/", "places/vienna/", "events/round-table-vienna-2017/"):
            assert_not_shown(client.get(f"/{language}/{path}"), f"/{language}/{path}")
        # Its sister practices list their related practices.
        for other in GoodPracticePage.objects.live().filter(locale__language_code=language):
            if other.slug != SLUG:
                assert_not_shown(client.get(other.url), other.url)


def title_words(language: str) -> str:
    """The first words of the practice's title in a language: what its readers would type."""
    title = GoodPracticePage.objects.get(slug=SLUG, locale__language_code=language).title
    return " ".join(re.findall(r"\w+", title)[:3])


def found_keys(client, language: str, **params) -> set:
    """The translation keys of the pages a search in `language` shows."""
    response = client.get(f"/{language}/search/", {"q": title_words(language), **params})
    ids = [hit.page_id for hit in response.context["outcome"].hits]
    return set(Page.objects.filter(id__in=ids).values_list("translation_key", flat=True))


def suggested(client, language: str) -> list[str]:
    """The addresses autocomplete suggests for the start of the practice's title there."""
    response = client.get(f"/{language}/search/autocomplete/", {"q": title_words(language)})
    return [item["url"] for item in response.json()["results"] if f"/{SLUG}/" in item["url"]]


@pytest.mark.django_db
@each_kind
@both
def test_no_search_or_autocomplete_in_any_language_finds_it(client, search_index, kind, set_on):
    key = GoodPracticePage.objects.get(slug=SLUG, locale__language_code="en").translation_key
    for language in LISTED_IN:
        assert key in found_keys(client, language), language
        assert suggested(client, language), language
    restrict(kind, set_on)

    for language in LISTED_IN:
        assert key not in found_keys(client, language), language
        assert key not in found_keys(client, language, languages="all"), language
        assert not suggested(client, language), language


@pytest.mark.django_db
@each_kind
@both
def test_no_feed_sitemap_or_api_answer_shows_it(client, kind, set_on):
    restrict(kind, set_on)

    for language in LISTED_IN:
        for feed in ("all", "practices"):
            assert_not_shown(client.get(f"/{language}/feeds/{feed}.atom"), f"{feed} in {language}")
    assert_not_shown(client.get("/sitemap.xml"), "the sitemap")
    for language in LISTED_IN:
        listed = client.get(
            "/api/v2/pages/",
            {"type": "practices.GoodPracticePage", "locale": language, "limit": 50},
        ).json()
        assert SLUG not in [item["meta"]["slug"] for item in listed["items"]], language
    for page in copies():
        detail = client.get(f"/api/v2/pages/{page.pk}/")
        assert detail.status_code == HTTPStatus.NOT_FOUND, page.locale.language_code
        assert client.get("/api/v2/pages/find/", {"id": page.pk}).status_code == 404


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=600)
@pytest.mark.parametrize("kind", KINDS)
def test_a_cached_copy_in_any_language_is_not_served_once_restricted(client, kind):
    for page in copies():
        assert client.get(page.url).status_code == HTTPStatus.OK
        assert client.get(page.url)["X-Cache"] == "HIT"
    restrict(kind, "en")

    for page in copies():
        response = client.get(page.url)
        assert response["X-Cache"] == "MISS", page.url
        assert_refused(response, page)


# Documents --------------------------------------------------------------------------------

GUIDELINES = "guidelines-for-municipalities"
WORDS = "quadrilateral zygomorphic"


def attach_document(collection=None):
    """A PDF with words of its own, attached to the guidelines page and published."""
    document = get_document_model().objects.create(
        title="Checklist",
        file=ContentFile(pdf_with_text(f"Checklist for a {WORDS} roundtable"), "checklist.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )
    guidelines = GuidelinePage.objects.get(slug=GUIDELINES, locale__language_code="en")
    guidelines.document = document
    guidelines.save_revision().publish()
    return document, guidelines


def closed_collection() -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def search_finds_words(client) -> bool:
    response = client.get("/en/search/", {"q": WORDS})
    return any(WORDS.split()[0] in hit.excerpt for hit in response.context["outcome"].hits) or bool(
        response.context["outcome"].total
    )


@pytest.mark.django_db
def test_the_text_of_a_restricted_collections_pdf_is_not_searchable(client, search_index):
    attach_document()
    assert search_finds_words(client)

    attach_document(closed_collection())

    assert not search_finds_words(client)


@pytest.mark.django_db
def test_closing_a_collection_takes_its_pdfs_text_out_of_search(client, search_index):
    later = Collection.get_first_root_node().add_child(name="Closed later")
    document, _guidelines = attach_document(later)
    assert search_finds_words(client)

    CollectionViewRestriction.objects.create(
        collection=document.collection, restriction_type=CollectionViewRestriction.LOGIN
    )

    assert not search_finds_words(client)


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Documents stored on disk, as in production: Wagtail serves them from there."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_a_document_used_only_on_a_private_page_is_served_only_to_its_readers(
    client, files_on_disk, kind
):
    document, guidelines = attach_document()
    assert client.get(document.url).status_code == HTTPStatus.OK
    listed = client.get("/api/v2/documents/", {"limit": 50}).json()
    assert document.pk in [item["id"] for item in listed["items"]]
    restriction = restrict(kind, "en", page=guidelines)

    assert client.get(document.url).status_code == HTTPStatus.FOUND
    listed = client.get("/api/v2/documents/", {"limit": 50}).json()
    assert document.pk not in [item["id"] for item in listed["items"]]
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == HTTPStatus.NOT_FOUND

    member_for(restriction, client)

    assert client.get(document.url).status_code == HTTPStatus.OK


@pytest.mark.django_db
def test_a_document_also_used_on_a_public_page_stays_public(client, files_on_disk):
    document, guidelines = attach_document()
    PageViewRestriction.objects.create(page=guidelines, restriction_type=PageViewRestriction.LOGIN)
    other = ResourcePage.objects.exclude(pk=guidelines.pk).filter(locale__language_code="en")[0]
    other.document = document
    other.save_revision().publish()

    assert client.get(document.url).status_code == HTTPStatus.OK
