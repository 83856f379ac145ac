"""Logs as JSON lines, each carrying the id of the request it belongs to.

The request id lives in a context variable set by RequestIdMiddleware, so any log line written while a request
is served (Django's error log included) carries it without being passed around.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="-")

# What every LogRecord has; anything else on a record was passed as `extra` and goes into the JSON line.
STANDARD_RECORD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record (`-` outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            # Django logs a 4xx/5xx response after the middleware returned, but hands over the request.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


class ClientErrorFilter(logging.Filter):
    """Log a record as a warning without a traceback: Django reports some client mistakes (a Host header not in
    ALLOWED_HOSTS) as errors, which would page whoever watches for errors."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras and the traceback if any."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            if key in STANDARD_RECORD_ATTRIBUTES or key in entry:
                continue
            if key == "request" and not hasattr(value, "method"):
                continue  # runserver's request log passes its socket; the message already names the request
            entry[key] = json_safe(key, value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


def json_safe(key, value):
    # Django's request log passes the HttpRequest itself: keep what identifies it, never its cookies or body.
    if key == "request" and hasattr(value, "method"):
        return {"method": value.method, "path": value.get_full_path()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
