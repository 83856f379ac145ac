"""gunicorn settings for `make serve` (docs/deployment.md). Everything that varies comes from the environment."""

import gc
import logging
import os
import sys

from gunicorn.glogging import Logger

from credit_portal.structured_logging import JsonFormatter


def default_workers():
    # gunicorn's rule of thumb, 2 × cores + 1, capped: past a dozen sync workers, add app servers instead.
    return min(2 * (os.cpu_count() or 1) + 1, 12)


wsgi_app = "credit_portal.wsgi:application"
bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers())
# Threaded workers: a connection that sends its request slowly, or nothing yet, holds one thread at most (gunicorn
# parks idle connections in a poller), so slow clients cannot take every worker and /healthz keeps answering.
# The front proxy must still buffer requests and responses (docs/deployment-proxy.md). Each thread holds its own
# database connection: servers × workers × threads must stay below PostgreSQL's max_connections.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
# A worker takes no more connections than it has threads: one whose threads are all held by slow clients stops
# accepting, and the next connection goes to a worker that can answer it (no keep-alive: the proxy reconnects).
worker_connections = threads
# Which proxies may set X-Forwarded-For/-Proto: gunicorn reads FORWARDED_ALLOW_IPS itself (default 127.0.0.1).
# Load Django once in the master and fork: workers share its memory and start at once.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
# Recycle each worker now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# No runtime control socket: it lives at one path per user, which several instances on one host would share.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    # The app is loaded in the master (preload_app) before workers fork: what a worker's first request would load
    # is loaded here once, and no database connection may be inherited.
    from django.db import connections

    from credit_portal.warm_up import load_before_forking

    load_before_forking()
    connections.close_all()
    # What the master holds lives as long as the workers: out of the cyclic garbage collector's sight, its full
    # collections stop walking some 140,000 objects (5 ms per faceted list page, 12 ms per API page, in-process).
    gc.freeze()


class JsonLogger(Logger):
    """gunicorn's access and error logs as JSON lines on stdout, like the portal's own (one stream to collect)."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if getattr(handler, "_gunicorn", False):
                    handler.setFormatter(JsonFormatter())
                    # errorlog "-" means stderr to gunicorn; one stream is simpler to collect.
                    if log is self.error_log and type(handler) is logging.StreamHandler:
                        handler.setStream(sys.stdout)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        headers = dict((name.lower(), value) for name, value in resp.headers)
        fields = {
            "request_id": headers.get("x-request-id", "-"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("RAW_URI"),
            "status": int(status),
            # Files sent with sendfile() (whitenoise) are not counted in resp.sent.
            "bytes": int(headers["content-length"]) if headers.get("content-length", "").isdigit() else resp.sent,
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote_addr": environ.get("REMOTE_ADDR"),
            "user_agent": environ.get("HTTP_USER_AGENT"),
            "referer": environ.get("HTTP_REFERER"),
        }
        self.access_log.info("%s %s %s", fields["method"], fields["path"], fields["status"], extra=fields)


logger_class = JsonLogger
