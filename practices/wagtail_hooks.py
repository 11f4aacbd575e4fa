"""Admin: the good practices proposed through the public form (*Proposals*), for the Secretariat.

The views require the model's own permissions (view, change, delete), which only the
Secretariat group (see `dcaht.roles`) and superusers hold: proposers' names and e-mail
addresses are seen by nobody else. Proposals are not added to the reference index, so a
page's usage listing, which its editors see, never names them.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Proposal


class ProposalViewSet(ModelViewSet):
    model = Proposal
    name = "proposals"
    icon = "mail"
    menu_label = _("Proposals")
    menu_order = 210
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True

    list_display = [
        "title",
        Column("place", label=_("Place")),
        Column("name", label=_("Proposed by")),
        Column("organisation", label=_("Organisation")),
        Column("language_name", label=_("Language")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    list_filter = ["status"]
    search_fields = ["title", "place", "name", "organisation", "email"]
    # Staff record the outcome; the proposal itself stays as it was sent.
    form_fields = ["status"]
    inspect_view_fields = [
        "title",
        "place",
        "summary",
        "description",
        "themes",
        "language",
        "created_at",
        "status",
        "page",
        "name",
        "organisation",
        "email",
        "contact_consent",
        "personal_data_erased_at",
    ]


proposal_viewset = ProposalViewSet()


@hooks.register("register_admin_viewset")
def register_proposal_viewset():
    return proposal_viewset
