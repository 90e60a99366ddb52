"""Sign-in variants of servers that do more than Django's stock LoginView (ADT_SIGNIN_STEP):

- "lockout": every sign-in POST is answered with a redirect to a lockout page, as django-axes does once an
  account or address is locked out.
- "second-step": right credentials lead to a second step (a one-time code page, as django-two-factor-auth and
  django-otp add) instead of a session; the password-change page still asks for a sign-in.
- "failure-redirect": wrong credentials are answered with a redirect back to the login page instead of the form
  with its error (what some custom login views do).
"""
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class LockoutLoginView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        return redirect("signin_locked")


class SecondStepLoginView(auth_views.LoginView):
    def form_valid(self, form):
        # The user is known but not signed in until the second step: no auth session yet.
        self.request.session["pending_user"] = form.get_user().pk
        return redirect("signin_second_step")


class FailureRedirectLoginView(auth_views.LoginView):
    def form_invalid(self, form):
        return redirect(reverse("login") + "?failed=1")


def locked(request):
    return HttpResponse(
        "<!doctype html><title>Locked out</title><h1>Account locked: too many login attempts.</h1>",
        content_type="text/html; charset=utf-8",
    )


def second_step(request):
    return HttpResponse(
        "<!doctype html><title>Two-factor</title><form method=post><input name=otp_token></form>",
        content_type="text/html; charset=utf-8",
    )


VIEWS = {
    "lockout": LockoutLoginView,
    "second-step": SecondStepLoginView,
    "failure-redirect": FailureRedirectLoginView,
}
