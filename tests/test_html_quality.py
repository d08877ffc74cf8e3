"""Quality of the built pages: valid HTML (Nu Html Checker), no serious or critical
accessibility violations (axe-core in Chromium), and every control usable by keyboard.

The page lists are the only thing to edit when pages appear (for example the writer's
guide): every test here is parametrised over them.  The keyboard tests find the page's
interactive widgets themselves (copy buttons, fields, filter boxes, links), so widgets
added later are covered without changing this file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT, wait_until

NODE_MODULES = PROJECT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

#: Pages checked by vnu and axe.  The integrator adds the writer's guide here when it lands
#: (for example "guia/index.html").
PAGES = [
    "playbooks/sei/suporte-ao-sei.html",  # the seed playbook
    "index.html",  # the landing page
    "playbooks/index.html",  # the catalog of playbooks
    "search.html",
    "guia/index.html",  # the writer's guide
    "saude.html",  # the page "Saúde do manual": tables, SVG charts
    "playbooks/sei/recursos-da-pagina.html",  # test page: code block (copy button), math
]
#: Pages whose controls are exercised with the keyboard alone.
KEYBOARD_PAGES = PAGES



def _need(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def site(features_site) -> Path:
    return features_site


# --- Nu Html Checker ------------------------------------------------------------------

@pytest.fixture(scope="module")
def vnu_messages(site) -> dict[str, list[dict]]:
    """Nu Html Checker run once over every page (one JVM start); messages by page."""
    java = shutil.which("java")
    _need(java is not None, "java not found (apt-get install default-jre-headless)")
    _need(VNU_JAR.exists(), f"{VNU_JAR} missing: run `make test` (npm ci)")
    files = [str(site / page) for page in PAGES]
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout)
    by_page: dict[str, list[dict]] = {page: [] for page in PAGES}
    for message in report["messages"]:
        path = message.get("url", "").removeprefix("file:")
        page = Path(path).relative_to(site).as_posix() if path else "?"
        by_page.setdefault(page, []).append(message)
    return by_page


@pytest.mark.parametrize("page", PAGES)
def test_page_is_valid_html(vnu_messages, page):
    errors = [m for m in vnu_messages[page] if m.get("type") in {"error", "non-document-error"}]
    assert not errors, "\n".join(
        f"{page}:{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]" for m in errors)


def test_vnu_does_find_errors(tmp_path):
    """The check can fail: a broken page is reported."""
    java = shutil.which("java")
    _need(java is not None and VNU_JAR.exists(), "java or vnu.jar missing")
    broken = tmp_path / "quebrada.html"
    broken.write_text("<!DOCTYPE html><html><head></head><body><p><div></p></body></html>", encoding="utf-8")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]


# --- axe-core -------------------------------------------------------------------------

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
}"""


def axe_violations(page) -> list[dict]:
    _need(AXE_JS.exists(), f"{AXE_JS} missing: run `make test` (npm ci)")
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(AXE_RUN)


@pytest.mark.parametrize("page_path", PAGES)
def test_page_has_no_serious_accessibility_violation(site, serve, browser_context, page_path):
    base = serve(site)
    page = browser_context.new_page()
    page.goto(base + page_path, wait_until="networkidle")
    violations = axe_violations(page)
    serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)


def test_axe_does_find_violations(tmp_path, serve, browser_context):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body>'
        '<img src="a.png"><button></button></body></html>', encoding="utf-8")
    base = serve(tmp_path)
    page = browser_context.new_page()
    page.goto(base + "index.html")
    ids = {v["id"] for v in axe_violations(page) if v["impact"] in {"serious", "critical"}}
    assert {"image-alt", "button-name"} <= ids


# --- Keyboard -------------------------------------------------------------------------

#: Marks every control a keyboard user must be able to reach; returns their descriptions.
MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
                   '[tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]';
  const visible = el => {
    if (el.closest('[hidden], [inert]') || el.disabled) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    return el.getClientRects().length > 0;
  };
  const found = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    if (!visible(el)) return;
    el.dataset.kbd = String(i);
    found.push({id: String(i), tag: el.tagName.toLowerCase(), type: el.type || '',
                role: el.getAttribute('role') || '', cls: el.className || '',
                label: (el.getAttribute('aria-label') || el.title || el.value || el.textContent || '').trim().slice(0, 40),
                readonly: !!el.readOnly, name: el.getAttribute('name') || ''});
  });
  return found;
}"""

#: What the focused element is, and whether a sighted keyboard user can see the focus.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let opacity = 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
               (style.boxShadow && style.boxShadow !== 'none');
  const rect = el.getBoundingClientRect();
  return {id: el.dataset.kbd || null, tag: el.tagName.toLowerCase(), opacity, ring,
          size: rect.width * rect.height};
}"""


def open_page(browser_context, base: str, page_path: str, wait_until: str = "networkidle"):
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + page_path, wait_until=wait_until)
    return page, errors


#: Resolves once every finite animation and CSS transition running in the page has ended.
TRANSITIONS_DONE = """async () => {
  const running = document.getAnimations().filter(
    (a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  const ended = Promise.all(running.map((a) => a.finished.catch(() => null)));
  await Promise.race([ended, new Promise((done) => setTimeout(done, 10000))]);  // never hangs
  return true;
}"""


#: The clipboard's text, or "" (also when reading it does not answer within a second: a
#: page without the focus may never answer, and ``page.evaluate`` has no timeout).
CLIPBOARD_TEXT = """Promise.race([
  navigator.clipboard.readText().then((t) => t.trim(), () => ""),
  new Promise((done) => setTimeout(() => done(""), 1000)),
])"""

#: Focus the control marked ``data-kbd=id``; true when it has the focus.
FOCUS_CONTROL = """(id) => {
  const el = document.querySelector(`[data-kbd="${id}"]`);
  if (el) el.focus();
  return el !== null && document.activeElement === el;
}"""


def focus(page, control_id: str) -> bool:
    """Give the control the keyboard focus directly.  Whether Tab reaches it, in order and
    with a visible focus, is test_every_control_is_reachable_with_tab_and_shows_focus's job;
    the tests of what keys do start from the focused control."""
    return page.evaluate(FOCUS_CONTROL, control_id)


def tab_until(page, control_id: str, limit: int) -> dict | None:
    """Press Tab until the control is focused (from the top of the page)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state and state["id"] == control_id:
            return state
    return None


@pytest.mark.parametrize("page_path", KEYBOARD_PAGES)
def test_every_control_is_reachable_with_tab_and_shows_focus(site, serve, browser_context, page_path):
    base = serve(site)
    page, errors = open_page(browser_context, base, page_path)
    controls = page.evaluate(MARK_CONTROLS)
    assert controls, "a page with no control at all: the header links are missing"
    reached: dict[str, dict] = {}
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            if reached:
                break  # past the last control: focus left the page, no trap
            continue
        if state["id"] is not None and state["id"] not in reached:
            if state["opacity"] < 0.5 or not state["ring"]:
                page.evaluate(TRANSITIONS_DONE)  # a CSS transition on focus, run to its end
                state = page.evaluate(FOCUS_STATE)
            reached[state["id"]] = state
    missing = [c for c in controls if c["id"] not in reached]
    assert not missing, f"controles que o teclado não alcança: {missing}"
    hidden = [(c, reached[c["id"]]) for c in controls
              if reached[c["id"]]["opacity"] < 0.5 or not reached[c["id"]]["ring"] or reached[c["id"]]["size"] == 0]
    assert not hidden, f"foco invisível nestes controles: {hidden}"
    assert not errors, errors


def _activators(controls: list[dict]) -> list[dict]:
    return [c for c in controls if c["tag"] == "button" or c["role"] == "button"
            or (c["tag"] == "input" and c["type"] in {"button", "submit", "checkbox", "radio"})
            or c["tag"] == "summary"]


def _fields(controls: list[dict]) -> list[dict]:
    return [c for c in controls if not c["readonly"] and (
        c["tag"] == "textarea" or (c["tag"] == "input" and c["type"] in {"text", "search", ""}))]


def _is_copy(control: dict) -> bool:
    text = f"{control['cls']} {control['label']}".lower()
    return "copy" in text or "copiar" in text or "copia" in text


@pytest.mark.parametrize("page_path", KEYBOARD_PAGES)
def test_buttons_work_with_enter_and_space(site, serve, browser_context, page_path):
    base = serve(site)
    page, errors = open_page(browser_context, base, page_path)
    controls = page.evaluate(MARK_CONTROLS)
    page.close()
    activators = _activators(controls)
    copies = [control for control in activators if _is_copy(control)]
    if copies:
        # Copying neither navigates nor changes the page's controls: one pass in tab order
        # (reopening the page and tabbing from the top for each button was quadratic).
        page, errors = open_page(browser_context, base, page_path)
        page.evaluate(MARK_CONTROLS)
        for control in copies:
            for key in ("Enter", " "):
                assert focus(page, control["id"]), control
                page.evaluate("navigator.clipboard.writeText('')")
                page.keyboard.press(key)
                wait_until(page, CLIPBOARD_TEXT, message=f"{control} com {key!r} não copiou nada")
                assert errors == [], (control, key, errors)
        page.close()
    others = [c for c in activators if not _is_copy(c)]
    if not others:
        return
    page, errors = open_page(browser_context, base, page_path, wait_until="load")
    for control in others:
        for key in ("Enter", " "):
            # The page as it loads, for each (a button may navigate or change the page): one
            # page loaded again, never a page closed in the middle of a navigation (that can
            # hang); its scripts have run at "load", so no wait for the network to be idle.
            page.goto(base + page_path, wait_until="load")
            page.evaluate(MARK_CONTROLS)
            page.evaluate("navigator.clipboard.writeText('')")
            assert focus(page, control["id"]), control
            if control["type"] == "submit":
                # A form sent with the key loads its page (waited for: the next page.goto
                # would be cut by it).
                with page.expect_navigation(wait_until="load", timeout=10_000):
                    page.keyboard.press(key)
            else:
                page.keyboard.press(key)
                page.wait_for_timeout(150)  # what the key started (a script's error) shows up
            assert errors == [], (control, key, errors)
    page.goto("about:blank")
    page.close()


@pytest.mark.parametrize("page_path", KEYBOARD_PAGES)
def test_fields_take_typing_from_the_keyboard(site, serve, browser_context, page_path):
    base = serve(site)
    page, errors = open_page(browser_context, base, page_path)
    controls = page.evaluate(MARK_CONTROLS)
    for control in _fields(controls):
        page.reload(wait_until="load")
        page.evaluate(MARK_CONTROLS)
        assert focus(page, control["id"]), control
        page.keyboard.type("SEI")
        value = page.evaluate("document.activeElement.value ?? document.activeElement.textContent")
        assert "SEI" in value, control
        page.keyboard.press("Backspace")
        page.keyboard.press("Backspace")
        page.keyboard.press("Backspace")
        assert "SEI" not in page.evaluate("document.activeElement.value ?? ''")
    assert errors == []


def test_search_box_works_with_the_keyboard_alone(site, serve, browser_context):
    base = serve(site)
    page, errors = open_page(browser_context, base, "playbooks/sei/suporte-ao-sei.html")
    controls = page.evaluate(MARK_CONTROLS)
    search = [c for c in _fields(controls) if c["name"] == "q"]  # not the reply's fields
    assert search, "a busca rápida da barra lateral sumiu"
    assert tab_until(page, search[0]["id"], len(controls) + 5)
    page.keyboard.type("SEI")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=SEI*")
    page.wait_for_function("document.body.innerText.includes('Suporte ao SEI')", timeout=10_000)
    assert errors == []
