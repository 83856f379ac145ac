import re
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings

from credit_portal.structured_logging import request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy or load balancer may hand us (UUIDs, hex, trace ids); anything else is replaced, never logged.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


class RequestIdMiddleware:
    """Take the proxy's X-Request-ID if it is sane, else make one; log with it and echo it in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header built from settings.PERMISSIONS_POLICY (feature → allowed origins)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.setdefault("Permissions-Policy", self.header)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy on every page, plus settings.CONTENT_SECURITY_POLICY_ADMIN's exceptions on admin pages."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        admin = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if admin and not report_only and request.path_info.startswith(admin["URL_PREFIX"]):
            parts.update = {**admin["DIRECTIVES"], **(parts.update or {})}
        return parts


class CrossOriginResourcePolicyMiddleware:
    """Send Cross-Origin-Resource-Policy (settings.CROSS_ORIGIN_RESOURCE_POLICY): other sites may not embed the
    portal's pages, images or files without CORS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response
