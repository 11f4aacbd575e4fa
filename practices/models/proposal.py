"""Practices proposed by visitors through the public form."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dcaht.models import SOURCE_LOCALE_ONLY, Theme

from .practice import GoodPracticePage


class Proposal(models.Model):
    """A good practice proposed through the public form, and the draft page made from it.

    Who proposed it is personal data: only the Secretariat sees it (in the admin, under
    *Proposals*), and `manage.py delete_proposer_data` erases it. A proposal is not a page, has
    no API fields and is not indexed for search; the draft page holds the practice's text only.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    # The proposer: personal data.
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    contact_consent = models.BooleanField(_("agreed to be contacted"), default=False)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )
    # The practice, as proposed.
    place = models.CharField(_("place"), max_length=150)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(_("description"), max_length=10_000)
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        related_name="+",
        blank=True,
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    language = models.CharField(
        _("language"), max_length=10, help_text=_("The language the proposer used.")
    )
    # Handling.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    page = models.ForeignKey(
        GoodPracticePage,
        verbose_name=_("draft page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]

    def __str__(self):
        # Shown wherever the proposal is named (admin breadcrumbs, history): never who sent it.
        return self.title

    @property
    def language_name(self) -> str:
        try:
            return translation.get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language
