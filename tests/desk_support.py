"""Helpers shared by the tests of the agent's desk (header search, dark theme)."""

from __future__ import annotations

import gzip

SEED_PAGE = "playbooks/sei/suporte-ao-sei.html"

def page_weight(context, url: str) -> dict:
    """What a fresh page downloads until the network is idle: ``{"raw", "gzip", "urls"}``,
    the bytes of every response as sent and gzipped (level 6, as nginx and Apache send text)."""
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []
    page.on("response", lambda response: bodies.append((response.url, response.body()))
            if response.status == 200 else None)
    page.goto(url, wait_until="networkidle")
    page.close()
    return {"raw": sum(len(body) for _, body in bodies),
            "gzip": sum(len(gzip.compress(body, 6)) for _, body in bodies),
            "urls": [address for address, _ in bodies]}
