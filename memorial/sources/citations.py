"""The citation text of a source: one function, for pages, open data and copying."""


def cite_source(source, locator=""):
    """ "Author. Title. Publisher, date. Locator. URL" with the parts the source has."""
    parts = []
    if source.author:
        parts.append(source.author)
    translation = getattr(source, "shown_title_translation", "")
    parts.append(f"{source.title} [{translation}]" if translation else source.title)
    publisher = ", ".join(
        part
        for part in (
            getattr(source, "shown_publisher", source.publisher),
            str(source.issued) if source.issued else "",
        )
        if part
    )
    if publisher:
        parts.append(publisher)
    locator = locator or source.locator
    if locator:
        parts.append(locator)
    text = ". ".join(part.rstrip(".") for part in parts) + "."
    if source.url:
        text = f"{text} {source.url}"
    return text
