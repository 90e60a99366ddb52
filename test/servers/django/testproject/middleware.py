"""With the odd template set, the auth forms post to their `action` (`?via=action`), never to the page itself:
a client that ignores the form's action is refused (400)."""
from django.http import HttpResponseBadRequest


def posts_only_via_action(get_response):
    def middleware(request):
        if (
            request.method == "POST"
            and request.path.startswith("/accounts/")
            and not request.path.startswith("/accounts/logout/")
            and request.GET.get("via") != "action"
        ):
            return HttpResponseBadRequest("This form posts to its action, not to the page.")
        return get_response(request)

    return middleware
