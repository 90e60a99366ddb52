"""With the odd template set, the auth forms post to their `action` (`?via=action`), never to the page itself,
and carry their hidden `odd_step` input back: a client that ignores the form's action or its hidden inputs is
refused (400)."""
from django.http import HttpResponseBadRequest


def posts_only_via_action(get_response):
    def middleware(request):
        if (
            request.method == "POST"
            and request.path.startswith("/accounts/")
            and not request.path.startswith("/accounts/logout/")
            and (request.GET.get("via") != "action" or request.POST.get("odd_step") != "fields")
        ):
            return HttpResponseBadRequest("This form posts to its action, with its hidden inputs.")
        return get_response(request)

    return middleware
