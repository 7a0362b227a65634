"""The loopback server's routes and fixture files of the sources tests (importable; not a conftest)."""

from __future__ import annotations

import io
from pathlib import Path

from sources_server import LocalServer, Route, gzip_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
MAX_BYTES = 200_000


def fixture_bytes(name: str, base: str = "") -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def install_routes(server: LocalServer) -> None:
    b = server.base
    r = server.routes
    r["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    r["/news/accord.html"] = Route(fixture_bytes("article-accord.html"))
    r["/news/meeting.html"] = Route(fixture_bytes("article-meeting.html"))
    r["/news/accord.html.gz"] = Route(gzip_bytes(fixture_bytes("article-accord.html")), raw_encoding="gzip")
    r["/private/secret.html"] = Route(fixture_bytes("article-accord.html"))
    r["/slow"] = Route(b"late", delay_s=3.0)
    r["/drip"] = Route(b"x" * 200, drip_s=0.02)
    r["/huge-declared"] = Route(b"x" * (MAX_BYTES + 10))
    r["/huge-undeclared"] = Route(b"<p>" + b"x" * (3 * MAX_BYTES), length=False)
    # 50 MB of zeros compress to about 50 kB: small on the wire, huge when decoded
    r["/gzip-bomb"] = Route(gzip_bytes(b"\0" * (50 * 1024 * 1024)), raw_encoding="gzip")
    r["/redirect-ok"] = Route(status=302, headers={"Location": "/news/accord.html"})
    r["/redirect-relative-chain"] = Route(status=301, headers={"Location": "/redirect-ok"})
    r["/redirect-private"] = Route(status=302, headers={"Location": "http://10.0.0.7/admin"})
    r["/redirect-metadata"] = Route(
        status=307, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    r["/redirect-localhost-name"] = Route(
        status=302, headers={"Location": f"http://localhost:{server.port}/news/accord.html"}
    )
    r["/redirect-robots"] = Route(status=302, headers={"Location": "/private/secret.html"})
    r["/redirect-loop"] = Route(status=302, headers={"Location": "/redirect-loop"})
    r["/redirect-ftp"] = Route(status=302, headers={"Location": "ftp://127.0.0.1/file"})
    r["/not-found"] = Route(b"gone", status=404)
    r["/image.png"] = Route(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    r["/feed.xml"] = Route(fixture_bytes("feed.rss.xml", b), content_type="application/rss+xml", etag='"v1"')
    r["/atom.xml"] = Route(fixture_bytes("feed.atom.xml", b), content_type="application/atom+xml")
    r["/bad-feed.xml"] = Route(fixture_bytes("feed-malformed.xml"), content_type="application/rss+xml")
    r["/sitemap.xml"] = Route(fixture_bytes("sitemap-index.xml", b), content_type="application/xml")
    r["/sitemap-news.xml"] = Route(fixture_bytes("sitemap-news.xml", b), content_type="application/xml")
    r["/sitemap-more.xml.gz"] = Route(
        gzip_bytes(fixture_bytes("sitemap-more.xml", b)), content_type="application/x-gzip"
    )
    r["/sitemap-laughs.xml"] = Route(fixture_bytes("sitemap-laughs.xml"), content_type="application/xml")


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], *, gz: bool) -> None:
    """records: (type, uri, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for rec_type, uri, ctype, body in records:
            if rec_type == "response":
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=http
                )
            elif rec_type == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "h.example")], is_http_request=True)
                record = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http)
            else:
                record = writer.create_warc_record(
                    uri, rec_type, payload=io.BytesIO(body), warc_content_type=ctype
                )
            writer.write_record(record)


ARCHIVE = [
    ("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
    ("request", "https://h.example/accord", "", b""),
    (
        "response",
        "https://h.example/accord",
        "text/html; charset=utf-8",
        fixture_bytes("article-accord.html"),
    ),
    ("response", "https://h.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ("response", "https://h.example/app.js", "application/javascript", b"var x = 1;"),
    ("metadata", "https://h.example/accord", "application/json", b"{}"),
    ("response", "https://h.example/meeting", "text/html", fixture_bytes("article-meeting.html")),
]
