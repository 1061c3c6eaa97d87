from django import template

from memorial.sources.citations import cite_source

register = template.Library()


@register.filter
def citation(source):
    """The citation text of a source, for copying."""
    return cite_source(source)
