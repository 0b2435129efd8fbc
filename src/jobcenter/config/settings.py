"""The one settings module: every option is read from the environment with a safe default.

``JOBCENTER_MODE=production`` switches on the production checks: a ``SECRET_KEY`` and
``ALLOWED_HOSTS`` must be given, cookies are secure, HSTS is sent, static files are served from the
collected manifest. Without it (development, ``make run``, tests) the embedded defaults apply: a
SQLite file, files and e-mails in ``var/``, a secret key generated once into ``var/``.
All variables are documented in docs/CONFIGURATION.md.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import jinja2
from csp.constants import NONE, SELF

from jobcenter.config.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_str,
    local_secret_key,
)

SRC_DIR = Path(__file__).resolve().parent.parent  # src/jobcenter
BASE_DIR = SRC_DIR.parent.parent  # the repository
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

MODE = env_str("JOBCENTER_MODE", "development").strip().lower()
if MODE not in {"development", "production"}:
    raise ConfigurationError("JOBCENTER_MODE must be 'development' or 'production'")
PRODUCTION = MODE == "production"

DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ConfigurationError("DEBUG must not be switched on in production mode")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigurationError("SECRET_KEY is required in production mode")
    SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError("ALLOWED_HOSTS is required in production mode")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "jobcenter.core",
    "jobcenter.tenants",
    "jobcenter.forms",
    "jobcenter.intake",
    "jobcenter.receipts",  # intake: receipt PDF and confirmation e-mail
    "jobcenter.portal",
    "jobcenter.documents",  # documents: uploads, virus scan, normalisation
    # --- accounts ---
    "jobcenter.accounts",
    "jobcenter.backoffice",
    "jobcenter.accounts.admin_site.JobcenterAdminConfig",  # django.contrib.admin, staff + OTP only
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "mozilla_django_oidc",
    # --- end accounts ---
    # --- back office ---
    "jobcenter.casework",
    "jobcenter.audit",
    # --- end back office ---
    "jobcenter.mailbox",  # two-way mailbox, consent, electronic delivery of decisions
    "jobcenter.handover",  # handover: export bundles, pull API, folder, HTTP push
    "jobcenter.reporting",  # statistics
    "jobcenter.retention",  # retention rules, the shredder, legal holds, the citizen's data
    "jobcenter.monitoring",  # /metrics for Prometheus, request ids, JSON logs
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "jobcenter.monitoring.middleware.RequestIdMiddleware",  # first: every log line has the id
    "jobcenter.monitoring.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "jobcenter.core.middleware.RequestTooLargeMiddleware",  # before the CSRF check reads POST
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the account's language counts (session, account, cookie, browser).
    "jobcenter.accounts.middleware.LanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",  # accounts: request.user.is_verified()
    "django.contrib.messages.middleware.MessageMiddleware",
    "jobcenter.accounts.middleware.SessionTimeoutMiddleware",  # accounts: idle/absolute timeout
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jobcenter.core.middleware.PermissionsPolicyMiddleware",
    "jobcenter.core.middleware.PrivatePagesNoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # accounts: must stay last (django-axes)
]

ROOT_URLCONF = "jobcenter.config.urls"
WSGI_APPLICATION = "jobcenter.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobcenter.core.context_processors.site",
            ],
        },
    },
    {
        # Only the wizard's field markup (forms/templatetags/formengine.py says why).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": True, "undefined": jinja2.StrictUndefined},
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
# Persistent connections: opening one per request (PostgreSQL: TCP, authentication, a backend
# process; SQLite: the file and the PRAGMAs below) cost as much as a small page. The health check
# pings a reused connection before its first query of a request, so a restarted database costs
# one error-free reconnect instead of a failed request.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 300),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while the worker writes; IMMEDIATE makes a writing transaction take
    # the lock at its start, so concurrent writers wait (busy timeout) instead of failing. The
    # project's backend queues those writers on a file lock, so the next one starts as soon as
    # the last commits instead of after SQLite's busy-handler sleeps (jobcenter/core/sqlite).
    DATABASES["default"]["ENGINE"] = "jobcenter.core.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding: the parameters travel apart from the statement, and psycopg prepares
    # a statement a connection has run 5 times, so PostgreSQL parses and plans it once instead
    # of every time, and psycopg does not quote every parameter (a submission's answers) into
    # the SQL text. Less CPU on both sides of every request (docs/PERFORMANCE.md). Django
    # switches psycopg's preparing off unless ``prepare_threshold`` is given. Behind a pooler
    # in transaction mode that cannot keep prepared statements, set it to false (both).
    server_side = env_bool("DB_SERVER_SIDE_BINDING", True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=server_side, prepare_threshold=5 if server_side else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Drafts ------------------------------------------------------------------------------------
# Unfinished applications are kept this many days after their last save, then deleted
# (manage.py delete_expired_drafts, daily). The resume link lives as long as the draft.
DRAFT_EXPIRY_DAYS = env_int("DRAFT_EXPIRY_DAYS", 30)

# --- Background jobs (durable, in the database) -----------------------------------------------
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# The worker (manage.py db_worker) outlives a database outage: it retries the connection after
# this many seconds, doubling up to the maximum.
WORKER_DB_RETRY_SECONDS = env_int("WORKER_DB_RETRY_SECONDS", 1)
WORKER_DB_RETRY_MAX_SECONDS = env_int("WORKER_DB_RETRY_MAX_SECONDS", 30)
# Citizens' requests come before background work: the worker lowers its own CPU priority to this
# nice value (0-19; 0 leaves it as started), so on a box it shares with the web server the
# requests of a surge of submits get the cores first and the receipt PDFs follow.
WORKER_NICE = env_int("WORKER_NICE", 10)
if not 0 <= WORKER_NICE <= 19:
    raise ConfigurationError("WORKER_NICE must be between 0 and 19")
# While the database is unreachable pages answer 503 with this Retry-After (seconds).
UNAVAILABLE_RETRY_AFTER_SECONDS = env_int("UNAVAILABLE_RETRY_AFTER_SECONDS", 60)

# --- intake: submissions, receipts, post-submit jobs ----------------------------------
# The address citizens reach this installation at; used for links in e-mails. Production
# defaults to https:// and the first of ALLOWED_HOSTS. In development it follows HOST and PORT
# of `make run HOST=… PORT=…` (make hands variables set on its command line to the web server
# and the worker alike), so the worker's e-mails link to the server that is actually running.
PUBLIC_BASE_URL = env_str(
    "PUBLIC_BASE_URL",
    f"https://{ALLOWED_HOSTS[0]}"
    if PRODUCTION
    else f"http://{env_str('HOST') or '127.0.0.1'}:{env_int('PORT', 8000)}",
)
# Jobs after a submission (receipt PDF, e-mail, handover): attempts and exponential backoff.
INTAKE_JOB_MAX_ATTEMPTS = env_int("INTAKE_JOB_MAX_ATTEMPTS", 8)
INTAKE_JOB_BACKOFF_SECONDS = env_int("INTAKE_JOB_BACKOFF_SECONDS", 30)
INTAKE_JOB_BACKOFF_MAX_SECONDS = env_int("INTAKE_JOB_BACKOFF_MAX_SECONDS", 3600)
# A running job whose worker has not finished it after this long is considered dead (sweeper).
INTAKE_JOB_LEASE_SECONDS = env_int("INTAKE_JOB_LEASE_SECONDS", 600)
# The daily retention run (manage.py shred): how long a worker holds it before the sweeper
# hands it to another one.
RETENTION_LEASE_SECONDS = env_int("RETENTION_LEASE_SECONDS", 3600)
# A pending job this far past its due time, with no task waiting for it, is re-queued.
INTAKE_JOB_SWEEP_GRACE_SECONDS = env_int("INTAKE_JOB_SWEEP_GRACE_SECONDS", 300)
# --- end intake ---

# --- Passwords and sessions ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Internationalisation: German first ---------------------------------------------------------
LANGUAGE_CODE = "de"
# Each language named in itself, untranslated: that is how a reader finds their own language.
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("uk", "Українська"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("ru", "Русский"),
]
# The back office, the administration and the API stay German whatever the visitor chose:
# caseworkers read every submission in German (accounts/middleware.LanguageMiddleware).
GERMAN_ONLY_PREFIXES = ("/backoffice/", "/admin/", "/api/")
LOCALE_PATHS = [SRC_DIR / "locale"]
# Own date formats where Django's do not fit the page (config/formats: Arabic without the
# right-to-left marks in the short date, which is always set left to right here).
FORMAT_MODULE_PATH = ["jobcenter.config.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    SRC_DIR / "static",
    # The KERN UX design system, installed from npm (package.json) by `make`.
    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served publicly; files are delivered by views that check access

STORAGE_BACKEND = env_str("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "filesystem":
    default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }
elif STORAGE_BACKEND == "s3":
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not default_storage["OPTIONS"]["bucket_name"]:
        raise ConfigurationError("S3_BUCKET is required when STORAGE_BACKEND=s3")
else:
    raise ConfigurationError("STORAGE_BACKEND must be 'filesystem' or 's3'")
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development static files come straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# --- E-mail -------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Jobcenter Online <noreply@jobcenter.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# Every e-mail is a durable, retried job (core/mail.py): attempts and exponential backoff.
EMAIL_JOB_MAX_ATTEMPTS = env_int("EMAIL_JOB_MAX_ATTEMPTS", 10)
EMAIL_JOB_BACKOFF_SECONDS = env_int("EMAIL_JOB_BACKOFF_SECONDS", 30)
EMAIL_JOB_BACKOFF_MAX_SECONDS = env_int("EMAIL_JOB_BACKOFF_MAX_SECONDS", 3600)
EMAIL_JOB_LEASE_SECONDS = env_int("EMAIL_JOB_LEASE_SECONDS", 300)

# --- Security headers ---------------------------------------------------------------------------
# A strict policy: only our own scripts, styles, fonts and images; no inline code anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # KERN draws its icons as CSS masks from data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # ASVS 3.3.1: the "__Host-" prefix makes the browser take these cookies only over HTTPS,
    # from this host (no Domain) and for path / (Django's defaults for domain and path).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-django_language"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- The service operator (legal pages of the installation itself) ------------------------------
# How long a process may reuse a Jobcenter's record it read (tenants/selectors.py); 0 = never.
JOBCENTER_CACHE_SECONDS = env_int("JOBCENTER_CACHE_SECONDS", 30)

OPERATOR = {
    "name": env_str("OPERATOR_NAME", "Kommunales Rechenzentrum Musterland (Demo)"),
    "street": env_str("OPERATOR_STREET", "Beispielweg 1"),
    "postcode": env_str("OPERATOR_POSTCODE", "99999"),
    "city": env_str("OPERATOR_CITY", "Musterstadt"),
    "email": env_str("OPERATOR_EMAIL", "kontakt@rechenzentrum.invalid"),
    "phone": env_str("OPERATOR_PHONE", "0000 000000"),
    "dpo_email": env_str("OPERATOR_DPO_EMAIL", "datenschutz@rechenzentrum.invalid"),
    "represented_by": env_str("OPERATOR_REPRESENTED_BY", "die Geschäftsführung"),
}

# LOG_FORMAT=json: one JSON object per line (for a log collector); "plain" for people. Every line
# written while a request runs carries its request id (X-Request-ID from the proxy, or a new one).
LOG_FORMAT = env_str("LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in {"plain", "json"}:
    raise ConfigurationError("LOG_FORMAT must be 'plain' or 'json'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jobcenter.monitoring.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "jobcenter.monitoring.logging.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # its start-up banner on every command
    },
}

# /metrics for Prometheus (jobcenter/monitoring/views.py): only with this bearer token or from
# these addresses/networks; otherwise (and when both are empty) it answers 404.
METRICS_TOKEN = env_str("METRICS_TOKEN")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [])
CSRF_FAILURE_VIEW = "jobcenter.core.views.csrf_failure"

# --- Accounts and login (docs/CONFIGURATION.md "Accounts and login") -------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out users before any check
    "jobcenter.accounts.backends.CitizenBackend",  # e-mail + password, citizens only
    "jobcenter.accounts.backends.StaffBackend",  # username + password, staff only (then TOTP)
    "jobcenter.accounts.oidc.StateAccountBackend",  # BundID / Land portal via OpenID Connect
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # verifies (and upgrades) older hashes
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:overview"
LOGOUT_REDIRECT_URL = "portal:choose"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_MINUTES", 60) * 60
ACCOUNT_VERIFY_EMAIL_HOURS = env_int("ACCOUNT_VERIFY_EMAIL_HOURS", 48)
# Sessions: idle timeouts per audience and one absolute lifetime (jobcenter.accounts.middleware).
CITIZEN_SESSION_IDLE_MINUTES = env_int("CITIZEN_SESSION_IDLE_MINUTES", 15)
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 60)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 8)
SESSION_WARNING_MINUTES = env_int("SESSION_WARNING_MINUTES", 2)
REAUTH_MAX_AGE_MINUTES = env_int("REAUTH_MAX_AGE_MINUTES", 5)
# Passkeys (WebAuthn): the relying-party id is the host name unless set (e.g. the parent domain
# when several host names share the passkeys); the name is what the authenticator shows.
PASSKEY_RP_ID = env_str("PASSKEY_RP_ID", "")
PASSKEY_RP_NAME = env_str("PASSKEY_RP_NAME", "Jobcenter Online")
SESSION_COOKIE_AGE = max(SESSION_COOKIE_AGE, SESSION_ABSOLUTE_HOURS * 60 * 60)
# Brute-force protection (django-axes) for citizens and staff; an administrator can unlock.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
_axes_cooloff = env_int("AXES_COOLOFF_MINUTES", 30)  # 0 = locked until an administrator unlocks
AXES_COOLOFF_TIME = timedelta(minutes=_axes_cooloff) if _axes_cooloff > 0 else None
# Per (account, IP) after AXES_FAILURE_LIMIT failures; per account from every address once it has
# LOCKOUT_ACCOUNT_FAILURE_LIMIT failures in the cool-off window (jobcenter.accounts.backends).
AXES_LOCKOUT_PARAMETERS = "jobcenter.accounts.backends.axes_lockout_parameters"
LOCKOUT_BY_USERNAME_AND_IP = env_bool("AXES_LOCK_BY_USERNAME_AND_IP", True)
LOCKOUT_ACCOUNT_FAILURE_LIMIT = env_int("AXES_ACCOUNT_FAILURE_LIMIT", 20)  # 0 = no account limit
AXES_USERNAME_CALLABLE = "jobcenter.accounts.backends.axes_username"
AXES_LOCKOUT_CALLABLE = "jobcenter.accounts.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 1 if PRODUCTION else 0) or None
# TOTP (django-otp): 30 s steps, one step of clock drift either way.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Jobcenter Online")
OTP_TOTP_TOLERANCE = 1
# OpenID Connect relying party (mozilla-django-oidc) for BundID / a Land portal. Switched on by
# OIDC_ENABLED; the endpoints come from OIDC_ISSUER's discovery document unless given one by one.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "BundID")
OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile email")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_ACR_CLAIM = env_str("OIDC_ACR_CLAIM", "acr")
OIDC_ACR_VALUES = env_str("OIDC_ACR_VALUES")  # sent as acr_values when set
OIDC_ACR_MAP = env_str("OIDC_ACR_MAP")  # extra "value=level,value=level" pairs
if OIDC_ENABLED and not (OIDC_RP_CLIENT_ID and (OIDC_ISSUER or OIDC_OP_AUTHORIZATION_ENDPOINT)):
    raise ConfigurationError("OIDC_ENABLED needs OIDC_RP_CLIENT_ID and OIDC_ISSUER")
# BundID over SAML 2.0 (pysaml2; needs Debian's xmlsec1). One service provider per installation;
# what BundID shows per Jobcenter (display name, online service id, level) in SAML_JOBCENTERS.
SAML_ENABLED = env_bool("SAML_ENABLED", False)
SAML_PROVIDER_NAME = env_str("SAML_PROVIDER_NAME", "BundID")
SAML_SP_BASE_URL = env_str("SAML_SP_BASE_URL", PUBLIC_BASE_URL if PRODUCTION else "")
SAML_SP_ENTITY_ID = env_str("SAML_SP_ENTITY_ID")  # default: BASE/konto/bundid/metadaten/
SAML_SP_KEY_FILE = env_str("SAML_SP_KEY_FILE")  # PEM; signs the AuthnRequests
SAML_SP_CERT_FILE = env_str("SAML_SP_CERT_FILE")
SAML_SP_ENCRYPTION_KEY_FILE = env_str("SAML_SP_ENCRYPTION_KEY_FILE")  # default: the signing pair
SAML_SP_ENCRYPTION_CERT_FILE = env_str("SAML_SP_ENCRYPTION_CERT_FILE")
# validUntil of the (signed) SP metadata in days; 0 = none, for metadata registered by hand.
SAML_SP_METADATA_VALID_DAYS = env_int("SAML_SP_METADATA_VALID_DAYS", 0)
SAML_IDP_METADATA_FILE = env_str("SAML_IDP_METADATA_FILE")
SAML_IDP_METADATA_URL = env_str("SAML_IDP_METADATA_URL")
SAML_IDP_METADATA_CERT_FILE = env_str("SAML_IDP_METADATA_CERT_FILE")  # checks signed metadata
SAML_IDP_ENTITY_ID = env_str("SAML_IDP_ENTITY_ID")  # needed when the metadata names several IdPs
SAML_REQUESTED_LEVEL = env_int("SAML_REQUESTED_LEVEL", 1)  # STORK-QAA level 1-4 asked at login
SAML_DISPLAY_NAME = env_str("SAML_DISPLAY_NAME", "Jobcenter Online")
SAML_ONLINE_SERVICE_ID = env_str("SAML_ONLINE_SERVICE_ID")
# Per Jobcenter, JSON by slug: {"slug": {"display_name", "online_service_id", "level"}}
SAML_JOBCENTERS = env_str("SAML_JOBCENTERS")
SAML_REQUIRE_ENCRYPTED_ASSERTIONS = env_bool("SAML_REQUIRE_ENCRYPTED_ASSERTIONS", True)
SAML_CLOCK_SKEW_SECONDS = env_int("SAML_CLOCK_SKEW_SECONDS", 60)
SAML_XMLSEC_BINARY = env_str("SAML_XMLSEC_BINARY")  # default: xmlsec1 on the PATH
# Where the demo BundID (accounts.demo_idp.saml_idp) answers, in development and tests.
SAML_DEMO_IDP_BASE_URL = env_str("SAML_DEMO_IDP_BASE_URL", PUBLIC_BASE_URL)
if SAML_SP_METADATA_VALID_DAYS < 0:
    raise ConfigurationError("SAML_SP_METADATA_VALID_DAYS must be 0 (no validUntil) or more")
if SAML_REQUESTED_LEVEL not in (1, 2, 3, 4):
    raise ConfigurationError("SAML_REQUESTED_LEVEL must be 1, 2, 3 or 4 (STORK-QAA level)")
if (
    SAML_ENABLED
    and PRODUCTION
    and not (
        SAML_SP_KEY_FILE and SAML_SP_CERT_FILE and (SAML_IDP_METADATA_FILE or SAML_IDP_METADATA_URL)
    )
):
    raise ConfigurationError(
        "SAML_ENABLED needs SAML_SP_KEY_FILE, SAML_SP_CERT_FILE and SAML_IDP_METADATA_FILE or _URL"
    )
# Which state-account login the pages offer: "saml", "oidc" or empty (whichever is switched on).
STATE_LOGIN = env_str("STATE_LOGIN")
# The demo identity provider (django-oauth-toolkit, a dev dependency) for development and tests.
try:
    import oauth2_provider  # noqa: F401

    _DOT_INSTALLED = True
except ImportError:  # production installs without the dev group
    _DOT_INSTALLED = False
DEMO_IDP_ENABLED = env_bool("DEMO_IDP_ENABLED", _DOT_INSTALLED and not PRODUCTION)
if DEMO_IDP_ENABLED:
    if PRODUCTION:
        raise ConfigurationError("DEMO_IDP_ENABLED must not be switched on in production mode")
    INSTALLED_APPS.append("oauth2_provider")
    AUTHENTICATION_BACKENDS.append("jobcenter.accounts.demo_idp.backend.DemoIdentityBackend")
    OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "PKCE_REQUIRED": True,
        "OAUTH2_VALIDATOR_CLASS": "jobcenter.accounts.demo_idp.validator.DemoClaimsValidator",
        "SCOPES": {"openid": "OpenID Connect", "profile": "Profil", "email": "E-Mail"},
        "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],
    }
    from jobcenter.accounts.demo_idp.keys import local_rsa_key

    OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"] = local_rsa_key(VAR_DIR / "demo_idp_key.pem")
# The anonymous receipt link (intake.selectors.receipt_link_valid_until) works this many days.
RECEIPT_LINK_DAYS = env_int("RECEIPT_LINK_DAYS", 90)
# --- end accounts ---

# --- intake: quiet WeasyPrint's per-step progress messages -----------------------------
LOGGING["loggers"].update({"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}})

# --- documents: uploads, checks, virus scan, normalisation -----------------------------
# Per file, in MB; more files than DOCUMENTS_MAX_FILES in one upload are refused.
DOCUMENTS_MAX_FILE_MB = env_int("DOCUMENTS_MAX_FILE_MB", 20)
DOCUMENTS_MAX_FILES = env_int("DOCUMENTS_MAX_FILES", 10)
# Days after the mailbox notice within which a decision must be retrieved; then it is flagged
# for sending by post (mailbox/rules.py, docs/DOMAIN.md).
MAILBOX_RETRIEVAL_DAYS = env_int("MAILBOX_RETRIEVAL_DAYS", 10)
# Images above this many megapixels (or this many pixels on a side) are refused before decoding.
DOCUMENTS_MAX_MEGAPIXELS = env_int("DOCUMENTS_MAX_MEGAPIXELS", 60)
DOCUMENTS_MAX_IMAGE_SIDE = env_int("DOCUMENTS_MAX_IMAGE_SIDE", 12000)
# Virus scanner: "none" (the embedded default; the admin says files are not scanned) or "clamd"
# (CLAMD_SOCKET, a Unix socket path, or CLAMD_HOST + CLAMD_PORT). Fail-closed: while clamd is
# unreachable, uploads wait in quarantine and a retried job scans them later.
DOCUMENTS_SCANNER = env_str("DOCUMENTS_SCANNER", "none")
CLAMD_SOCKET = env_str("CLAMD_SOCKET")
CLAMD_HOST = env_str("CLAMD_HOST", "127.0.0.1")
CLAMD_PORT = env_int("CLAMD_PORT", 3310)
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30)
# Retried scan/normalisation job: backoff like the intake jobs.
DOCUMENTS_JOB_BACKOFF_SECONDS = env_int("DOCUMENTS_JOB_BACKOFF_SECONDS", 60)
DOCUMENTS_JOB_BACKOFF_MAX_SECONDS = env_int("DOCUMENTS_JOB_BACKOFF_MAX_SECONDS", 3600)
# How long one check (scan and PDF normalisation) may take: after that, an upload whose
# worker died in the middle is handed to another worker by ``sweep_uploads``.
DOCUMENTS_JOB_LEASE_SECONDS = env_int("DOCUMENTS_JOB_LEASE_SECONDS", 600)
# Keep the uploaded originals next to the normalised PDF (otherwise deleted after normalising).
DOCUMENTS_KEEP_ORIGINALS = env_bool("DOCUMENTS_KEEP_ORIGINALS", False)
# Normalised pages: the longer side at most this many pixels (A4 at 300 dpi: 3508 × 2480).
DOCUMENTS_PAGE_MAX_PX = env_int("DOCUMENTS_PAGE_MAX_PX", 3508)
# "Unterlagen nachreichen" without an account: wrong birth dates allowed per reference and window.
DOCUMENTS_FIND_MAX_FAILURES = env_int("DOCUMENTS_FIND_MAX_FAILURES", 10)
DOCUMENTS_FIND_WINDOW_MINUTES = env_int("DOCUMENTS_FIND_WINDOW_MINUTES", 60)
if DOCUMENTS_SCANNER not in ("none", "clamd"):
    raise ConfigurationError("DOCUMENTS_SCANNER must be 'none' or 'clamd'")
# Uploads larger than this are spooled to a temporary file, never held in memory whole.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "jobcenter.documents.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# --- end documents ---

# --- handover: export bundles and transports (docs/HANDOVER.md) ----------------------
# Folder transports write below this directory only (each transport names a subfolder).
HANDOVER_FOLDER_ROOT = Path(env_str("HANDOVER_FOLDER_ROOT", str(VAR_DIR / "handover")))
# Durable jobs (bundle build, folder write, HTTP push): attempts and exponential backoff.
HANDOVER_JOB_MAX_ATTEMPTS = env_int("HANDOVER_JOB_MAX_ATTEMPTS", 10)
HANDOVER_JOB_BACKOFF_SECONDS = env_int("HANDOVER_JOB_BACKOFF_SECONDS", 30)
HANDOVER_JOB_BACKOFF_MAX_SECONDS = env_int("HANDOVER_JOB_BACKOFF_MAX_SECONDS", 3600)
HANDOVER_JOB_LEASE_SECONDS = env_int("HANDOVER_JOB_LEASE_SECONDS", 600)
HANDOVER_PUSH_TIMEOUT_SECONDS = env_int("HANDOVER_PUSH_TIMEOUT_SECONDS", 30)
# Bundles listed per page of the pull API (GET /api/v1/bundles).
HANDOVER_API_PAGE_SIZE = env_int("HANDOVER_API_PAGE_SIZE", 50)
# --- end handover ---
