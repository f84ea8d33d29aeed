"""The API's language. Unprefixed addresses are Azerbaijani for the site's
pages (i18n_patterns without a default prefix), but an API caller names its
language: `?lang=az|en|ru`, else its Accept-Language header (or the site's
language cookie), else Azerbaijani. Titles and details of problems and the
texts of products follow it."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def api_language(request) -> str:
    asked = request.GET.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return translation.get_language_from_request(request, check_path=False)


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = api_language(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language",))
        return response
