from django.conf import settings
from djoser.email import PasswordResetEmail


class AppLinkPasswordResetEmail(PasswordResetEmail):
    """djoser's stock reset e-mail with the app's scheme in place of http: <scheme>://<host>/reset/<uid>/<token>."""

    def get_context_data(self):
        context = super().get_context_data()
        context["protocol"] = settings.APP_LINK_SCHEME
        return context
