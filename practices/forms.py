"""The public form to propose a good practice."""

import unicodedata

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from dcaht.i18n import localize_all
from dcaht.models import SOURCE_LOCALE_ONLY, Theme

from .models import Proposal

# A field bots fill in and people never see; see `ProposalForm.honeypot_filled`.
HONEYPOT = "website"


def max_length(name: str) -> int:
    return Proposal._meta.get_field(name).max_length


class SingleLineField(forms.CharField):
    """Text on one line: runs of white space (line breaks included) become one space, so the
    value is safe in an e-mail subject and a page title."""

    def to_python(self, value):
        return " ".join(super().to_python(value).split())


def alphabetical(text: str) -> str:
    """A sort key that puts accented letters with their base letter (Ö with O)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class ProposalForm(forms.Form):
    name = SingleLineField(label=_("Your name"), max_length=max_length("name"))
    organisation = SingleLineField(
        label=_("Your organisation"), max_length=max_length("organisation"), required=False
    )
    email = forms.EmailField(label=_("Your e-mail address"), max_length=max_length("email"))
    place = SingleLineField(
        label=_("City or region"),
        max_length=max_length("place"),
        help_text=_("Where the practice takes place."),
    )
    title = SingleLineField(
        label=_("Title of the practice"),
        max_length=max_length("title"),
        help_text=_("For example: “Vienna – local working group for coordination of actors”."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=max_length("summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences: what was done, by whom, for whom."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=max_length("description"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What was done, who is involved, the results, and what another city needs to do "
            "the same."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.filter(SOURCE_LOCALE_ONLY),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_consent = forms.BooleanField(
        label=_(
            "I agree that the network secretariat contacts me about this proposal, using the "
            "name, organisation and e-mail address given above."
        ),
        error_messages={"required": _("We can only accept a proposal we may ask you about.")},
        template_name="practices/includes/checkbox_field.html",
    )
    # The honeypot: hidden from people by the template (CSS, aria-hidden, no tab stop).
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The themes in the visitor's language (one query for all), in its alphabetical order.
        themes = self.fields["themes"]
        sources = list(themes.queryset)
        localized = localize_all(sources)
        themes.choices = sorted(
            ((theme.pk, localized[(Theme, theme.pk)].name) for theme in sources),
            key=lambda choice: alphabetical(choice[1]),
        )

    @property
    def visible_fields_without_honeypot(self):
        return [field for field in self.visible_fields() if field.name != HONEYPOT]

    @property
    def honeypot(self):
        return self[HONEYPOT]

    def clean_title(self):
        title = self.cleaned_data["title"]
        if not slugify(title, allow_unicode=True):
            raise forms.ValidationError(_("Please give a title with letters or digits."))
        return title
