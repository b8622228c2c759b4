"""The web UI as a browser gets it: a real server on loopback, Debian's headless Chromium loading
the pages (skipped, saying so, when Chromium is not installed)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from rasd.pipeline import run
from rasd.store import Store
from rasd.web.api import create_app

from conftest import SEEDS

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")

HOSTILE = ('تجربة <script>document.title="pwned"</script> عنوان\n\n'
           'قال مسؤول إن "><img src=x onerror=document.title="pwned"> الأمطار الغزيرة أغرقت شوارع المدينة '
           "مساء الخميس، وأضاف أن فرق الإنقاذ أجلت عشرات العائلات من الأحياء المنخفضة قرب النهر.\n")  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("ui")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "ui.db"
    with Store(db) as store:
        run([SEEDS, folder], store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def dom(url: str, profile: Path) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"]
    return subprocess.run(["chromium", *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout


def test_pages_render_rtl_and_run_nothing_from_articles(server: str, tmp_path: Path) -> None:
    home = dom(server + "/", tmp_path / "p1")
    assert 'dir="rtl"' in home and "/stories/" in home
    article = dom(server + "/articles/hostile", tmp_path / "p2")
    title = article.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("تجربة &lt;script&gt;")  # had a script run, the title would be "pwned"
    assert "&lt;script&gt;" in article and "<img" not in article.lower()
    found = dom(server + "/search?q=" + "الأمطار", tmp_path / "p3")
    assert "<mark>أمطار</mark>" in found or "<mark>الأمطار</mark>" in found
