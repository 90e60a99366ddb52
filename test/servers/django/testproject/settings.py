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
    *(["django.middleware.locale.LocaleMiddleware"] if _flag("ADT_LOCALE_MIDDLEWARE") else []),
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATE_SET = _env("ADT_TEMPLATES") or "stock"
if TEMPLATE_SET not in ("stock", "crispy", "odd"):
    raise ValueError("ADT_TEMPLATES must be stock, crispy or odd")
if TEMPLATE_SET == "odd":
    MIDDLEWARE.append("testproject.middleware.posts_only_via_action")

# ADT_LOGIN_FIELD=email: people sign in with their e-mail address (djoser's LOGIN_FIELD, Django's login form).
LOGIN_BY_EMAIL = _env("ADT_LOGIN_FIELD") == "email"
if LOGIN_BY_EMAIL:
    AUTHENTICATION_BACKENDS = ["testproject.email_login.EmailBackend"]

ROOT_URLCONF = "testproject.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # ADT_TEMPLATES picks a template set (stock, crispy, odd); the stock set fills in the pages it lacks.
        "DIRS": [os.path.join(BASE_DIR, "templates_" + TEMPLATE_SET), os.path.join(BASE_DIR, "templates")],
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
PASSWORD_HASHERS = ["testproject.hashers.SameCostPBKDF2PasswordHasher"]
PASSWORD_RESET_TIMEOUT = int(_env("ADT_RESET_TIMEOUT") or 259200)

LANGUAGE_CODE = _env("ADT_LANGUAGE_CODE") or "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = _env("ADT_MAIL_DIR") or os.path.join(BASE_DIR, "mail")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
}
if _env("ADT_THROTTLE") or _env("ADT_USER_THROTTLE"):
    REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = []
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {}
if _env("ADT_THROTTLE"):
    REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"].append("rest_framework.throttling.AnonRateThrottle")
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] = _env("ADT_THROTTLE")
if _env("ADT_USER_THROTTLE"):
    REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"].append("rest_framework.throttling.UserRateThrottle")
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"] = _env("ADT_USER_THROTTLE")

DJOSER = {
    "PASSWORD_RESET_CONFIRM_URL": "reset/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_RETYPE": _flag("ADT_RETYPE"),
    "SET_PASSWORD_RETYPE": _flag("ADT_RETYPE"),
    "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND": _flag("ADT_SHOW_EMAIL_NOT_FOUND"),
    "LOGOUT_ON_PASSWORD_CHANGE": _flag("ADT_LOGOUT_ON_PASSWORD_CHANGE"),
    "PASSWORD_CHANGED_EMAIL_CONFIRMATION": _flag("ADT_PASSWORD_CHANGED_EMAIL"),
}
if LOGIN_BY_EMAIL:
    DJOSER["LOGIN_FIELD"] = "email"
# The app's own URL scheme in the e-mailed links, by one of docs/reset-links.md's recipes (ADT_LINK_RECIPE;
# docs/server-protocol.md, "The link in the e-mail"):
#   email-class (default): a PasswordResetEmail subclass that sets `protocol` (any djoser version);
#   settings: EMAIL_FRONTEND_PROTOCOL (only djoser >= 2.2.3 reads it; 2.1 ignores it and mails http://);
#   template: a project template email/password_reset.html that writes the scheme (any djoser version).
APP_LINK_SCHEME = _env("ADT_LINK_SCHEME")
APP_LINK_RECIPE = _env("ADT_LINK_RECIPE") or "email-class"
if APP_LINK_SCHEME and APP_LINK_RECIPE == "email-class":
    DJOSER["EMAIL"] = {"password_reset": "testproject.emails.AppLinkPasswordResetEmail"}
elif APP_LINK_SCHEME and APP_LINK_RECIPE == "settings":
    DJOSER["EMAIL_FRONTEND_PROTOCOL"] = APP_LINK_SCHEME
elif APP_LINK_SCHEME == "accountdesk" and APP_LINK_RECIPE == "template":
    # docs/reset-links.md's template, word for word (the scheme is written in it).
    TEMPLATES[0]["DIRS"].insert(0, os.path.join(BASE_DIR, "link_templates"))
elif APP_LINK_SCHEME:
    raise ValueError("ADT_LINK_RECIPE: email-class, settings, or template (with the scheme accountdesk)")

# django-allauth (ADT_ALLAUTH; docs/server-protocol.md, "django-allauth"): "username" or "email" runs allauth's
# account app with its headless API for apps at /_allauth/ and its HTML views at /accounts/, people signing in with
# that; "html" is the same without the headless app. Its default rate limits stay on, as on a real server.
ALLAUTH = _env("ADT_ALLAUTH")
if ALLAUTH not in ("", "username", "email", "html"):
    raise ValueError("ADT_ALLAUTH must be username, email or html")
if ALLAUTH:
    import allauth as _allauth

    # Bookworm's 0.51 (HTML views only, on Django 3.2) or sid's 65: the settings each understands.
    ALLAUTH_MODERN = not _allauth.__version__.startswith("0.")
    if ALLAUTH != "html" and not ALLAUTH_MODERN:
        raise ValueError("allauth %s has no headless API: ADT_ALLAUTH=html" % _allauth.__version__)
    INSTALLED_APPS += ["allauth", "allauth.account"] + (["allauth.headless"] if ALLAUTH != "html" else [])
    AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
    if ALLAUTH_MODERN:
        MIDDLEWARE.append("allauth.account.middleware.AccountMiddleware")
        ACCOUNT_LOGIN_METHODS = {"email"} if ALLAUTH == "email" else {"username"}
        ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
    else:
        # 0.51's pages load socialaccount's template tags (its login page lists providers, none here), whose app
        # needs the sites framework: every 0.51 site installs both.
        INSTALLED_APPS += ["django.contrib.sites", "allauth.socialaccount"]
        SITE_ID = 1
        ACCOUNT_AUTHENTICATION_METHOD = "username"
        ACCOUNT_EMAIL_REQUIRED = True
    ACCOUNT_EMAIL_VERIFICATION = "optional"
    # The reset mail's link: the app's own (HEADLESS_FRONTEND_URLS, docs/reset-links.md's allauth recipe) when a
    # scheme or a URL (ADT_ALLAUTH_RESET_URL) is asked for, else allauth's HTML page. serve.py writes the port in
    # once it has one.
    _reset_url = _env("ADT_ALLAUTH_RESET_URL") or (
        APP_LINK_SCHEME + "://127.0.0.1:{port}/accounts/password/reset/key/{key}/" if APP_LINK_SCHEME else ""
    )
    if _reset_url and ALLAUTH != "html":
        HEADLESS_FRONTEND_URLS = {"account_reset_password_from_key": _reset_url}

# A login view that asks for more than a password, or answers differently (signin_steps.py): "", "lockout",
# "second-step" or "failure-redirect".
SIGNIN_STEP = _env("ADT_SIGNIN_STEP")

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
