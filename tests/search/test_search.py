"""The search page and its service, on the configured engine (database, or OpenSearch when
SEARCH_URL is set) and, for the fallback, on an OpenSearch node that does not answer."""

import html
import json
import os
from http import HTTPStatus
from unittest import mock, skipUnless

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from dcaht.models import Place
from dcaht.settings.base import search_backends
from practices.models import GoodPracticePage, PlacePage
from resources.models import GuidelinePage, ResourcePage, RoundTableReportPage
from search.engines import EXCERPT_LENGTH, OpenSearchEngine, engines, make_excerpt
from search.models import UnansweredQuery
from tests.utils import pdf_with_text, rebuild_search_index, translate

ON_OPENSEARCH = bool(settings.SEARCH_URL)
NEEDS_OPENSEARCH = "needs a real OpenSearch node: set SEARCH_URL (make opensearch)"


VIENNA = "vienna-local-greta-working-group"
DATABASE_ONLY = {"default": {"BACKEND": "search.database_backend"}}


class SearchTestCase(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rebuild_search_index()


def shown(response, field):
    """A field of the pages a search page shows, in their order."""
    ids = [hit.page_id for hit in response.context["outcome"].hits]
    values = dict(Page.objects.filter(id__in=ids).values_list("id", field))
    return [values[page_id] for page_id in ids]


def slugs(response):
    return shown(response, "slug")


class ExcerptTests(SimpleTestCase):
    """The database engine's excerpts (and those made of titles, on either engine)."""

    text = " ".join(f"word{number}" for number in range(100)) + " shelter " + "tail " * 100

    def test_an_excerpt_shows_whole_words_around_the_term(self):
        excerpt = make_excerpt(self.text, "shelters")
        self.assertIn("<mark>shelter</mark>", excerpt)
        self.assertTrue(excerpt.startswith("…word") and excerpt.endswith("tail…"), excerpt)
        words = excerpt.strip("…").replace("<mark>", "").replace("</mark>", "").split()
        self.assertLessEqual(len(" ".join(words)), EXCERPT_LENGTH)
        self.assertTrue(set(words) <= set(self.text.split()), words)

    def test_without_a_term_the_excerpt_is_the_beginning_in_whole_words(self):
        text = "trafficking " * 50
        excerpt = make_excerpt(text, "nothing here")
        self.assertTrue(excerpt.endswith("trafficking…"), excerpt)
        self.assertLessEqual(len(excerpt), EXCERPT_LENGTH + 1)

    def test_an_excerpt_is_escaped(self):
        self.assertEqual(
            make_excerpt("<b>Shelter</b> & care", "care"),
            "&lt;b&gt;Shelter&lt;/b&gt; &amp; <mark>care</mark>",
        )


class OpenSearchExcerptTests(SimpleTestCase):
    """How OpenSearch's highlighted passages are shown."""

    def excerpt(self, fragment):
        return OpenSearchEngine._excerpt({"highlight": {"text": [fragment]}})

    def test_a_passage_of_whole_sentences_is_shown_as_it_is(self):
        for fragment in [
            "The police <mark>met</mark> weekly.",
            "&quot;<mark>Palermo</mark> Protocol&quot;",
            "»<mark>Trgovina</mark> z ljudmi« je zločin!",
        ]:
            with self.subTest(fragment=fragment):
                self.assertEqual(self.excerpt(fragment), fragment)

    def test_a_passage_beginning_or_ending_inside_a_sentence_says_so(self):
        cases = {
            "when <mark>children</mark> turn 18.": "…when <mark>children</mark> turn 18.",
            "works with the <mark>police</mark> when": "…works with the <mark>police</mark> when…",
            "<mark>Шелтер</mark> для жертв": "<mark>Шелтер</mark> для жертв…",
        }
        for fragment, shown in cases.items():
            with self.subTest(fragment=fragment):
                self.assertEqual(self.excerpt(fragment), shown)

    def test_a_hit_without_a_passage_has_no_excerpt(self):
        self.assertIsNone(OpenSearchEngine._excerpt({}))


class SeedSearchTests(SearchTestCase):
    def search(self, language="en", **params):
        response = self.client.get(f"/{language}/search/", params)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return response

    def test_ljubljana_finds_its_practice_and_place(self):
        response = self.search(q="Ljubljana")

        self.assertIn("ljubljana-memorandum-of-cooperation", slugs(response))
        self.assertIn("ljubljana", slugs(response))
        self.assertContains(response, "<mark>Ljubljana</mark>", html=False)

    def test_palermo_protocol_finds_the_legal_instrument(self):
        response = self.search(q="Palermo Protocol")

        self.assertIn("palermo-protocol", slugs(response)[:3])
        self.assertContains(response, "<mark>Palermo</mark>", html=False)

    def test_excerpts_and_matches_hold_only_the_pages_text(self):
        # Each page leaves the text fields of the other languages empty: the database back end
        # indexed them as the word "None", shown in excerpts and matched by a search for it.
        excerpts = [hit.excerpt for hit in self.search(q="Vienna").context["outcome"].hits]

        self.assertGreater(len(excerpts), 3)
        self.assertEqual([excerpt for excerpt in excerpts if "None" in excerpt], [])
        self.assertEqual(self.search(q="none").context["outcome"].total, 0)

    def test_a_place_is_shown_without_a_date_and_an_event_with_its_own(self):
        hits = {hit.page_id: hit for hit in self.search(q="Vienna").context["outcome"].hits}
        place = Page.objects.get(slug="vienna", locale__language_code="en")
        event = Page.objects.get(slug="round-table-vienna-2017", locale__language_code="en")

        self.assertNotIn("<time", hits[place.pk].head)
        self.assertIn('<time datetime="2017-11-24">', hits[event.pk].head)

    def test_a_resource_is_shown_with_the_year_it_was_issued_not_the_day_it_was_published(self):
        hits = {hit.page_id: hit for hit in self.search(q="Vienna").context["outcome"].hits}
        directive = Page.objects.get(slug="directive-2011-36-eu", locale__language_code="en")
        protocol = Page.objects.get(slug="palermo-protocol", locale__language_code="en")

        self.assertIn(' · <time datetime="2011">2011</time></p>', hits[directive.pk].head)
        self.assertNotIn("<time", hits[protocol.pk].head)  # Its year is not known.

    def test_an_excerpt_does_not_repeat_the_title_its_heading_shows(self):
        practice = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        hits = self.search(q="GRETA working group").context["outcome"].hits
        excerpt = next(hit.excerpt for hit in hits if hit.page_id == practice.pk)

        self.assertFalse(strip_tags(excerpt).lstrip("…").startswith(practice.title), excerpt)

    def test_greta_working_group_finds_the_vienna_practice(self):
        response = self.search(q="GRETA working group")

        self.assertIn("vienna-local-greta-working-group", slugs(response)[:3])

    def test_a_private_page_is_neither_found_nor_counted(self):
        before = self.search(q="GRETA working group").context["outcome"]
        vienna = Page.objects.get(slug=VIENNA, locale__language_code="en")
        PageViewRestriction.objects.create(page=vienna, restriction_type=PageViewRestriction.LOGIN)

        after = self.search(q="GRETA working group").context["outcome"]

        self.assertIn(vienna.pk, [hit.page_id for hit in before.hits])
        self.assertNotIn(vienna.pk, [hit.page_id for hit in after.hits])
        self.assertEqual(after.total, before.total - 1)
        self.assertEqual(
            self.counts(after, "country").get("at", 0), self.counts(before, "country")["at"] - 1
        )

    def counts(self, outcome, param):
        for item in outcome.facets:
            if item["facet"].param == param:
                return {option.value: option.count for option in item["options"]}
        return {}

    def test_hits_say_their_type_place_and_language(self):
        memorandum = GoodPracticePage.objects.get(
            slug="ljubljana-memorandum-of-cooperation", locale__language_code="en"
        )
        response = self.search(q="Ljubljana", languages="all")
        practice = next(
            hit for hit in response.context["outcome"].hits if hit.page_id == memorandum.pk
        )

        translated = (
            GoodPracticePage.objects.live()
            .filter(translation_key=memorandum.translation_key, alias_of__isnull=True)
            .exclude(pk=memorandum.pk)
        )
        names = dict(settings.LANGUAGES)
        also_in = [
            str(names[code])
            for code, _name in settings.LANGUAGES
            if code in {page.locale.language_code for page in translated}
        ]

        self.assertEqual(practice.language_code, "en")
        self.assertIn('<p class="card__meta">Good practice · Ljubljana · <time', practice.head)
        self.assertGreater(len(also_in), 1)
        self.assertIn(
            f'<span class="language-label">English</span> · also in {", ".join(also_in)}</p>',
            practice.head,
        )
        self.assertInHTML(
            f'<h3 class="card__title"><a href="{memorandum.url}">{memorandum.title}</a></h3>',
            practice.head,
        )
        self.assertContains(response, practice.head, html=False)

    def every_hit(self, language, **params):
        """The outcome of a search and the pages of all its pages of results."""
        outcome = self.search(language, **params).context["outcome"]
        hits = list(outcome.hits)
        for number in range(2, outcome.hits.paginator.num_pages + 1):
            hits += self.search(language, page=number, **params).context["outcome"].hits
        return outcome, hits

    def test_results_come_from_the_readers_language_unless_all_are_asked_for(self):
        slovenian = Locale.objects.get(language_code="sl")
        own = self.search("sl", q="Ljubljana").context["outcome"]
        shown = Page.objects.filter(id__in=[hit.page_id for hit in own.hits])

        self.assertEqual({page.locale_id for page in shown}, {slovenian.pk})
        # A page not translated into Slovenian shows its English text, and says so.
        self.assertEqual(
            {hit.language_code for hit in own.hits},
            {"sl", "en"},
        )
        for hit in own.hits:
            self.assertEqual("language-label" in hit.head, hit.language_code != "sl")

    def test_every_language_shows_each_page_once_in_the_readers_language(self):
        for reader in ("en", "sl", "hu"):
            for query in ("Ljubljana", "victims", "Menschenhandel"):
                with self.subTest(reader=reader, query=query):
                    outcome, hits = self.every_hit(reader, q=query, languages="all")
                    pages = Page.objects.filter(id__in=[hit.page_id for hit in hits])
                    keys = [page.translation_key for page in pages]

                    self.assertGreater(len(hits), 0)
                    self.assertEqual(len(hits), outcome.total)
                    self.assertEqual(len(set(keys)), len(hits))
                    self.assertEqual({page.locale.language_code for page in pages}, {reader})
                    types = next(f for f in outcome.facets if f["facet"].param == "type")
                    self.assertEqual(sum(o.count for o in types["options"]), outcome.total)

    def test_a_page_found_in_another_language_is_shown_in_the_readers(self):
        # The demo translates it into every language: its Hungarian copy becomes an alias again,
        # as an editor does in the admin.
        source = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
        self.client.force_login(editor)
        hungarian = source.get_translation(Locale.objects.get(language_code="hu"))
        self.client.post(reverse("wagtail_localize:convert_to_alias", args=[hungarian.pk]))
        self.client.logout()
        self.assertEqual(Page.objects.get(pk=hungarian.pk).alias_of_id, source.pk)
        vienna = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="de")
        outcome, hits = self.every_hit("hu", q="Arbeitsgruppe", languages="all")
        shown = {hit.page_id: hit for hit in hits}

        self.assertIn(hungarian.pk, shown)
        self.assertNotIn(vienna.pk, shown)
        self.assertEqual(shown[hungarian.pk].language_code, "en")
        with translation.override("hu"):
            german = str(dict(settings.LANGUAGES)["de"])
        self.assertIn(german, shown[hungarian.pk].head)

    def test_facet_counts_equal_the_hits_per_value(self):
        outcome = self.search(q="trafficking").context["outcome"]

        checked = 0
        for item in outcome.facets:
            for option in item["options"]:
                filtered = self.search(q="trafficking", **{item["facet"].param: option.value})
                with self.subTest(facet=item["facet"].param, value=option.value):
                    self.assertEqual(filtered.context["outcome"].total, option.count)
                checked += 1
        self.assertGreater(checked, 8)

    def test_the_type_filter_is_labelled_in_each_readers_language(self):
        def type_labels(language):
            outcome = self.search(language, q="Ljubljana").context["outcome"]
            (types,) = [item for item in outcome.facets if item["facet"].param == "type"]
            return {option.label for option in types["options"]}

        for language, practice, place in [
            ("en", "Good practice", "Place"),
            ("sl", "Dobra praksa", "Kraj"),
            ("en", "Good practice", "Place"),
        ]:
            with self.subTest(language=language):
                self.assertLessEqual({practice, place}, type_labels(language))

    def test_filters_combine_and_sort_by_date(self):
        both = self.search(q="trafficking", type="goodpracticepage", country="si")
        by_date = self.search(q="trafficking", sort="date").context["outcome"]

        self.assertEqual(slugs(both), ["ljubljana-memorandum-of-cooperation"])
        days = [hit.day for hit in by_date.hits if hit.day]
        self.assertEqual(days, sorted(days, reverse=True))

    def test_latest_first_sorts_a_resource_by_its_year_of_issue_and_a_place_last(self):
        order = []  # Every result: "trafficking" is in practices, legal instruments and places.
        for number in range(1, 20):
            hits = self.search(q="trafficking", sort="date", page=number).context["outcome"]
            order += [hit.page_id for hit in hits.hits]
            if not hits.hits.has_next():
                break
        kinds = {page.pk: page.specific_class for page in Page.objects.filter(id__in=order)}
        practices = [i for i, pk in enumerate(order) if kinds[pk] is GoodPracticePage]
        issued = set(
            ResourcePage.objects.filter(
                id__in=order, kind="legal-instrument", year__isnull=False
            ).values_list("id", flat=True)
        )
        resources = [i for i, pk in enumerate(order) if pk in issued]
        places = [i for i, pk in enumerate(order) if kinds[pk] is PlacePage]
        self.assertTrue(practices and resources and places, order)

        # The practices were published on the hub today, the instruments issued years ago; a
        # place has no date.
        self.assertLess(max(practices), min(resources))
        self.assertLess(max(resources), min(places))

    @override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_ONLY)
    def test_more_matches_than_the_database_ranks_say_at_least_and_why(self):
        everything = self.search(q="trafficking").context["outcome"]
        self.assertIsNone(everything.capped_at)
        self.assertNotContains(self.search(q="trafficking"), "At least")

        with mock.patch("search.service.MAX_HITS", everything.total - 1):
            response = self.search(q="trafficking")

        outcome = response.context["outcome"]
        self.assertEqual(outcome.capped_at, everything.total - 1)
        self.assertEqual(outcome.total, everything.total - 1)
        self.assertContains(response, f"At least {outcome.total} results for “trafficking”")
        self.assertContains(response, f"cover the {outcome.total} best matches")

    def test_empty_query_invites_browsing(self):
        response = self.search(q="")

        self.assertIsNone(response.context["outcome"].hits)
        self.assertContains(response, "Type a question, a place or a theme")

    def test_no_results_suggest_other_spelling_and_languages(self):
        misspelt = self.search(q="Ljublana")
        only_german = self.search(q="Menschenhandel").context["outcome"]

        self.assertEqual(misspelt.context["outcome"].total, 0)
        self.assertEqual(misspelt.context["outcome"].suggestion, "ljubljana")
        self.assertContains(misspelt, 'Did you mean <a href="?q=ljubljana">ljubljana</a>?')
        self.assertEqual(only_german.total, 0)
        self.assertGreater(only_german.in_other_languages, 0)

    def test_searches_without_results_are_recorded_for_editors(self):
        self.search(q="qwertyuiop")
        self.search(q="qwertyuiop")

        self.assertEqual(UnansweredQuery.objects.get(query_string="qwertyuiop").hits, 2)

    def test_every_search_counts_once_for_the_day_whatever_its_spelling(self):
        for query in ["Ljubljana", "ljubljana", "  LJUBLJANA "]:
            self.search(q=query)

        self.assertEqual(Query.get("ljubljana").daily_hits.get(date=timezone.now().date()).hits, 3)

    def test_autocomplete_suggests_titles_as_json(self):
        response = self.client.get("/en/search/autocomplete/", {"q": "Ljub"})

        self.assertEqual(response.status_code, HTTPStatus.OK)
        titles = [result["title"] for result in json.loads(response.content)["results"]]
        self.assertIn("Ljubljana", titles)
        self.assertIn(
            "Ljubljana – Memorandum of Cooperation between civil society and law enforcement",
            titles,
        )

    def test_the_search_boxes_declare_the_autocomplete_endpoint(self):
        response = self.client.get("/sl/")

        self.assertContains(response, 'data-autocomplete-url="/sl/search/autocomplete/"', count=2)


class IndexFollowsPublishingTests(SearchTestCase):
    def setUp(self):
        self.practice = GoodPracticePage.objects.get(
            slug="barcelona-assistance-to-victims", locale__language_code="en"
        )

    def titles(self, query, language="en"):
        response = self.client.get(f"/{language}/search/", {"q": query})
        return shown(response, "title")

    def test_a_published_change_is_found_and_an_unpublished_page_is_not(self):
        self.practice.title = "Barcelona – Zanzibarian outreach to victims"
        self.practice.save_revision().publish()

        self.assertIn(self.practice.title, self.titles("Zanzibarian"))

        self.practice.unpublish()

        self.assertEqual(self.titles("Zanzibarian"), [])

    def test_a_deleted_page_disappears(self):
        self.assertIn(self.practice.title, self.titles("Barcelona"))

        self.practice.delete()

        self.assertNotIn(self.practice.title, self.titles("Barcelona"))

    def test_a_new_translation_is_found_in_its_language(self):
        translate(self.practice, "hu", {self.practice.title: "Barcelona – Áldozatsegítő kísérlet"})

        self.assertIn("Barcelona – Áldozatsegítő kísérlet", self.titles("Áldozatsegítő", "hu"))


class ReportTextSearchTests(SearchTestCase):
    def test_a_word_opening_a_paragraph_of_a_contribution_is_found(self):
        report = RoundTableReportPage.objects.get(locale__language_code="en")
        contribution = report.contributions.first()
        contribution.summary = "<p>The shelter opened in May.</p><p>Quokkaville hosts another.</p>"
        contribution.save()
        report.save_revision().publish()

        response = self.client.get("/en/search/", {"q": "Quokkaville"})

        self.assertEqual(shown(response, "title"), [report.title])


class DocumentTextSearchTests(SearchTestCase):
    def test_a_phrase_only_in_the_guidelines_pdf_finds_the_guidelines_page(self):
        guidelines = GuidelinePage.objects.get(
            slug="guidelines-for-municipalities", locale__language_code="en"
        )
        document = get_document_model().objects.create(
            title="Guidelines for Municipalities (PDF)",
            file=ContentFile(
                pdf_with_text("Checklist for a quadrilateral zygomorphic roundtable"),
                "guidelines.pdf",
            ),
        )
        guidelines.document = document
        guidelines.save_revision().publish()

        response = self.client.get("/en/search/", {"q": "quadrilateral zygomorphic"})

        self.assertEqual(slugs(response), ["guidelines-for-municipalities"])


class OpenSearchTests(SearchTestCase):
    @skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
    def test_an_excerpt_shows_a_long_sentence_from_its_beginning(self):
        practice = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        hits = self.client.get("/en/search/", {"q": "Vienna"}).context["outcome"].hits
        excerpt = next(hit.excerpt for hit in hits if hit.page_id == practice.pk)

        # Its best passage is a sentence of 230 characters ending "… and research in Vienna."
        self.assertTrue(
            html.unescape(strip_tags(excerpt)).startswith("Vienna's Human Rights Office"), excerpt
        )

    @skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
    def test_an_inflected_german_query_finds_the_german_page(self):
        response = self.client.get("/de/search/", {"q": "Menschenhandels"})

        outcome = response.context["outcome"]
        self.assertEqual(outcome.engine, "opensearch")
        self.assertGreater(outcome.total, 0)
        self.assertEqual({hit.language_code for hit in outcome.hits}, {"de"})
        self.assertContains(response, "<mark>Menschenhandel</mark>", html=False)

    @skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
    def test_an_excerpt_ending_inside_a_sentence_ends_with_an_ellipsis(self):
        response = self.client.get("/en/search/", {"q": "police"})

        excerpts = [strip_tags(hit.excerpt) for hit in response.context["outcome"].hits]
        self.assertGreater(len(excerpts), 1)
        for excerpt in excerpts:
            with self.subTest(excerpt=excerpt):
                self.assertRegex(excerpt, r"[.!?…\"”»)]$")

    @skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
    def test_each_page_is_analysed_by_its_own_language_only(self):
        engine = engines()[0]
        german = Locale.objects.get(language_code="de")

        def count(*clauses):
            body = {"query": {"bool": {"filter": list(clauses)}}}
            return engine.backend.es.count(index=engine.index_name, body=body)["count"]

        # A page of another language leaves the field empty: no term in it.
        in_german_fields = {"wildcard": {f"{engine.prefix}search_content_de": {"value": "*"}}}
        is_german = {"term": {"locale_id_filter": german.pk}}
        self.assertEqual(
            count(in_german_fields),
            Page.objects.filter(locale=german).exclude(depth=1).count(),
        )
        self.assertEqual(count(in_german_fields, is_german), count(in_german_fields))

    @skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
    def test_counts_are_exact_however_many_pages_match(self):
        with mock.patch("search.service.MAX_HITS", 2):
            response = self.client.get("/en/search/", {"q": "trafficking"})

        outcome = response.context["outcome"]
        self.assertGreater(outcome.total, 2)
        self.assertIsNone(outcome.capped_at)
        self.assertNotContains(response, "At least")

    @skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
    def test_the_pages_of_results_follow_each_other(self):
        params = {"q": "trafficking", "languages": "all"}
        first = self.client.get("/en/search/", params).context["outcome"]
        second = self.client.get("/en/search/", {**params, "page": 2}).context["outcome"]
        past_the_end = self.client.get("/en/search/", {**params, "page": 999}).context["outcome"]

        ids = [hit.page_id for hit in [*first.hits, *second.hits]]
        self.assertGreater(first.total, 10)
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(len(ids), min(first.total, 20))
        self.assertEqual(past_the_end.hits.number, past_the_end.hits.paginator.num_pages)

    @skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
    def test_the_slovenian_search_page_returns_slovenian_pages_first(self):
        response = self.client.get("/sl/search/", {"q": "Ljubljana", "languages": "all"})

        languages = [hit.language_code for hit in response.context["outcome"].hits]
        self.assertEqual(languages[0], "sl")
        self.assertEqual(languages, sorted(languages, key=lambda code: code != "sl"))


DEAD_NODE = {
    "default": {
        "BACKEND": "search.opensearch_backend",
        "URLS": ["http://127.0.0.1:9"],
        "TIMEOUT": 2,
        "OPTIONS": {"max_retries": 0},
        "AUTO_UPDATE": False,
    },
    "database": {"BACKEND": "search.database_backend"},
}


@override_settings(WAGTAILSEARCH_BACKENDS=DEAD_NODE)
class FallbackTests(TestCase):
    """An OpenSearch node that does not answer (nothing listens on port 9)."""

    def test_the_search_page_answers_from_the_database_and_says_so(self):
        with self.assertLogs("search.service", level="WARNING"):
            response = self.client.get("/en/search/", {"q": "Ljubljana"})

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response.context["outcome"].engine, "database")
        self.assertIn("ljubljana-memorandum-of-cooperation", slugs(response))
        self.assertContains(response, "The full search engine is not available")

    def test_autocomplete_answers_from_the_database(self):
        response = self.client.get("/en/search/autocomplete/", {"q": "Ljub"})

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(json.loads(response.content)["results"])


@skipUnless(ON_OPENSEARCH, NEEDS_OPENSEARCH)
class OutOfDateIndexTests(TestCase):
    """An index built by an earlier version of the hub, without the fields of each language
    (an upgrade deployed without `manage.py update_index`)."""

    def setUp(self):
        prefix = f"{settings.SEARCH_INDEX_PREFIX}_test_outdated_{os.getpid()}"
        self.enterContext(
            override_settings(WAGTAILSEARCH_BACKENDS=search_backends(settings.SEARCH_URL, prefix))
        )
        backend = get_search_backend("default")
        name = backend.get_index_for_model(Page).name
        backend.es.indices.create(
            index=name, body={"mappings": {"properties": {"title": {"type": "text"}}}}
        )
        self.addCleanup(backend.es.indices.delete, index=name)

    def test_the_database_answers_and_the_log_says_to_rebuild_the_index(self):
        with self.assertLogs("search.engines", level="ERROR") as logs:
            response = self.client.get("/en/search/", {"q": "Ljubljana"})

        self.assertIn("update_index", logs.output[0])
        self.assertEqual(response.context["outcome"].engine, "database")
        self.assertIn("ljubljana-memorandum-of-cooperation", slugs(response))
        self.assertContains(response, "The full search engine is not available")


class HostileInputTests(HypothesisTestCase):
    def test_known_hostile_queries(self):
        for query in ["<script>alert(1)</script>", "x" * 5000, '"unbalanced', "AND OR ( ) * ~ ^"]:
            for params in [{"q": query}, {"q": query, "page": "abc", "type": "nope", "year": "2x"}]:
                with self.subTest(query=query[:20], params=sorted(params)):
                    response = self.client.get("/en/search/", params)

                    self.assertEqual(response.status_code, HTTPStatus.OK)
                    self.assertNotContains(response, "<script>alert(1)</script>")

    @hypothesis_settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(
        query=st.text(max_size=300),
        page=st.one_of(st.none(), st.text(max_size=12)),
        facet=st.sampled_from(["type", "theme", "country", "place", "year", "sort", "languages"]),
        value=st.text(max_size=120),
    )
    def test_any_input_answers_without_a_server_error(self, query, page, facet, value):
        params = {"q": query, facet: value}
        if page is not None:
            params["page"] = page

        response = self.client.get("/en/search/", params)
        suggestions = self.client.get("/en/search/autocomplete/", {"q": query})

        self.assertIn(response.status_code, {HTTPStatus.OK, HTTPStatus.BAD_REQUEST})
        self.assertEqual(suggestions.status_code, HTTPStatus.OK)


class AdminSearchTests(SearchTestCase):
    def setUp(self):
        self.client.force_login(
            get_user_model().objects.create_superuser("ed", "ed@example.org", "x")
        )

    def test_editors_find_pages_with_quotes_in_the_query(self):
        practice = Page.objects.get(slug=VIENNA, locale__language_code="en")
        edit = reverse("wagtailadmin_pages:edit", args=[practice.pk])
        for query in ['"local GRETA working group"', '"Vienna', 'GRETA"', '"']:
            with self.subTest(query=query):
                response = self.client.get("/admin/pages/search/", {"q": query})

                self.assertEqual(response.status_code, HTTPStatus.OK)
                if query != '"':
                    self.assertContains(response, edit)

    def test_editors_choose_a_place_with_quotes_in_the_query(self):
        place = Place.objects.get(slug="vienna", locale__language_code="en")
        results = reverse("wagtailsnippetchoosers_dcaht_place:choose_results")
        chosen = reverse("wagtailsnippetchoosers_dcaht_place:chosen", args=[place.pk])
        for query in ['"Vienna"', '"Vienna', 'Vienna"', '"']:
            with self.subTest(query=query):
                response = self.client.get(results, {"q": query})

                self.assertEqual(response.status_code, HTTPStatus.OK)
                if query != '"':
                    self.assertContains(response, chosen)


class SearchReportsTests(SearchTestCase):
    def test_editors_see_the_most_frequent_searches_and_those_that_found_nothing(self):
        for query in ["Ljubljana", "Ljubljana", "qwertyuiop"]:
            self.client.get("/en/search/", {"q": query})
        admin = get_user_model().objects.create_superuser("ed", "ed@example.org", "x")
        self.client.force_login(admin)

        popular = self.client.get(reverse("wagtailsearchpromotions:search_terms"))
        unanswered = self.client.get(reverse("unanswered_searches"))

        self.assertContains(popular, "ljubljana")
        self.assertContains(unanswered, "qwertyuiop")
        self.assertNotContains(unanswered, "ljubljana")

    def test_promoted_results_come_first(self):
        palermo = Page.objects.get(slug="palermo-protocol", locale__language_code="en")
        query = Query.get("trafficking")
        SearchPromotion.objects.create(query=query, page=palermo, sort_order=0)

        response = self.client.get("/sl/search/", {"q": "trafficking"})

        promoted = response.context["outcome"].promotions
        self.assertEqual([page.translation_key for page in promoted], [palermo.translation_key])
        self.assertEqual(promoted[0].locale.language_code, "sl")
