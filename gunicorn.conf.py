"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py config.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so that one
file serves a small VM and a large one alike.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
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
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
errorlog = "-"
preload_app = True
