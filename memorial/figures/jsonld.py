"""The schema.org description of figures, as a dataset."""

from memorial.web import jsonld


def dataset(request, name, description, url, measured, sources):
    """Figures as a dataset: every figure is a cited measurement, none the truth.

    `measured` names what the figures count; `sources` are the (title,
    address) of the sources they cite.
    """
    return {
        "@context": jsonld.CONTEXT,
        "@type": "Dataset",
        "name": str(name),
        "description": str(description),
        "url": jsonld.absolute(request, url),
        "creator": jsonld.publisher(request),
        "isAccessibleForFree": True,
        "variableMeasured": list(measured),
        "citation": jsonld.citations(sources),
    }
