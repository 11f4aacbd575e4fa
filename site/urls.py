from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dcaht.interfaces import api, feeds, metadata, sitemaps

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Open interfaces for partner sites, crawlers and browsers.
    path("api/v2/", include((api.urlpatterns, "wagtailapi"))),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language prefix (/en/, /de/, …); Wagtail's pages come last.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("feeds/", include((feeds.urlpatterns, "feeds"))),
    path("opensearch.xml", metadata.opensearch, name="opensearch"),
    path("", include(wagtail_urls)),
)
