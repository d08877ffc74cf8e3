/* Modelos de resposta: campos, saudação e botão "Copiar resposta".
 *
 * The text/plain and text/html of each reply are computed at build time from the doctree
 * (reply_html.py) and embedded as JSON: a list of strings and slots (placeholders and
 * greetings).  This script only turns the slots into fields, resolves the greeting by the
 * agent's local time and puts both flavours on the clipboard.
 *
 * sphinx-copybutton (which keeps copying code blocks) does not fit replies as it is: it
 * copies a detached clone's innerText (paragraphs separated by single newlines, the source's
 * line wraps kept as hard breaks), writes text/plain only and has no Portuguese.  Borrowed
 * from it: the look of its button and icons (tabler icons, MIT) and the "success" feedback,
 * and the idea of a fallback through document.execCommand("copy") for pages where
 * navigator.clipboard is missing (plain-HTTP intranet addresses are not secure contexts).
 */
(function () {
  "use strict";

  var ICON_COPY =
    '<svg xmlns="http://www.w3.org/2000/svg" class="reply-icon" viewBox="0 0 24 24" stroke-width="1.5"' +
    ' fill="none" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">' +
    '<path stroke="none" d="M0 0h24v24H0z" fill="none"/><rect x="8" y="8" width="12" height="12" rx="2"/>' +
    '<path d="M16 8v-2a2 2 0 0 0 -2 -2h-8a2 2 0 0 0 -2 2v8a2 2 0 0 0 2 2h2"/></svg>';
  var ICON_CHECK =
    '<svg xmlns="http://www.w3.org/2000/svg" class="reply-icon" viewBox="0 0 24 24" stroke-width="2"' +
    ' fill="none" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">' +
    '<path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M5 12l5 5l10 -10"/></svg>';
  var LABEL = "Copiar resposta";
  var FEEDBACK_MS = 2000;
  /* The agent's own name, typed once and prefilled on every page (as a ticket system fills
     the current agent's name in a macro).  localStorage works on http intranet origins and
     on file:// pages; where it is refused, the name simply is not remembered. */
  var AGENT_STORAGE_KEY = "manual-atendimento:nome-do-atendente";
  var AGENT_KEY = "agent";

  function readAgentName() {
    try {
      return window.localStorage.getItem(AGENT_STORAGE_KEY) || "";
    } catch (error) {
      return "";
    }
  }

  function writeAgentName(value) {
    try {
      if (value) window.localStorage.setItem(AGENT_STORAGE_KEY, value);
      else window.localStorage.removeItem(AGENT_STORAGE_KEY);
    } catch (error) {
      /* storage refused (private mode, policy): the page still works */
    }
  }

  /* Every field of the page, by value key: the same placeholder anywhere on one page is one
     value (an agent answers one ticket at a time; the templates of a page go to the same
     person). */
  var pageFields = {};   // slot key -> [input]
  var forgetButtons = [];

  function syncForgetButtons() {
    var stored = readAgentName() !== "";
    forgetButtons.forEach(function (button) { button.hidden = !stored; });
  }

  function setField(key, value, source) {
    (pageFields[key] || []).forEach(function (other) {
      if (other !== source) other.value = value;
      other.size = Math.max(other.value.length, other.placeholder.length, 4);
    });
    if (key === AGENT_KEY) {
      writeAgentName(collapse(value));
      syncForgetButtons();
    }
  }

  /* 05:00-11:59 "Bom dia", 12:00-17:59 "Boa tarde", otherwise "Boa noite". */
  function greetingIndex(date) {
    var hour = date.getHours();
    if (hour >= 5 && hour < 12) return 0;
    if (hour >= 12 && hour < 18) return 1;
    return 2;
  }

  /* Whitespace collapsed (any Unicode space, like the build does), invisible characters out. */
  function collapse(text) {
    return text.replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, "").replace(/\s+/g, " ").trim();
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function plural(count, one, many) {
    return count === 1 ? one : many;
  }

  /* --- Clipboard ------------------------------------------------------------------------ */

  /* Both flavours through a "copy" event: works without navigator.clipboard (plain HTTP). */
  function copyWithEvent(text, html) {
    var written = false;
    function onCopy(event) {
      event.clipboardData.setData("text/plain", text);
      event.clipboardData.setData("text/html", html);
      event.preventDefault();
      written = true;
    }
    document.addEventListener("copy", onCopy, true);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    } finally {
      document.removeEventListener("copy", onCopy, true);
    }
    return ok && written;
  }

  function copyToClipboard(text, html) {
    var clipboard = navigator.clipboard;
    if (clipboard && typeof clipboard.write === "function" && typeof window.ClipboardItem === "function") {
      var item = new window.ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }),
      });
      return clipboard.write([item]).then(
        function () { return true; },
        function () { return copyWithEvent(text, html); }
      );
    }
    if (copyWithEvent(text, html)) return Promise.resolve(true);
    if (clipboard && typeof clipboard.writeText === "function") {
      return clipboard.writeText(text).then(function () { return true; }, function () { return false; });
    }
    return Promise.resolve(false);
  }

  /* --- One reply template --------------------------------------------------------------- */

  function setUpReply(block) {
    var dataNode = block.querySelector("script.reply-data");
    var buttons = Array.prototype.slice.call(block.querySelectorAll("button.reply-copy"));
    var status = block.querySelector(".reply-status");
    if (!dataNode || !buttons.length || !status) return;
    var data = JSON.parse(dataNode.textContent);
    var fields = pageFields;
    var greetings = {};  // slot key -> {options, index, manual, button}

    block.querySelectorAll("span.reply-field").forEach(function (span) {
      var key = span.getAttribute("data-slot");
      var written = span.textContent;
      span.setAttribute("data-written", written); // printed as written (manual.css)
      var agent = span.getAttribute("data-agent") === "1";
      var input = document.createElement("input");
      input.type = "text";
      input.className = "reply-input" + (agent ? " reply-input-agent" : "");
      input.setAttribute("role", "textbox");
      input.setAttribute("aria-label", span.getAttribute("data-name") || written);
      input.setAttribute("autocomplete", agent ? "name" : "off");
      if (agent) input.title = "Seu nome: fica guardado neste navegador e aparece em todas as páginas.";
      input.placeholder = span.getAttribute("data-hint") || written;
      input.setAttribute("data-slot", key);
      var others = fields[key] || [];
      input.value = others.length ? others[0].value : (agent ? readAgentName() : "");
      input.size = Math.max(input.value.length, input.placeholder.length, 4);
      span.textContent = "";
      span.appendChild(input);
      (fields[key] = others).push(input);
      input.addEventListener("input", function () {
        setField(key, input.value, input);
      });
    });

    block.querySelectorAll("button.reply-forget").forEach(function (forget) {
      forgetButtons.push(forget);
      forget.addEventListener("click", function () {
        setField(AGENT_KEY, "", null);
        status.classList.remove("reply-status-ok", "reply-status-warn", "reply-status-error");
        status.textContent = "Seu nome foi esquecido neste navegador.";
      });
    });

    block.querySelectorAll("span.reply-greeting").forEach(function (span) {
      var key = span.getAttribute("data-slot");
      var options = JSON.parse(span.getAttribute("data-options") || "[]");
      if (options.length === 0) return;
      span.setAttribute("data-written", span.textContent);
      var choice = document.createElement("button");
      choice.type = "button";
      choice.className = "reply-greeting-choice";
      choice.title = "Saudação pelo horário local. Clique para trocar.";
      var state = { options: options, index: greetingIndex(new Date()), manual: false, button: choice };
      choice.textContent = options[state.index];
      choice.addEventListener("click", function () {
        state.index = (state.index + 1) % options.length;
        state.manual = true;
        choice.textContent = options[state.index];
      });
      span.textContent = "";
      span.appendChild(choice);
      greetings[key] = state;
    });

    function valueOf(slot, missing) {
      if (slot.kind === "greeting") {
        var state = greetings[slot.slot];
        if (!state) return slot.written;
        if (!state.manual) {  // the page may have stayed open across 12:00 or 18:00
          state.index = greetingIndex(new Date());
          state.button.textContent = state.options[state.index];
        }
        return state.options[state.index];
      }
      var inputs = fields[slot.slot] || [];
      var value = inputs.length ? collapse(inputs[0].value) : "";
      if (!value) {
        // One warning per value: "[nome do usuário]" and "[Nome do  usuário]" are one field.
        if (!missing.some(function (m) { return m.slot === slot.slot; })) missing.push(slot);
        return slot.written;
      }
      return value;
    }

    function compose(pieces, asHtml, missing) {
      return pieces.map(function (piece) {
        if (typeof piece === "string") return piece;
        var value = valueOf(piece, missing);
        return asHtml ? escapeHtml(value) : value;
      }).join("");
    }

    var timer = null;
    buttons.forEach(function (button) {
      button.innerHTML = ICON_COPY + "<span>" + LABEL + "</span>";
      button.hidden = false;
      button.addEventListener("click", function () { copyReply(button); });
    });

    function copyReply(button) {
      var missing = [];
      var text = compose(data.text, false, missing);
      var html = compose(data.html, true, []);
      copyToClipboard(text, html).then(function (ok) {
        status.classList.remove("reply-status-ok", "reply-status-warn", "reply-status-error");
        if (!ok) {
          status.textContent = "Não foi possível copiar. Selecione o texto da resposta e copie com Ctrl+C.";
          status.classList.add("reply-status-error");
          return;
        }
        if (missing.length) {
          status.textContent = "Resposta copiada, mas " + missing.length + " " +
            plural(missing.length, "campo não foi preenchido e foi copiado", "campos não foram preenchidos e foram copiados") +
            " como " + plural(missing.length, "está", "estão") + ": " +
            missing.map(function (m) { return m.name ? m.name + " (" + m.written + ")" : m.written; }).join(", ");
          status.classList.add("reply-status-warn");
        } else {
          status.textContent = "Resposta copiada.";
          status.classList.add("reply-status-ok");
        }
        button.classList.add("success");
        button.innerHTML = ICON_CHECK + "<span>" + LABEL + "</span>";
        if (timer) clearTimeout(timer);
        timer = setTimeout(function () {
          button.classList.remove("success");
          button.innerHTML = ICON_COPY + "<span>" + LABEL + "</span>";
        }, FEEDBACK_MS);
      });
    }
    block.classList.add("reply-ready");
  }

  function init() {
    document.querySelectorAll("div.reply").forEach(setUpReply);
    syncForgetButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
