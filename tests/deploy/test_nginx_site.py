"""deploy/nginx/jobcenter.conf in front of gunicorn, on loopback with a self-signed certificate.

The site file is used as it is; only what differs on this machine is replaced (ports, the
certificate, the static folder, the upstream port) and the slow-client timeouts are shortened
so that the test does not wait for 15 s.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "jobcenter.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "antrag.jobcenter.example"


SLOW_CLIENT_TIMEOUT = 5  # seconds; the site's 15 s / 30 s, shortened for the test


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{what} exited"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not come up")


def _replace(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) == count, f"the site no longer has {old!r} {count}x"
    return text.replace(old, new)


def site_for_test(tmp: Path, http_port: int, https_port: int, app_port: int, static: Path):
    site = SITE.read_text()
    site = re.sub(r"^\s*listen \[::\]:.*$", "", site, flags=re.M)
    site = _replace(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = _replace(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = _replace(site, "server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}")
    site = _replace(site, "/etc/ssl/jobcenter/fullchain.pem", str(tmp / "cert.pem"))
    site = _replace(site, "/etc/ssl/jobcenter/privkey.pem", str(tmp / "key.pem"))
    site = _replace(site, "/srv/jobcenter/var/static/", f"{static}/")
    # Shortened, but long enough that a healthy request on a busy CI box (two test workers and
    # browsers) clearly ends before nginx would drop the stalled clients.
    site = _replace(
        site, "client_header_timeout 15s;", f"client_header_timeout {SLOW_CLIENT_TIMEOUT}s;"
    )
    site = _replace(
        site, "client_body_timeout 30s;", f"client_body_timeout {SLOW_CLIENT_TIMEOUT}s;"
    )
    user = "user root;" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{site}
}}
"""
    )
    return conf


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    assert Path(NGINX).exists(), "nginx is missing: apt-get install nginx-light (see .ci/run)"
    tmp = tmp_path_factory.mktemp("nginx")
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={HOST}",
            "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
            "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    static = tmp / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123abcd.css").write_text("body{margin:0}")
    app_port, http_port, https_port = _free_port(), _free_port(), _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "VAR_DIR": str(tmp / "var"),
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "METRICS_TOKEN": "nginx-test-token",
        "LOG_LEVEL": "WARNING",
    }
    # One sync worker (production's kind, config/gunicorn.py): a slow client that reached it
    # would block every other request.
    app = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "jobcenter.config.wsgi:application",
            "-c", "src/jobcenter/config/gunicorn.py", "--pythonpath", "src",
            "-b", f"127.0.0.1:{app_port}", "-w", "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    conf = site_for_test(tmp, http_port, https_port, app_port, static)
    checked = subprocess.run([NGINX, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen(
        [NGINX, "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_port(app_port, app, "gunicorn")
        _wait_port(https_port, nginx, "nginx")
        ctx = ssl.create_default_context(cafile=str(tmp / "cert.pem"))
        yield {"http": http_port, "https": https_port, "ctx": ctx, "tmp": tmp, "conf": conf}
    finally:
        for process in (nginx, app):
            process.terminate()
            process.wait(15)


def _https(stack, method="GET", path="/healthz", headers=None, body=None):
    conn = http.client.HTTPSConnection("127.0.0.1", stack["https"], context=stack["ctx"])
    conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    version = conn.sock.version()
    conn.close()
    return response, data, version


def test_tls_and_the_proxy_reach_the_app(stack):
    response, data, version = _https(stack)
    assert response.status == 200 and b'"ok"' in data
    assert version in {"TLSv1.2", "TLSv1.3"}
    assert re.fullmatch(r"[0-9a-f]{32}", response.getheader("X-Request-ID"))
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.load_verify_locations(str(stack["tmp"] / "cert.pem"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old.maximum_version = ssl.TLSVersion.TLSv1_1
    with pytest.raises(ssl.SSLError), socket.create_connection(("127.0.0.1", stack["https"])) as s:
        old.wrap_socket(s, server_hostname=HOST)


def test_plain_http_redirects_except_the_health_check(stack):
    conn = http.client.HTTPConnection("127.0.0.1", stack["http"])
    conn.request("GET", "/musterkreis/", headers={"Host": HOST})
    response = conn.getresponse()
    response.read()
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/musterkreis/"
    conn.request("GET", "/healthz", headers={"Host": HOST})
    assert conn.getresponse().status == 200


def test_static_files_from_nginx_with_long_caching_media_never(stack):
    response, data, _ = _https(stack, path="/static/css/site.0123abcd.css")
    assert response.status == 200 and data == b"body{margin:0}"
    assert "immutable" in response.getheader("Cache-Control")
    assert response.getheader("Content-Type").startswith("text/css")
    assert _https(stack, path="/media/documents/x.pdf")[0].status == 404


def test_metrics_pass_only_from_allowed_addresses_and_with_the_token(stack):
    assert _https(stack, path="/metrics")[0].status == 404  # the app: no token
    token = {"Authorization": "Bearer nginx-test-token"}
    response, data, _ = _https(stack, path="/metrics", headers=token)
    assert response.status == 200 and b"jobcenter_http_request_duration_seconds" in data
    assert b"jobcenter_database_up 0.0" in data  # this database is not migrated
    # The same site with loopback not allowed: nginx refuses before the app is asked.
    conf = stack["conf"]
    text = conf.read_text()
    conf.write_text(text.replace("allow 127.0.0.1;", ""))
    try:
        subprocess.run([NGINX, "-c", str(conf), "-s", "reload"], check=True)
        deadline = time.monotonic() + 10
        while _https(stack, path="/metrics", headers=token)[0].status != 403:
            assert time.monotonic() < deadline, "nginx did not refuse /metrics"
            time.sleep(0.2)
    finally:
        conf.write_text(text)
        subprocess.run([NGINX, "-c", str(conf), "-s", "reload"], check=True)
        time.sleep(0.5)


def _tls_socket(stack):
    raw = socket.create_connection(("127.0.0.1", stack["https"]), timeout=10)
    return stack["ctx"].wrap_socket(raw, server_hostname=HOST)


def test_a_too_large_upload_is_refused_before_it_is_sent(stack):
    with _tls_socket(stack) as s:
        s.sendall(
            f"POST /musterkreis/unterlagen/ HTTP/1.1\r\nHost: {HOST}\r\n"
            f"Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {300 * 1024 * 1024}\r\n\r\n".encode()
        )
        assert s.recv(100).startswith(b"HTTP/1.1 413")


def test_slow_clients_do_not_hold_the_app_and_are_dropped(stack):
    """With one gunicorn thread, a stalled upload and a stalled header must not block others."""
    slow_body = _tls_socket(stack)
    slow_body.sendall(
        f"POST /musterkreis/unterlagen/ HTTP/1.1\r\nHost: {HOST}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        "a=1".encode()
    )
    slow_head = _tls_socket(stack)
    slow_head.sendall(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n".encode())
    t0 = time.monotonic()
    assert _https(stack)[0].status == 200
    # Held by a stalled client, the request would wait until nginx drops that client.
    assert time.monotonic() - t0 < SLOW_CLIENT_TIMEOUT - 1, "a stalled client held the app server"
    for s in (slow_body, slow_head):
        s.settimeout(3 * SLOW_CLIENT_TIMEOUT)
        started = time.monotonic()
        data = s.recv(200)  # nginx gives up after the (shortened) timeout
        assert time.monotonic() - started < 2 * SLOW_CLIENT_TIMEOUT
        assert data == b"" or data.startswith(b"HTTP/1.1 408"), data
        s.close()
