"""Untrusted text stays text: a report of hostile answers fetches nothing and embeds nothing.

A local HTTP server listens while the report renders; the payloads point at it and at local
files. The server must get no request, the PDF must carry no attachment but answers.yaml, and the
payloads must show as the literal text the respondent typed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.files.bundled import bundled_dir
from assess.report.pdf import answers_attachment, make_fetcher, render_pdf
from tests.builders import RecordingServer, answers, questionnaire, run_cli

pytestmark = pytest.mark.pdf  # Hostile answers go through the real renderer.


def payloads(port: int) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}"
    return {
        "img": f'<img src="{url}/img.png">',
        "link": '<link rel="attachment" href="file:///etc/passwd">',
        "css": f"<style>body {{ background: url({url}/css.png) }}</style>",
        "inline": f"<p style=\"background-image: url('{url}/inline.png')\">x</p>",
        "svg": f'<svg><image href="{url}/svg.png"/></svg>',
    }


def test_hostile_answers_are_shown_never_interpreted(
    tmp_path: Path, server: RecordingServer
) -> None:
    p = payloads(server.server_address[1])
    data = answers("2025", "2025-11-20")
    data["organization"]["name"] = f"Evil {p['img']} Corp"
    data["assessment"]["scope"] = p["css"]
    data["answers"]["A-01"]["note"] = p["img"] + " " + p["link"]
    data["answers"]["A-01"]["evidence"] = [p["css"], p["inline"], p["svg"]]
    data["answers"]["B-02"]["justification"] = p["link"]
    q = tmp_path / "mini.yaml"
    q.write_text(yaml.safe_dump(questionnaire()), encoding="utf-8")
    source = tmp_path / "hostile.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = run_cli(CliRunner(), "report", source, "-q", q, "--classification", p["css"])

    assert result.exit_code == 0, result.stderr
    assert server.requests == []
    reader = PdfReader(tmp_path / "hostile.pdf")
    assert list(reader.attachments) == ["answers.yaml", "questionnaire.yaml"]
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    for payload in p.values():
        assert "".join(payload.split()) in text


def test_the_renderer_itself_refuses_urls(tmp_path: Path, server: RecordingServer) -> None:
    """Even HTML that does ask for resources (as a careless template might) gets none."""
    port = server.server_address[1]
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }", encoding="utf-8")
    html = (
        f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/a.css">'
        f'<link rel="stylesheet" href="{secret.as_uri()}">'
        f'<link rel="attachment" href="file:///etc/passwd">'
        f"<style>p {{ background: url(http://127.0.0.1:{port}/b.png) }}</style></head>"
        f'<body><p>text</p><img src="http://127.0.0.1:{port}/c.png">'
        f'<img src="data:image/png;base64,iVBORw0KGgo="></body></html>'
    )
    pdf = render_pdf(
        html,
        asset_dirs=[bundled_dir("templates")],
        attachments=[answers_attachment(b"a: 1\n", dt.date(2025, 1, 2))],
    )
    assert server.requests == []
    out = tmp_path / "plain.pdf"
    out.write_bytes(pdf)
    assert list(PdfReader(out).attachments) == ["answers.yaml"]


def test_the_fetcher_serves_only_template_assets(tmp_path: Path) -> None:
    templates = bundled_dir("templates")
    fetcher = make_fetcher([templates], data_uris=["data:text/plain,ok"])
    assert fetcher.fetch((templates / "report.css").as_uri()).read().startswith(b"/*")
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    outside = tmp_path / "x.css"
    outside.write_text("x", encoding="utf-8")
    for url in (
        "http://127.0.0.1:9/x.png",
        "https://example.com/",
        "file:///etc/passwd",
        outside.as_uri(),
        (templates / ".." / ".." / "etc" / "passwd").as_uri(),
        "data:text/plain,other",
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7
