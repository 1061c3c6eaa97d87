"""The schema.org description of a photograph."""

from memorial.web import jsonld


def image_object(request, photo):
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "ImageObject",
        "name": photo.title,
        "url": jsonld.absolute(request, photo.get_absolute_url()),
        "contentUrl": jsonld.absolute(request, photo.image.url),
        "caption": photo.caption,
        "creditText": photo.credit,
        "copyrightNotice": photo.rights,
    }
    if photo.width and photo.height:
        data["width"] = photo.width
        data["height"] = photo.height
    if photo.license_url:
        data["license"] = photo.license_url
    if photo.taken:
        data["dateCreated"] = photo.taken.iso
    if photo.place:
        data["contentLocation"] = {"@type": "Place", "name": photo.place}
    return data
