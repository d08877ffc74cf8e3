"""Reply templates in real headless Chromium: fields, greeting, both clipboard flavours."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, wait_until
from playwright.sync_api import expect
from replies_support import SEED_TEXT, TWO_REPLIES, build
from test_replies import templates

pytestmark = pytest.mark.pen_sample  # every test here opens the site built from PEN's files

SAO_PAULO = datetime.timezone(datetime.timedelta(hours=-3))  # no daylight saving since 2019
SEED_PAGE = "playbooks/sei/suporte-ao-sei.html"
TWO_PAGE = "playbooks/tramita/processo-parado-no-status-2.html"
STEPS_PAGE = "playbooks/testes/passos.html"

READ_HTML = """async (clipboard) => {
  clipboard = clipboard || navigator.clipboard;
  for (const item of await clipboard.read()) {
    if (item.types.includes('text/html')) return await (await item.getType('text/html')).text();
  }
  return null;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("replies-site")).outdir


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, 3, 10, hour, minute, tzinfo=SAO_PAULO)


def open_page(context, base, path, when=None, init_script=None):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    if init_script:
        page.add_init_script(init_script)
    if when is not None:
        page.clock.set_fixed_time(when)
    page.goto(base + path)
    return page


def copy(page, index=0):
    """Click the index-th "Copiar resposta" and wait for the confirmation."""
    status = page.locator("div.reply .reply-status").nth(index)
    page.evaluate("(i) => document.querySelectorAll('div.reply .reply-status')[i].textContent = ''", index)
    page.get_by_role("button", name="Copiar resposta").nth(index).click()
    expect(status).to_contain_text("copiada")
    return status.inner_text()


def clipboard_text(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def clipboard_html(page) -> str:
    return page.evaluate(READ_HTML)


# --- The seed ---------------------------------------------------------------------------------


def test_seed_copies_exact_text_unfilled_then_filled(site, serve, browser_context):
    base = serve(site)
    requests = []
    browser_context.on("request", lambda request: requests.append(request.url))
    page = open_page(browser_context, base, SEED_PAGE, when=at(9))
    field = page.get_by_role("textbox", name="inserir nome do Usuário")
    expect(field).to_have_count(1)
    expect(page.locator("div.reply button.reply-greeting-choice")).to_have_text("Bom dia")

    status = copy(page)
    assert clipboard_text(page) == SEED_TEXT.replace("Bom dia/Boa tarde/Boa noite", "Bom dia")
    assert "1 campo não foi preenchido" in status and "[inserir nome do Usuário]" in status

    field.fill("  Maria\u202fda   Silva ")
    status = copy(page)
    expected = SEED_TEXT.replace("Bom dia/Boa tarde/Boa noite", "Bom dia").replace(
        "[inserir nome do Usuário]", "Maria da Silva")
    assert clipboard_text(page) == expected
    assert status == "Resposta copiada."
    html = clipboard_html(page)
    assert "<p>Prezado (a) Maria da Silva,</p>" in html and "<p>Bom dia.</p>" in html
    assert "<p>Equipe PEN</p>" in html
    for unwanted in ("Copiar resposta", "¶", "reply-", "\u202f"):
        assert unwanted not in html and unwanted not in expected
    # The site asks nothing from outside itself.
    assert requests and all(url.startswith(base) for url in requests)
    assert page.errors == []


@pytest.mark.parametrize("hour, minute, greeting", [
    (9, 0, "Bom dia"), (15, 0, "Boa tarde"), (21, 0, "Boa noite"),
    (4, 59, "Boa noite"), (5, 0, "Bom dia"), (11, 59, "Bom dia"),
    (12, 0, "Boa tarde"), (17, 59, "Boa tarde"), (18, 0, "Boa noite"),
])
def test_greeting_by_the_agents_local_time(site, serve, browser_context, hour, minute, greeting):
    page = open_page(browser_context, serve(site), SEED_PAGE, when=at(hour, minute))
    expect(page.locator("div.reply button.reply-greeting-choice")).to_have_text(greeting)
    copy(page)
    assert clipboard_text(page).split("\n\n")[1] == f"{greeting}."


def test_agent_clicks_the_greeting_to_pick_another(site, serve, browser_context):
    page = open_page(browser_context, serve(site), SEED_PAGE, when=at(9))
    greeting = page.locator("div.reply button.reply-greeting-choice")
    greeting.click()
    expect(greeting).to_have_text("Boa tarde")
    greeting.click()
    expect(greeting).to_have_text("Boa noite")
    copy(page)
    assert clipboard_text(page).split("\n\n")[1] == "Boa noite."


def test_keyboard_alone_fills_picks_and_copies(site, serve, browser_context):
    page = open_page(browser_context, serve(site), SEED_PAGE, when=at(21))

    def focused():
        return page.evaluate("""() => { const e = document.activeElement;
          return [e.tagName, e.getAttribute('aria-label') || e.textContent.trim()]; }""")

    for _ in range(80):
        page.keyboard.press("Tab")
        if focused() == ["INPUT", "inserir nome do Usuário"]:
            break
    else:
        pytest.fail("the placeholder field is not reachable with Tab")
    page.keyboard.type("Ana")
    page.keyboard.press("Tab")
    assert focused() == ["BUTTON", "Boa noite"]
    page.keyboard.press("Enter")
    assert focused() == ["BUTTON", "Bom dia"]
    page.keyboard.press("Tab")
    assert focused() == ["BUTTON", "Copiar resposta"]
    page.keyboard.press("Enter")
    expect(page.locator("div.reply .reply-status")).to_have_text("Resposta copiada.")
    assert clipboard_text(page).startswith("Prezado (a) Ana,\n\nBom dia.\n\nAgradecemos o contato")


def test_without_javascript_the_page_shows_the_full_text(site, serve, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(serve(site) + SEED_PAGE)
        block = page.locator("div.reply")
        assert " ".join(block.inner_text().split()) == " ".join(SEED_TEXT.split())
        expect(page.get_by_role("button", name="Copiar resposta")).to_have_count(0)
    finally:
        context.close()


def test_copy_falls_back_to_a_copy_event_without_navigator_clipboard(site, serve, browser_context):
    # As on a plain-HTTP intranet address: no navigator.clipboard at all.
    hide_clipboard = """(() => {
      window.__realClipboard = navigator.clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined, configurable: true});
      window.__copyEvents = 0;
      document.addEventListener('copy', () => { window.__copyEvents += 1; });
    })();"""
    page = open_page(browser_context, serve(site), SEED_PAGE, when=at(15), init_script=hide_clipboard)
    assert page.evaluate("navigator.clipboard === undefined")
    page.get_by_role("textbox", name="inserir nome do Usuário").fill("Rui")
    assert copy(page) == "Resposta copiada."
    assert page.evaluate("window.__copyEvents") == 1
    expected = SEED_TEXT.replace("Bom dia/Boa tarde/Boa noite", "Boa tarde").replace(
        "[inserir nome do Usuário]", "Rui")
    assert page.evaluate("window.__realClipboard.readText()") == expected
    html = page.evaluate(f"(async () => ({READ_HTML})(window.__realClipboard))()")
    assert "<p>Prezado (a) Rui,</p>" in html and "<p>Boa tarde.</p>" in html
    assert page.errors == []


def test_copy_on_a_plain_http_intranet_address(site, serve, chromium):
    """The real insecure origin: an intranet host name over plain HTTP, where Chromium
    gives no navigator.clipboard (127.0.0.1 and localhost count as secure)."""
    base = serve(site)
    port = urlsplit(base).port
    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP intranet.test 127.0.0.1"])
    try:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], locale="pt-BR",
                                      timezone_id="America/Sao_Paulo")
        page = open_page(context, f"http://intranet.test:{port}/", SEED_PAGE, when=at(15))
        assert page.url.startswith("http://intranet.test:")
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate("navigator.clipboard === undefined")
        page.get_by_role("textbox", name="inserir nome do Usuário").fill("Rui")
        assert copy(page) == "Resposta copiada."
        expected = SEED_TEXT.replace("Bom dia/Boa tarde/Boa noite", "Boa tarde").replace(
            "[inserir nome do Usuário]", "Rui")
        # Read the system clipboard back from a secure page of the same browser.
        reader = context.new_page()
        reader.goto(base)
        assert reader.evaluate("window.isSecureContext") is True
        wait_until(reader, "(expected) => navigator.clipboard.readText().then((t) => t === expected)", expected,
                   message=f"the clipboard does not hold the reply: {reader.evaluate('navigator.clipboard.readText()')!r}")
        html = reader.evaluate(READ_HTML)
        assert "<p>Prezado (a) Rui,</p>" in html and "<p>Boa tarde.</p>" in html
        assert page.errors == []
    finally:
        browser.close()


# --- Two templates, numbered steps and links ---------------------------------------------------------


def test_two_template_page_has_two_blocks_and_two_buttons(site, serve, browser_context):
    page = open_page(browser_context, serve(site), TWO_PAGE, when=at(10))
    blocks = page.locator("div.reply")
    expect(blocks).to_have_count(2)
    expect(page.get_by_role("button", name="Copiar resposta")).to_have_count(2)
    expect(page.get_by_role("group", name="Modelo de resposta para o Destinatário")).to_have_count(1)
    expect(blocks.nth(1).locator("p.reply-label")).to_have_text("Modelo de resposta para o Remetente")
    built = [template.text for template in templates(TWO_REPLIES)]

    copy(page, 0)
    first = clipboard_text(page)
    copy(page, 1)
    second = clipboard_text(page)
    assert [first, second] == built  # the page copies what the build computed
    assert first != second
    assert "- Caso utilize o Gearman ou Supervisor:\n  - Desligue o serviço;\n" in first
    assert "Informamos que situação reportada" in second and "Informamos que" not in first
    for text in (first, second):
        assert text.startswith("Prezado(a),\n\n")
        assert not any(word in text for word in ("Modelo de resposta", "Copiar resposta", "¶"))
    faq = "https://wiki.processoeletronico.gov.br/pt-br/latest/Tramita_GOV_BR/Perguntas_frequentes/index.html"
    assert f'<a href="{faq}">FAQ Tramita.GOV.BR</a>' in clipboard_html(page)


def test_numbered_steps_links_and_a_placeholder_written_twice(site, serve, browser_context):
    page = open_page(browser_context, serve(site), STEPS_PAGE, when=at(15))
    expect(page.locator("div.reply [role=textbox]")).to_have_count(3)
    names = page.get_by_role("textbox", name="nome do usuário", exact=True)
    expect(names).to_have_count(1)  # the second one is written "[Nome do  Usuário]"
    names.fill("João")
    expect(page.get_by_role("textbox", name="Nome do Usuário", exact=True)).to_have_value("João")
    names.fill("")
    status = copy(page)
    # Written twice, warned once.
    assert "2 campos não foram preenchidos" in status and status.count("suário]") == 1
    names.fill("João")
    status = copy(page)
    assert clipboard_text(page) == """\
Prezado(a) João,

Boa tarde!

Conforme o chamado [Nº do NRE], siga os passos abaixo, nesta ordem:

1. Acesse o Portal de Serviços (https://portal.example.gov.br/login) com o seu usuário.
2. Clique em Esqueci minha senha.
3. Informe o código [SEI-123] e confirme.

Se preferir, consulte https://wiki.example.gov.br/senhas.

Obrigado, João. Referência interna: [1].

Atenciosamente,

Equipe PEN"""
    assert "1 campo não foi preenchido" in status and "[Nº do NRE]" in status
    html = clipboard_html(page)
    assert '<a href="https://portal.example.gov.br/login">Portal de Serviços</a>' in html
    assert "<ol><li>Acesse o " in html and "<li>Clique em <em>Esqueci minha senha</em>.</li>" in html
    assert "<strong>nesta ordem</strong>" in html and "<code>[SEI-123]</code>" in html
    assert '<a href="https://wiki.example.gov.br/senhas">https://wiki.example.gov.br/senhas</a>' in html


def test_code_blocks_keep_sphinx_copybutton(site, serve, browser_context):
    page = open_page(browser_context, serve(site), STEPS_PAGE)
    expect(page.locator("div.highlight button.copybtn")).to_have_count(1)
    expect(page.locator("div.reply button.copybtn")).to_have_count(0)
    page.locator("div.highlight button.copybtn").click()
    wait_until(page, "navigator.clipboard.readText().then(t => t.includes('verifica.php'))")
    assert clipboard_text(page).strip() == "php verifica.php --usuario [login]"


# --- Drafts -----------------------------------------------------------------------------------------


def test_templates_under_construction_have_a_badge_and_no_button(site, serve, browser_context):
    page = open_page(browser_context, serve(site), "playbooks/testes/alternativas.html")
    blocks = page.locator("div.reply")
    expect(blocks).to_have_count(2)
    expect(blocks.nth(0).get_by_role("button", name="Copiar resposta")).to_be_visible()
    expect(blocks.nth(1).locator(".reply-badge")).to_have_text("Em construção")
    expect(blocks.nth(1).get_by_role("button")).to_have_count(0)
    expect(blocks.nth(1)).to_contain_text("Em construção.")

    page = open_page(browser_context, serve(site), "playbooks/nup/adesao-ao-nup.html")
    expect(page.locator("div.reply .reply-badge")).to_have_text("Em construção")
    expect(page.get_by_role("button", name="Copiar resposta")).to_have_count(0)
    expect(page.locator("div.reply")).to_contain_text("Resposta em Construção.")
