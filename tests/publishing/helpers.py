"""Users of each role, and the admin's page forms, for the publishing tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from practices.models import PracticeIndexPage

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
REFUSED = "Sorry, you do not have permission"


def make_user(username: str, *groups: str, **fields):
    """An active user with an e-mail address, in the named groups (made by `sync_roles`)."""
    user = get_user_model().objects.create_user(
        username, fields.pop("email", f"{username}@example.org"), "x", **fields
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    # The admin would otherwise follow the language of the public pages just visited.
    UserProfile.objects.create(user=user, preferred_language="en")
    return user


def practice_index(language: str = "en") -> PracticeIndexPage:
    return PracticeIndexPage.objects.get(locale__language_code=language)


def add_url(parent, model: str = "goodpracticepage", app: str = "practices") -> str:
    return reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def practice_form(title: str, slug: str, places, *, text: str = "What was done.", **actions):
    """What the admin's good practice form posts; `actions` such as `action_submit="1"`."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": f"Summary of {title}.",
            "organisation_links": inline_formset([]),
            "body": streamfield(
                [("what_was_done", {"heading": "", "text": rich_text(f"<p>{text}</p>")})]
            ),
            "comments": inline_formset([]),
        }
    )
    # nested_form_data() numbers list items; a multiple choice posts one key several times.
    data["places"] = [str(place.pk) for place in places]
    data.update({key.replace("_", "-"): value for key, value in actions.items()})
    return data
