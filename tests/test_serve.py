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


def reserve_port() -> socket.socket:
    """A port for ``make serve``, held until its server has bound it.

    sphinx-autobuild needs the number up front (it writes it into the reload script), so
    the server cannot bind port 0 itself.  Instead of closing a probe socket and hoping the
    port stays free until the first build is done, the port stays bound here, without
    listening and with SO_REUSEADDR: the kernel gives it to no one else, and the server's
    own SO_REUSEADDR bind (asyncio's default on Linux) still succeeds.
    """
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


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
    reservation = reserve_port()
    port = reservation.getsockname()[1]
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
            time.sleep(0.3)  # polling, until the page answers or the deadline
        reservation.close()  # the server listens on the port now
        yield project, port, base
    finally:
        reservation.close()
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
