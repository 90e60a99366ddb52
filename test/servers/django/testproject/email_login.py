"""Sign-in by e-mail address: an authentication backend that finds the user by e-mail, and the login form a site
with it shows (an e-mail input, labelled so). djoser's LOGIN_FIELD = 'email' calls authenticate(email=...)."""
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        address = email if email is not None else username
        if not address or password is None:
            return None
        user = get_user_model().objects.filter(email__iexact=address).order_by("pk").first()
        if user and user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Please enter a correct email address and password. Note that both fields may be case-sensitive.",
    }
