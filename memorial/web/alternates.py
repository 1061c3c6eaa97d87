"""This page in the memorial's other languages: the switcher and the hreflang links."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language_info, override

from memorial.core.languages import active_language


def languages(active=None):
    """[(code, the language's own name, is_active)] in the order of settings.LANGUAGES."""
    active = (active or active_language())[:2]
    return [
        (code, get_language_info(code)["name_local"], code == active)
        for code, _name in settings.LANGUAGES
    ]


def reverse_in(language, viewname, args=(), kwargs=None):
    """The address of `viewname` in `language`."""
    with override(language):
        return reverse(viewname, args=args, kwargs=kwargs)


def alternates(request, path):
    """This page in every language: [(code, own name, url, is_active)], or [].

    `path` is the page's own address with its meaningful query. The same
    object, list or search in another language is the matched view reversed
    under that language with the same arguments, so slugs and query strings
    stay as they are. A request that matched no page, or a page outside the
    language prefixes, has no alternates. The answer is kept on the request:
    the head and the switcher both ask.
    """
    cached = getattr(request, "_memorial_alternates", None)
    if cached is not None and cached[0] == path:
        return cached[1]
    match = getattr(request, "resolver_match", None)
    result = []
    if match is not None and match.url_name:
        query = path.partition("?")[2]
        suffix = f"?{query}" if query else ""
        try:
            result = [
                (
                    code,
                    name,
                    reverse_in(code, match.view_name, match.args, match.kwargs) + suffix,
                    active,
                )
                for code, name, active in languages()
            ]
        except NoReverseMatch:
            result = []
        # An address outside the language prefixes is the same in every language.
        if len({url for _code, _name, url, _active in result}) < len(result):
            result = []
    request._memorial_alternates = (path, result)
    return result
