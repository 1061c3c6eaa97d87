"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py config.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so that one
file serves a small VM and a large one alike.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one more than the cores. The proxy in front buffers slow
# clients and request bodies, so a worker is busy only while it works, and
# each request goes to whichever worker is free next. Threaded workers keep
# each keep-alive connection on the worker that accepted it, so some workers
# queue requests while others idle: measured at 8 connections without the
# page cache, p99 was 75-88 ms with 5 workers x 2 threads and 40-47 ms with
# 3 sync workers, at the same requests/s. GUNICORN_THREADS > 1 switches to
# threaded workers (for a proxy that does not buffer).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Workers are not recycled by default: at the request rates the page cache
# reaches, recycling every few thousand requests restarted a worker every few
# seconds and set the tail latency (p99 180 ms instead of 10 ms). Set
# GUNICORN_MAX_REQUESTS (e.g. 100000) to recycle if a leak ever shows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Bound request line and headers; bodies are bounded by Django's upload limits.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Trust X-Forwarded-* only from the proxy in front of us.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
# Behind a proxy the peer (%(h)s) is the proxy itself; the client is the
# address the proxy appended to X-Forwarded-For (the rightmost one, behind one
# proxy), so the log keeps the whole chain as it arrived.
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s for=%({x-forwarded-for}i)s'
)
errorlog = "-"
preload_app = True


def when_ready(server):
    # Everything the master has loaded (Django, the apps, the models) lives as
    # long as the workers do. Frozen, it is out of the garbage collector's
    # sight: a full collection in a worker walks only what that worker made
    # (measured in-process: 22-33 ms pauses before, 4-5 ms after), and the
    # forked workers keep sharing those pages of memory.
    gc.freeze()
