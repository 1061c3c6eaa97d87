"""A flood of posts from one address against two real app servers sharing Redis.

The per-address limit lives in the shared cache, so it holds across processes:
1,000 posts alternating between two gunicorn servers keep five letters. Another
visitor reading a person's page meanwhile is timed, before and during the
flood; the figures are printed for the record (timings are never asserted).
"""

import statistics
import threading
import time

import pytest

from tests.ops.servers import (
    AdminSession,
    _FormFields,
    get,
    manage,
    two_sites_sharing_redis,
)

pytestmark = pytest.mark.slow

CREATE = """
from tests import factories
factories.make_person(slug="flood-target", given_name_en="Ilham", surname_en="Allahverdiyev")
"""

COUNT = """
from memorial.submissions.models import Submission
print(Submission.objects.count())
"""

POSTS = 1000


@pytest.fixture
def two_servers(tmp_path):
    with two_sites_sharing_redis(
        tmp_path,
        CREATE,
        MEMORIAL_PAGE_CACHE_SECONDS="0",
        MEMORIAL_SUBMISSION_MIN_SECONDS="0",
    ) as sites:
        yield sites


def timed_reads(servers, stop, durations, count=None):
    """Another visitor reads a person's page (rendered in full: the page cache is off)."""
    n = 0
    while not stop.is_set() and (count is None or n < count):
        started = time.perf_counter()
        status, _, _ = get(servers[n % 2].url + "/en/names/flood-target/")
        durations.append((status, time.perf_counter() - started))
        n += 1


def figures(durations):
    times = sorted(seconds * 1000 for _status, seconds in durations)
    p95 = times[int(len(times) * 0.95) - 1]
    return f"{len(times)} reads, median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"


def test_a_thousand_posts_from_one_address_keep_five_and_others_still_read(two_servers):
    environment, servers = two_servers
    before = []
    timed_reads(servers, threading.Event(), before, count=40)

    senders = [AdminSession(server.url) for server in servers]
    form = "/en/write/?person=flood-target"
    letter = {
        "kind": "memory",
        "text": "A memory of him.",
        "sender_name": "Flood",
        "sender_email": "flood@example.org",
        "consent": "private",
        "language": "en",
        "website": "",
    }
    # Each server's form, with its CSRF cookie and token and the form's stamp.
    prepared = []
    for sender in senders:
        status, _headers, body = sender.request(form)
        assert status == 200
        parser = _FormFields()
        parser.feed(body)
        data = [(name, value) for name, value in parser.fields if name not in letter]
        prepared.append(data + list(letter.items()))

    during, stop = [], threading.Event()
    reader = threading.Thread(target=timed_reads, args=(servers, stop, during))
    reader.start()
    statuses = []
    started = time.perf_counter()
    try:
        for n in range(POSTS):
            status, _headers, _body = senders[n % 2].request(form, prepared[n % 2])
            statuses.append(status)
    finally:
        elapsed = time.perf_counter() - started
        stop.set()
        reader.join()
    kept = int(manage(environment, "shell", "-c", COUNT).stdout.split()[-1])
    print(
        f"\nflood over two gunicorn servers sharing Redis: {POSTS} posts in {elapsed:.1f} s "
        f"({elapsed / POSTS * 1000:.1f} ms a post); {kept} kept, "
        f"{statuses.count(302)} answered 302, {statuses.count(429)} answered 429"
        f"\nanother visitor's person page before: {figures(before)}"
        f"\nanother visitor's person page during: {figures(during)}"
    )
    assert kept == 5
    assert statuses.count(302) == 5
    assert statuses.count(429) == POSTS - 5
    assert {status for status, _seconds in before + during} == {200}
