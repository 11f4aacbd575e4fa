from wagtail.models import Page, Site

import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Hub"
    slug = "hub"


def make_site() -> HomePage:
    """A home page at the root of the default site, as in a fresh installation of the hub."""
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home
