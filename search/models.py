from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnansweredQuery(models.Model):
    """A search that found nothing: what people look for and the hub does not have yet."""

    query_string = models.CharField(_("search"), max_length=255)
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE
    )
    hits = models.PositiveIntegerField(_("times searched"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"), default=timezone.now)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(
                fields=["query_string", "locale"], name="unique_unanswered_query_locale"
            )
        ]

    def __str__(self):
        return self.query_string

    @classmethod
    def add_searches(cls, query_string: str, locale_id: int, hits: int, last_searched_at) -> None:
        entry, _created = cls.objects.get_or_create(query_string=query_string, locale_id=locale_id)
        cls.objects.filter(pk=entry.pk).update(
            hits=F("hits") + hits, last_searched_at=last_searched_at
        )
