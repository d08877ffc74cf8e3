"""``make serve``: live preview on 127.0.0.1 only, rebuilt on save, the browser reloads itself."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from workflow import STAMP, clean_env, project_copy

PAGE = "playbooks/sei/suporte-ao-sei.html"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listeners(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # LISTEN
                found.append(address)
    return found


@pytest.fixture
def served(tmp_path):
    project = project_copy(tmp_path)
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-o", STAMP, "serve", f"SERVE_PORT={port}"],
        cwd=project, env=clean_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(base + PAGE, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"make serve did not serve {PAGE}:\n{log.read()[-3000:]}")
            time.sleep(0.3)
        yield project, port, base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # the process group this fixture started
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)
        log.close()


def test_serve_listens_on_localhost_only(served):
    _, port, _ = served
    addresses = listeners(port)
    assert addresses, "nothing listens on the port"
    # 127.0.0.1 in /proc/net/tcp is 0100007F; nothing on 0.0.0.0 or on IPv6
    assert set(addresses) == {"0100007F"}


def test_saving_a_playbook_rebuilds_and_reloads_the_open_page(served, browser_context):
    project, _, base = served
    page = browser_context.new_page()
    page.goto(base + PAGE)
    assert page.locator("h1").first.inner_text().startswith("Suporte ao SEI")
    source = project / "source" / "playbooks" / "sei" / "suporte-ao-sei.rst"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("O Usuário abre um chamado que solicita suporte ao SEI.",
                                   "O Usuário abre um chamado que solicita suporte ao SEI. Frase salva agora.", 1),
                      encoding="utf-8")
    # no page.reload(): the page reloads itself once the rebuild is done
    page.get_by_text("Frase salva agora.", exact=False).wait_for(timeout=90_000)
