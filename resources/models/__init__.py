"""The network's library: legal instruments, studies, toolkits, hotlines, reports and guidelines.

`ResourcePage` is concrete and `RoundTableReportPage` and `GuidelinePage` extend it through
multi-table inheritance, so one `ResourcePage.objects` query lists, filters and counts every kind
of resource in the index, while reports and guidelines keep their own structure.
"""

from .guideline import GuidelinePage
from .report import ReportContribution, ReportOrganisation, RoundTableReportPage
from .resource import ResourceIndexPage, ResourcePage

__all__ = [
    "GuidelinePage",
    "ReportContribution",
    "ReportOrganisation",
    "ResourceIndexPage",
    "ResourcePage",
    "RoundTableReportPage",
]
