"""The filter form's checkboxes and the pagination's links: what a visitor ticks, reads and
sends back."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory, SimpleTestCase, TestCase

from dcaht.filters import Option
from search.outcome import FacetInfo


class FilterFormTests(SimpleTestCase):
    def render(self, *options):
        facet = {"facet": FacetInfo("theme", "Theme"), "options": options, "hidden": 0}
        return render_to_string(
            "components/filter_form.html",
            {"action": "/en/practices/", "heading": "Filter", "facets": [facet]},
        )

    def test_each_option_is_a_labelled_checkbox_with_its_count(self):
        html = self.render(Option("housing", "Housing", 12, False), Option("a", "A", 3, True))
        self.assertInHTML(
            '<label class="facet__option"><input type="checkbox" name="theme" value="housing">'
            ' <span>Housing</span> <span class="facet__count">(12)</span></label>',
            html,
        )
        self.assertInHTML(
            '<label class="facet__option"><input type="checkbox" name="theme" value="a" checked>'
            ' <span>A</span> <span class="facet__count">(3)</span></label>',
            html,
        )

    def test_names_and_values_are_escaped(self):
        html = self.render(Option('x" onclick="alert(1)', "<b>Shelters</b> & homes", 1, False))
        self.assertNotIn("<b>", html)
        self.assertIn("&lt;b&gt;Shelters&lt;/b&gt; &amp; homes", html)
        self.assertIn('value="x&quot; onclick=&quot;alert(1)"', html)


class PaginationTests(SimpleTestCase):
    def render(self, query_string, number, pages=40):
        paginator = Paginator(range(pages * 10), 10)
        page = paginator.page(number)
        return render_to_string(
            "components/pagination.html",
            {
                "page_obj": page,
                "page_range": list(paginator.get_elided_page_range(number)),
                "request": RequestFactory().get(f"/en/practices/?{query_string}"),
            },
        )

    def test_each_link_keeps_the_filters_and_changes_the_page(self):
        html = self.render("theme=housing&theme=shelters&page=3&q=%22a%26b%22", 3)

        self.assertInHTML(
            '<li><a href="?theme=housing&amp;theme=shelters&amp;page=4&amp;q=%22a%26b%22">'
            "4</a></li>",
            html,
        )
        self.assertInHTML(
            '<li><a href="?theme=housing&amp;theme=shelters&amp;page=3&amp;q=%22a%26b%22"'
            ' aria-current="page">3</a></li>',
            html,
        )

    def test_a_long_range_is_elided_and_a_single_page_has_no_pagination(self):
        html = self.render("", 20)

        self.assertInHTML('<li><a href="?page=1">1</a></li>', html)
        self.assertInHTML('<li><a href="?page=40">40</a></li>', html)
        self.assertNotIn('href="?page=10"', html)
        self.assertEqual(html.count('<span aria-hidden="true">…</span>'), 2)
        self.assertNotIn("<nav", self.render("theme=housing", 1, pages=1))


class FilterFormPageTests(TestCase):
    def test_a_chosen_filter_is_ticked_when_the_page_comes_back(self):
        response = self.client.get("/en/practices/", {"theme": "victim-assistance"})
        self.assertContains(
            response, '<input type="checkbox" name="theme" value="victim-assistance" checked>'
        )
