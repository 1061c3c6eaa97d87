"""Operations: health, request ids, calm error pages."""

import json

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from memorial.web.errors import server_error


@pytest.mark.django_db
def test_health_reports_the_database_and_the_cache(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "up", "cache": "up"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    response = client.get(reverse("health"))
    assert len(response["X-Request-ID"]) == 32
    echoed = client.get(reverse("health"), headers={"x-request-id": "edge-42.a"})
    assert echoed["X-Request-ID"] == "edge-42.a"
    forged = client.get(reverse("health"), headers={"x-request-id": "<script>"})
    assert forged["X-Request-ID"] != "<script>"


def test_a_database_outage_gives_a_calm_503_without_touching_the_database(rf):
    request = rf.get("/en/")
    request.id = "abc123"
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"briefly unavailable" in response.content
    assert b"abc123" in response.content


def test_other_errors_give_the_500_page(rf):
    request = rf.get("/en/")
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_public_views_answer_only_get_and_head():
    client = Client(enforce_csrf_checks=False)
    assert client.post(reverse("events:list")).status_code == 405
    assert client.head(reverse("events:list")).status_code == 200


@pytest.mark.django_db
def test_media_is_served_inert(client, settings):
    (settings.MEDIA_ROOT / "photos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "photos" / "a.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    response = client.get("/media/photos/a.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    response.close()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert client.get("/media/../config/settings.py").status_code == 404
    assert client.get("/media/photos/missing.jpg").status_code == 404
