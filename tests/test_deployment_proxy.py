"""The documented front proxy's configuration (docs/nginx.conf) is one nginx accepts, and it does what
docs/deployment-proxy.md says the proxy must: buffer, set Host, replace X-Forwarded-For and -Proto."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CONF = Path(settings.BASE_DIR) / "docs" / "nginx.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.mark.skipif(NGINX is None or shutil.which("openssl") is None, reason="nginx is not installed (make nginx)")
def test_nginx_accepts_the_documented_configuration(tmp_path):
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=portal.example"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    text = CONF.read_text().replace("/etc/ssl/certs/ssl-cert-snakeoil.pem", str(certificate))
    text = text.replace("/etc/ssl/private/ssl-cert-snakeoil.key", str(key))
    (tmp_path / "nginx.conf").write_text(text)
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
        + ["-g", f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_configuration_buffers_and_sets_the_headers_the_portal_trusts():
    text = CONF.read_text()
    for directive in (
        "proxy_request_buffering on;",
        "proxy_buffering on;",
        "client_header_timeout",
        "proxy_set_header Host portal.example;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
    ):
        assert directive in text
