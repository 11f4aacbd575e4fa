"""What speakers presented at a meeting, and the practice they presented: the shape shared by
a round-table report's contributions (`resources`) and an event's agenda items (`meetings`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from dcaht.i18n import default_locale
from dcaht.models import SOURCE_LOCALE_ONLY, Person

from .practice import GoodPracticePage


def speakers_field(**options) -> ParentalManyToManyField:
    """The people who spoke: the source-language records, shown in the reader's language."""
    return ParentalManyToManyField(
        Person,
        verbose_name=_("speakers"),
        related_name="%(class)ss",
        limit_choices_to=SOURCE_LOCALE_ONLY,
        **options,
    )


class Presentation(TranslatableMixin, Orderable, ClusterableModel):
    """A subject presented by speakers, in the order of its page's inline panel, and the good
    practice presented, if any.

    Translatable (its title is text), so wagtail-localize translates it with its page; its
    speakers and practice are synchronised, like every link to the network's entities.
    """

    title = models.CharField(_("title"), max_length=255)
    speakers = speakers_field(blank=True)
    practice = models.ForeignKey(
        GoodPracticePage,
        verbose_name=_("good practice presented"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss",
        help_text=_("Choose it in any language: readers see it in theirs."),
    )

    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("speakers"),
        SynchronizedField("practice"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        # The practice itself, in the source language, whichever version the chooser gave:
        # the page chooser offers each language's (the reader is sent to their own).
        super().clean()
        if self.practice is not None and self.practice.locale_id != default_locale().pk:
            self.practice = self.practice.get_translation_or_none(default_locale()) or self.practice
