"""The one settings module. Everything that differs between machines comes from
the environment (documented in the README); the defaults run the demo."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .media_storage import media_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-demo-only-set-DJANGO_SECRET_KEY-in-production",
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
if "*" in ALLOWED_HOSTS and not DEBUG:
    # Emails' links are built from the request's host, which Django checks
    # against this list: a wildcard would let anyone choose those links.
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list real host names")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    # Before django_tasks_db: its `db_worker` command is ours, which also
    # queues again the emails of a worker that died.
    "helpcenter",
    "django_tasks_db",
    "reversion",
    "django_static_jquery_ui",
    "articles",
    # After articles: their admin extends the article admin, their receivers
    # follow its models.
    "feedback",
    "search",
    # After feedback: its admin extends feedback's article admin.
    "support",
    "accounts",
    "branding",
]

# Django turns an exception into a response at the middleware that raised
# it: only the middleware above see that response. The ones adding security
# headers come first, so that every answer has them (errors, redirects).
# How often each process looks for scheduled working copies that are due
# (articles/publishing.py): they go live at most this long after their time.
PUBLISH_CHECK_SECONDS = env.int("PUBLISH_CHECK_SECONDS", default=10)

MIDDLEWARE = [
    "helpcenter.request_log.RequestLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "helpcenter.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "helpcenter.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Article pages served, cached or not (feedback/reads.py).
    "feedback.reads.CountReadsMiddleware",
    # After authentication: staff without a second factor reach only the
    # enrolment pages (STAFF_MFA_REQUIRED). It reads the session first, and
    # answers 503 itself if the database cannot give it.
    "accounts.middleware.StaffMFAMiddleware",
    # Keeps each session's "last seen" for the reader's list of sessions.
    "accounts.middleware.SessionActivityMiddleware",
    # Innermost: views meeting a cache or database that does not answer.
    "helpcenter.unavailable.ServiceUnavailableMiddleware",
    # Before any view reads an article: a scheduled copy due goes live first.
    "articles.middleware.PublishDueCopiesMiddleware",
]

ROOT_URLCONF = "helpcenter.urls"
WSGI_APPLICATION = "helpcenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "helpcenter.context_processors.site",
                # After site: the brand's support address replaces SUPPORT_EMAIL.
                "branding.context_processors.brand",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database: readers never wait for the writer
    # (WAL), a commit does not wait for the disk twice (synchronous=NORMAL is
    # safe with WAL: a power cut may lose the last commits, never corrupt),
    # and a write transaction takes the lock when it begins (IMMEDIATE), so
    # concurrent writers queue on the busy timeout instead of failing with
    # "database is locked" when a read lock cannot be upgraded.
    # Writers take turns through a lock file (helpcenter/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "helpcenter.sqlite"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Keep connections between requests (a PostgreSQL connection costs more than
# most pages); checked before reuse, so a restarted server is survived.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# The cache holds rate limits, so every process must share it: Redis when
# configured, else a database table (made by `migrate`:
# helpcenter/database_cache.py); never per-process memory.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering fails requests fast, not at the
            # worker's timeout.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "helpcenter.database_cache.DatabaseCache",
            "LOCATION": "helpcenter_cache",
            # Pages are kept in it too (helpcenter/page_cache.py): room for a
            # few thousand articles in every language, not Django's 300.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# Sites (or test runs) sharing one Redis keep their rate limits apart.
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# allauth's backend alone: it extends Django's ModelBackend (permissions),
# and every login, the admin's included, goes through allauth. A second
# backend would look a failed login up, and hash its password, twice.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]

# Languages: English is the default and the fallback for missing translations.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The admin's language tabs use jQuery UI: served from here, not a CDN (CSP).
JQUERY_UI_URL = "jquery-ui/jquery-ui.min.js"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (article images): the file system, or an S3-compatible
# store when MEDIA_S3_BUCKET is set (helpcenter/media_storage.py, README).
MEDIA = media_settings(
    media_root=str(env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")),
    bucket=env.str("MEDIA_S3_BUCKET", default=""),
    endpoint_url=env.str("MEDIA_S3_ENDPOINT_URL", default=""),
    region=env.str("MEDIA_S3_REGION", default=""),
    public_url=env.str("MEDIA_PUBLIC_URL", default=""),
)
MEDIA_ROOT = MEDIA["storage"]["OPTIONS"].get("location", "")
MEDIA_URL = MEDIA["media_url"]
STORAGES = {
    "default": MEDIA["storage"],
    "staticfiles": {"BACKEND": "helpcenter.storage.StaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Emails go through the task queue (helpcenter/mail.py); EMAIL_URL's backend
# is the one that delivers them.
EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "helpcenter.mail.QueuedEmailBackend"
# Seconds before each new delivery attempt after a failure.
EMAIL_RETRY_DELAYS = [60, 5 * 60, 15 * 60, 60 * 60, 4 * 60 * 60]
# An SMTP server that stops answering fails the attempt (and is tried again
# later), instead of holding a worker forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# An email still being sent this many seconds after a worker took it is taken
# for lost with its worker and queued again (helpcenter/mail.py). One send
# waits up to EMAIL_TIMEOUT for each of a dozen exchanges with the server: a
# worker still sending must not be taken for dead (its email would leave twice).
EMAIL_ABANDONED_AFTER = env.int("EMAIL_ABANDONED_AFTER", default=60 * EMAIL_TIMEOUT)
if EMAIL_ABANDONED_AFTER <= EMAIL_TIMEOUT:
    raise ImproperlyConfigured("EMAIL_ABANDONED_AFTER must be above EMAIL_TIMEOUT")
TASKS = {
    "default": {
        # Production: "django_tasks_db.DatabaseBackend" + `manage.py db_worker`.
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="help@example.com")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SUPPORT_EMAIL = env.str("SUPPORT_EMAIL", default="support@example.com")

# Accounts (django-allauth, see accounts/). Pitfalls: DESIGN.md section 4.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "articles:home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "change_password": "accounts.forms.ChangePasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_SIGNUP_OPEN = env.bool("ACCOUNT_SIGNUP_OPEN", default=True)
# Usernames are stored lower-case, so logging in ignores case.
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_LOGOUT_REDIRECT_URL = "articles:home"
# Reset links work once (the token hashes the password) and for two hours.
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
ACCOUNT_RATE_LIMITS = {
    # Our own "forgot your username?" flow (accounts/recovery.py).
    "recover_username": "10/m/ip,3/5m/key",
}
# Email the account's address when its password, primary address or second
# factor changes (in the reader's language, through the queue like any email).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Changing email addresses asks for the password (or a second factor) again,
# as turning off two-step sign-in and viewing recovery codes do (MFA's default).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Password or second factor only: a code sent by email would let whoever reads
# the mailbox change the account's address.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")

# Two-step sign-in (allauth.mfa): an authenticator app with recovery codes,
# security keys / passkeys as a second factor where browsers support them.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Codes are checked against the current 30 s step and the one on each side:
# a phone's clock a few seconds off still works.
MFA_TOTP_TOLERANCE = 1
# Staff must enrol a second factor before anything else answers them
# (accounts/middleware.py). The demo turns it off (./dev demo).
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
# Sessions readers can see and end (allauth.usersessions), with when each
# was last used.
USERSESSIONS_TRACK_ACTIVITY = True

# Behind a load balancer, rate limits need the client's address (README).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

# DJANGO_HTTPS=1 where the site is served over HTTPS (production): cookies
# are then only ever sent over HTTPS, browsers are told to keep to HTTPS
# (HSTS), and plain HTTP requests are redirected.
HTTPS = env.bool("DJANGO_HTTPS", default=False)
SESSION_ENGINE = "helpcenter.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=HTTPS)
# /healthz answers over plain HTTP too: load balancers probe it that way.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
# A help center usually has its own host (help.example.com): its subdomains
# can be HTTPS-only too. Set both to 0 if that is not true of yours.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=HTTPS)
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere, no third-party origins (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA["img_src"]],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# One JSON line per request on stdout (helpcenter/request_log.py); errors
# with their tracebacks on stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
        "line": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "requests": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
    },
    "loggers": {
        "helpcenter.requests": {
            "handlers": ["requests"],
            "level": env.str("REQUEST_LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
        # Every request is already one line in helpcenter.requests: errors
        # alone, and once (not again through the root logger).
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Feedback: "Did this answer your question?" (feedback/).
# Articles show "N of M people found this helpful" once M reaches the minimum.
FEEDBACK_SHOW_HELPFUL_COUNT = env.bool("FEEDBACK_SHOW_HELPFUL_COUNT", default=True)
FEEDBACK_HELPFUL_COUNT_MIN_VOTES = 5
# The home page lists the most helpful articles among those with enough votes.
FEEDBACK_MOST_HELPFUL_MIN_VOTES = 5
# The admin's "needs attention": enough votes to judge, and a Wilson lower
# bound below this share of helpful answers.
FEEDBACK_ATTENTION_MIN_VOTES = 10
FEEDBACK_ATTENTION_BELOW = 0.4
# Per address (offices share one) and per visitor; shared cache, like allauth's.
# FEEDBACK_VOTE_RATE_LIMIT changes it, in allauth's format (README).
ACCOUNT_RATE_LIMITS["vote"] = env.str(
    "FEEDBACK_VOTE_RATE_LIMIT", default="60/m/ip,10/m/key"
)
# Visitors (signed cookie ids) one address may start: a script minting
# voters is stopped here, whatever the per-visitor limit.
ACCOUNT_RATE_LIMITS["new_visitor"] = env.str(
    "FEEDBACK_NEW_VISITOR_RATE_LIMIT", default="60/h/ip"
)

# Search (search/). Per address, generous because an
# office shares one: a reader searches a few times a minute, a robot flooding
# the database and the editors' search log far more.
ACCOUNT_RATE_LIMITS["search"] = "120/m/ip"
# Suggestions come as readers type (at most one request per 250 ms each).
ACCOUNT_RATE_LIMITS["search_suggest"] = "600/m/ip"

# Contact support (support/). Requests (with the reader's address) are
# deleted this many days after they were sent by `prune_support_requests`.
SUPPORT_RETENTION_DAYS = env.int("SUPPORT_RETENTION_DAYS", default=90)
# A suggested article opened from the support form counts as a request
# avoided when no request follows from that form within this many minutes.
SUPPORT_DEFLECTION_MINUTES = 30
# Per address and per email address written in the form.
ACCOUNT_RATE_LIMITS["support_request"] = env.str(
    "SUPPORT_RATE_LIMIT", default="10/h/ip,3/h/key"
)
# Forms opened and suggestions followed that count in the editors' figures.
ACCOUNT_RATE_LIMITS["support_count"] = "60/h/ip"

# Reader pages shared by anonymous readers are kept whole in the cache
# (helpcenter/page_cache.py) for this long at most; edits and votes refresh
# them at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The search log is written in batches (search/log.py).
SEARCH_LOG_BATCH = env.int("SEARCH_LOG_BATCH", default=50)
SEARCH_LOG_SECONDS = env.int("SEARCH_LOG_SECONDS", default=60)

# Load tests send everything from one address (bench/run): DJANGO_RATE_LIMITS=0
# turns every rate limit off. Never in production.
if not env.bool("DJANGO_RATE_LIMITS", default=True):
    ACCOUNT_RATE_LIMITS = False
