"""The positions of ordered child rows: inline panels, the demo content, older databases."""

from django.apps import apps
from django.test import TestCase

from wagtail.models import Orderable

from dcaht.orderable import number_unordered
from resources.models import ReportContribution, RoundTableReportPage


class OrderedRowsTests(TestCase):
    def test_every_ordered_row_of_the_demo_content_has_its_position(self):
        for model in apps.get_models():
            if issubclass(model, Orderable):
                with self.subTest(model=model._meta.label):
                    self.assertFalse(model.objects.filter(sort_order__isnull=True).exists())

    def test_rows_stored_without_a_position_are_numbered_in_the_order_they_were_created(self):
        report = RoundTableReportPage.objects.get(locale__language_code="en")
        contributions = list(report.contributions.order_by("pk"))
        titles = [item.title for item in contributions]
        first, second, *later = contributions
        # A database loaded before the demo content numbered its rows: the first two were
        # placed by an editor since, the others have no position.
        ReportContribution.objects.filter(pk=first.pk).update(sort_order=1)
        ReportContribution.objects.filter(pk=second.pk).update(sort_order=0)
        ReportContribution.objects.filter(pk__in=[item.pk for item in later]).update(
            sort_order=None
        )

        number_unordered(ReportContribution)

        self.assertEqual(
            [item.title for item in report.contributions.all()],
            [titles[1], titles[0], *titles[2:]],
        )
        self.assertEqual(
            list(report.contributions.values_list("sort_order", flat=True)),
            list(range(len(titles))),
        )
