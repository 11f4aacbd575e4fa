"""Settings shared by every environment.

The environment is read once, here, at the top; the other modules only adjust the result.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

from dcaht.search_config import INDEX_SETTINGS

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number from the environment; anything else stops the start with the setting's
    name and what it accepts (rather than a traceback of `int()` naming nothing)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    number = int(value) if value.isascii() and value.isdigit() else None
    if number is None or number < minimum or (maximum is not None and number > maximum):
        bounds = f"from {minimum} to {maximum}" if maximum is not None else f"of {minimum} or more"
        raise ImproperlyConfigured(f"{name} is {value!r}; it must be a whole number {bounds}.")
    return number


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "dcaht")
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How long a process keeps the counts of the searches it answered before writing them
# (`search.statistics`).
SEARCH_STATISTICS_SECONDS = 10
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(VAR_DIR / "media")
STATIC_ROOT = os.environ.get("STATIC_ROOT") or str(VAR_DIR / "static")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

INSTALLED_APPS = [
    "dcaht",
    "dcaht.interfaces",
    "home",
    "practices",
    "meetings",
    "resources",
    "search",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "dcaht.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dcaht.generation.GenerationMiddleware",
    "dcaht.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "dcaht.i18n.AdminLanguageMiddleware",
    "dcaht.i18n.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dcaht.admin_input.AdminInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dcaht.cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "dcaht.urls"
WSGI_APPLICATION = "dcaht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A busy timeout keeps concurrent requests of the development server from failing on locks.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "dcaht.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dcaht",
        }
    }
else:
    # Files, not process memory: every worker of a server must see the same cache generation,
    # or a worker would go on serving what another worker's publication made stale.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR") or str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }


def search_backends(url: str, index_prefix: str) -> dict:
    """Wagtail's database back end by default; OpenSearch when the URL is http(s)."""
    if urlsplit(url).scheme in {"http", "https"}:
        return {
            "default": {
                "BACKEND": "search.opensearch_backend",
                "URLS": [url],
                "INDEX_PREFIX": f"{index_prefix}_",
                "TIMEOUT": 5,
                "OPTIONS": {"max_retries": 0},
                "INDEX_SETTINGS": INDEX_SETTINGS,
            },
            # Kept up to date too: the search page falls back to it when OpenSearch is down.
            "database": {"BACKEND": "search.database_backend"},
        }
    return {"default": {"BACKEND": "search.database_backend"}}


WAGTAILSEARCH_BACKENDS = search_backends(SEARCH_URL, SEARCH_INDEX_PREFIX)


def task_backends(background: str) -> dict:
    """Wagtail's own tasks (indexing a page on save…) run in the request, so that a published
    change is found at once. Work that grows with the content (re-indexing every page that
    shows a renamed theme: twenty seconds at 10 000 practices) runs on the "background"
    backend: in the request ("immediate", the local default), or queued in the database for
    `manage.py db_worker` ("database", production's default; the container runs the worker)."""
    backends = {
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        "database": "django_tasks_db.DatabaseBackend",
    }
    if background not in backends:
        raise ImproperlyConfigured(
            f"BACKGROUND_TASKS is {background!r}; it must be one of: {', '.join(backends)}."
        )
    return {
        "default": {"BACKEND": backends["immediate"]},
        "background": {"BACKEND": backends[background]},
    }


TASKS = task_backends(os.environ.get("BACKGROUND_TASKS", "immediate"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English is the working (source) language; every other locale is a
# translation target. This list is the one place where the hub's languages are configured.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("sl", _("Slovenian")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("hu", _("Hungarian")),
    ("hr", _("Croatian")),
    ("sr", _("Serbian")),
    ("sk", _("Slovak")),
    ("cs", _("Czech")),
    ("uk", _("Ukrainian")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Vienna"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor posts many fields for rich StreamField pages.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Machine translation in wagtail-localize's editor: DeepL when a key is set, off otherwise.
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "TIMEOUT": 10},
    }

WAGTAIL_SITE_NAME = "Danube Cities Knowledge Hub"

# Moderation e-mails (Wagtail's workflow notifications): on submission, to the members of the
# approval task's groups (Moderators and Secretariat, see dcaht.roles); on approval or a
# request for changes, to the author who submitted. Not to every superuser as well.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Approving the last task of a workflow publishes the page even when the approver (a Moderator)
# may not publish outside the workflow.
WAGTAIL_FINISH_WORKFLOW_ACTION = "dcaht.workflows.publish_approved_revision"

# Good practices proposed through the public form (practices.proposals): at most this many
# per visitor's address (see TRUSTED_PROXY_COUNT) in this many seconds.
PROPOSALS_RATE_LIMIT = 5
PROPOSALS_RATE_PERIOD = 60 * 60

# The public read API (/api/v2/, see dcaht.interfaces.api): bounded pages of results, and no
# full-text search parameter (the search app provides the hub's search).
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_SEARCH_ENABLED = False

WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # OpenSearch's client logs every failed connection attempt at WARNING; ours suffice.
        "opensearch": {"level": "ERROR"},
        # The task runner logs every task it runs at INFO.
        "django_tasks": {"level": "WARNING"},
        # Page actions are recorded in Wagtail's audit log; the console need not repeat them.
        "wagtail": {"level": "WARNING"},
    },
}
