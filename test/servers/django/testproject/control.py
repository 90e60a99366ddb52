"""Test-only endpoints, reachable only with the per-run key in the X-Control-Key header."""
import hmac
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.http import JsonResponse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.csrf import csrf_exempt

_original_now = PasswordResetTokenGenerator._now
_clock = {"offset": 0}


def _shifted_now(self):
    import datetime

    return _original_now(self) + datetime.timedelta(seconds=_clock["offset"])


PasswordResetTokenGenerator._now = _shifted_now


def _guard(view):
    @csrf_exempt
    def wrapped(request, *args, **kwargs):
        key = request.headers.get("X-Control-Key", "")
        if not settings.CONTROL_KEY or not hmac.compare_digest(key, settings.CONTROL_KEY):
            return JsonResponse({"detail": "forbidden"}, status=403)
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"detail": "bad json"}, status=400)
        return view(request, body, *args, **kwargs)

    return wrapped


@_guard
def ping(request, body):
    return JsonResponse({"ok": True})


@_guard
def create_user(request, body):
    User = get_user_model()
    user = User.objects.create_user(body["username"], body.get("email", ""), body.get("password"))
    if body.get("active") is False:
        user.is_active = False
        user.save()
    if getattr(settings, "ALLAUTH", ""):
        # allauth signs in and resets by its own table of addresses: the address is the user's, primary, verified.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return JsonResponse({"id": user.pk, "uid": urlsafe_base64_encode(force_bytes(user.pk))}, status=201)


@_guard
def advance_clock(request, body):
    """Moves the reset-token clock forward: outstanding tokens look older (expired) to the server."""
    _clock["offset"] += int(body.get("seconds", 0))
    return JsonResponse({"offset": _clock["offset"], "timeout": settings.PASSWORD_RESET_TIMEOUT})
