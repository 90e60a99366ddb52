"""Settings of the Account Desk Django test server. Every knob comes from an ADT_* environment variable that
test/servers/django.ts sets; nothing here is meant for production."""
import os

BASE_DIR = os.path.dirname(os.path.abspath(__file__))


def _env(name, default=""):
    return os.environ.get(name, default)


def _flag(name):
    return _env(name) == "1"


SECRET_KEY = _env("ADT_SECRET_KEY") or "account-desk-test-server-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework.authtoken",
    "djoser",
    "testproject",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "testproject.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(BASE_DIR, "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ]
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": _env("ADT_DB_PATH") or os.path.join(BASE_DIR, "db.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = int(_env("ADT_RESET_TIMEOUT") or 259200)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = _env("ADT_MAIL_DIR") or os.path.join(BASE_DIR, "mail")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
}
if _env("ADT_THROTTLE"):
    REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["rest_framework.throttling.AnonRateThrottle"]
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": _env("ADT_THROTTLE")}

DJOSER = {
    "PASSWORD_RESET_CONFIRM_URL": "reset/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_RETYPE": _flag("ADT_RETYPE"),
    "SET_PASSWORD_RETYPE": _flag("ADT_RETYPE"),
    "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND": _flag("ADT_SHOW_EMAIL_NOT_FOUND"),
    "LOGOUT_ON_PASSWORD_CHANGE": _flag("ADT_LOGOUT_ON_PASSWORD_CHANGE"),
}
# The app's own URL scheme in the e-mailed links (docs/server-protocol.md, "The link in the e-mail": the e-mail class, for djoser 2.1).
APP_LINK_SCHEME = _env("ADT_LINK_SCHEME")
if APP_LINK_SCHEME:
    DJOSER["EMAIL"] = {"password_reset": "testproject.emails.AppLinkPasswordResetEmail"}

# Test-only control endpoints (create users, move the token clock) answer only with this key.
CONTROL_KEY = _env("ADT_CONTROL_KEY")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "ERROR"},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
