"""The filter form's checkboxes: what a visitor ticks, reads and sends back."""

from django.template.loader import render_to_string
from django.test import SimpleTestCase, TestCase

from dcaht.filters import Option
from search.service import FacetInfo


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


class FilterFormPageTests(TestCase):
    def test_a_chosen_filter_is_ticked_when_the_page_comes_back(self):
        response = self.client.get("/en/practices/", {"theme": "victim-assistance"})
        self.assertContains(
            response, '<input type="checkbox" name="theme" value="victim-assistance" checked>'
        )
