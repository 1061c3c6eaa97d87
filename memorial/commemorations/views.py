import datetime

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from memorial.web.views import PAGE_NUMBER, PageObjectsMixin, PublishedMixin

from . import jsonld
from .models import Commemoration


def runs(commemorations):
    """Consecutive years as runs: [[1995, 1996, 1997], [2001], ...] of commemorations."""
    found = []
    for commemoration in commemorations:
        if found and found[-1][-1].year == commemoration.year - 1:
            found[-1].append(commemoration)
        else:
            found.append([commemoration])
    return found


class CommemorationListView(PageObjectsMixin, PublishedMixin, ListView):
    """The archive: every year since 1991 with its anniversary number; the years with
    nothing recorded yet are one line, with an invitation to send what is known."""

    model = Commemoration
    paginate_by = 40
    page_parameters = {"page": PAGE_NUMBER}

    # The years of the page, read only when the template's fragment for it is not kept.

    @cached_property
    def recorded(self):
        return [year for year in self.page_objects if year.is_recorded]

    @cached_property
    def unrecorded(self):
        return runs(
            sorted((y for y in self.page_objects if not y.is_recorded), key=lambda y: y.year)
        )


class CommemorationDetailView(PublishedMixin, DetailView):
    model = Commemoration
    slug_field = "year"
    slug_url_kwarg = "year"

    related = ("articles", "photos", "sources")

    def get_structured_data(self):
        return jsonld.commemoration(self.request, self.object)


def _ical_text(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _ical_fold(line):
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    chunks = []
    while len(encoded) > 75:
        cut = 75 if not chunks else 74
        while cut and (encoded[cut] & 0xC0) == 0x80:
            cut -= 1
        chunks.append(encoded[:cut].decode())
        encoded = encoded[cut:]
    chunks.append(encoded.decode())
    return "\r\n ".join(chunks)


class CommemorationCalendarView(View):
    """The day of remembrance, every 20 January, as an iCalendar feed."""

    http_method_names = ["get", "head"]

    def get(self, request):
        stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        host = request.get_host().split(":")[0]
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:-//{_ical_text(settings.MEMORIAL_SITE_NAME)}//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{_ical_text(settings.MEMORIAL_SITE_NAME)}",
            "BEGIN:VEVENT",
            f"UID:20-january-day-of-remembrance@{host}",
            f"DTSTAMP:{stamp}",
            "DTSTART;VALUE=DATE:19910120",
            "DTEND;VALUE=DATE:19910121",
            "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20",
            f"SUMMARY:{_ical_text(_('20 January: Day of National Mourning'))}",
            "DESCRIPTION:"
            + _ical_text(
                _(
                    "In memory of the people killed in Baku on 19–20 January 1990. "
                    "A minute of silence is observed at 12:00 Baku time."
                )
            ),
            f"URL:{request.build_absolute_uri(reverse('commemorations:list'))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "BEGIN:VEVENT",
            f"UID:20-january-minute-of-silence@{host}",
            f"DTSTAMP:{stamp}",
            # Baku has kept UTC+4 all year since 2016: 12:00 in Baku is 08:00 UTC.
            "DTSTART:20170120T080000Z",
            "DURATION:PT1M",
            "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20",
            f"SUMMARY:{_ical_text(_('Minute of silence (12:00 Baku time)'))}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        body = "\r\n".join(_ical_fold(line) for line in lines) + "\r\n"
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="black-january.ics"'
        return response
