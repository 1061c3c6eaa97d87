from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.MEMORIAL_SITE_NAME,
        "CONTACT_EMAIL": settings.MEMORIAL_CONTACT_EMAIL,
    }
