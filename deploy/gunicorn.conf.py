"""gunicorn settings for Sozialraum behind a reverse proxy (docs/deployment.md).

Every value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads share one database connection per thread (CONN_MAX_AGE keeps it open between requests).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
# The proxy on the same host (or the addresses in FORWARDED_ALLOW_IPS) sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
# No IP addresses in the access log (data minimisation): method, path, status, size, time.
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'
wsgi_app = "sozialraum.wsgi:application"
