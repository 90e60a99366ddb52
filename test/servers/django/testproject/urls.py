from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from testproject import control, signin_steps
from testproject.email_login import EmailAuthenticationForm

_reset_view = auth_views.PasswordResetView.as_view(
    extra_email_context={"protocol": settings.APP_LINK_SCHEME} if settings.APP_LINK_SCHEME else None
)

_email_login = (
    [
        path(
            "accounts/login/",
            auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
            name="login",
        )
    ]
    if settings.LOGIN_BY_EMAIL
    else []
)

# A sign-in variant (signin_steps.py) replaces the stock login view, ahead of django.contrib.auth.urls.
_signin_step = (
    [
        path("accounts/login/", signin_steps.VIEWS[settings.SIGNIN_STEP].as_view(), name="login"),
        path("accounts/locked/", signin_steps.locked, name="signin_locked"),
        path("accounts/two-factor/", signin_steps.second_step, name="signin_second_step"),
    ]
    if settings.SIGNIN_STEP
    else []
)

# django-allauth (settings.ALLAUTH): its HTML views at /accounts/, its headless API at /_allauth/.
_allauth = (
    [path("accounts/", include("allauth.urls"))]
    + ([path("_allauth/", include("allauth.headless.urls"))] if settings.ALLAUTH != "html" else [])
    if settings.ALLAUTH
    else []
)

urlpatterns = _allauth + _signin_step + _email_login + [
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.authtoken")),
    path("accounts/password_reset/", _reset_view, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("__control__/ping/", control.ping),
    path("__control__/users/", control.create_user),
    path("__control__/clock/", control.advance_clock),
]
