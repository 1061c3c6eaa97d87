"""The schema.org description of an article."""

from memorial.web import jsonld


def article(request, obj, sources=()):
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Article",
        "headline": obj.title,
        "url": jsonld.absolute(request, obj.get_absolute_url()),
        "description": obj.summary,
        "publisher": jsonld.publisher(request),
    }
    if obj.publication:
        data["datePublished"] = obj.publication.iso
    if obj.author:
        data["author"] = {"@type": "Person", "name": obj.author}
    if obj.external_url:
        data["sameAs"] = obj.external_url
    if sources:
        data["citation"] = jsonld.citations(jsonld.titles_and_addresses(sources))
    return data
