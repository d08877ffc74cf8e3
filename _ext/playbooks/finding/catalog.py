"""The catalog: the landing page lists every playbook, generated from the records.

``.. playbook-catalog::`` leaves a placeholder node, filled at ``doctree-resolved`` from
the merged records of all playbooks.  Whenever the catalog's content changes (a playbook
added, changed, renamed or removed, or the date that decides "review due"), an
``env-get-updated`` handler returns the pages holding a catalog so that incremental
builds write them again.

In HTML the catalog comes with a filter box (case- and accent-insensitive) and filter
chips for category and team level (``static/catalog.js``); without JavaScript the full
list is shown.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections import defaultdict

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..collect import catalog_address, output
from ..collect.catalog_address import NO_TEAM
from ..collect.health import playbook_flags
from ..collect.records import get_records
from ..standard import health
from ..standard.fold import fold_words
from ..standard.metadata import TEAM_LEVEL_LABELS
from ..standard.text import format_date, shorten

PAGES_ATTRIBUTE = "playbook_catalog_pages"
DIGEST_ATTRIBUTE = "playbook_catalog_digest"
TEAM_SHORT = 90


class playbook_catalog(nodes.General, nodes.Element):
    """Placeholder replaced by the catalog at ``doctree-resolved``."""


class CatalogDirective(SphinxDirective):
    has_content = False

    def run(self):
        catalog_pages(self.env).add(self.env.docname)
        return [playbook_catalog("")]


def catalog_pages(env: BuildEnvironment) -> set[str]:
    pages = getattr(env, PAGES_ATTRIBUTE, None)
    if pages is None:
        pages = set()
        setattr(env, PAGES_ATTRIBUTE, pages)
    return pages


# --- What the catalog shows ----------------------------------------------------------


def entry_of(record: dict, flags: list[str]) -> dict:
    """The catalog's view of one record (also what decides whether it must be rewritten).

    ``flags`` are its content-health flags (``collect/health.py``): the catalog marks a
    draft and an overdue review from them, so it shows what ``make report`` counts.
    """
    return {
        "docname": record["docname"],
        "title": record.get("display_title") or record.get("title") or record["docname"],
        "category": record.get("category") or "",
        "category_label": record.get("category_label") or "Sem categoria",
        "team": record.get("team"),
        "team_level": record.get("team_level"),
        "profile": record.get("profile"),
        "keywords": list(record.get("keywords") or []),
        "date": record.get("date"),
        "draft": "draft" in flags,
        "review_due": "review_overdue" in flags,
        "flags": list(flags),
    }


def catalog_entries(env: BuildEnvironment, config) -> list[dict]:
    records = get_records(env)
    flags = playbook_flags(env, config)
    entries = [entry_of(records[name], flags[name]) for name in sorted(records)]
    entries.sort(key=lambda e: (fold_words(e["category_label"]), fold_words(e["title"]), e["docname"]))
    return entries


def digest(entries: list[dict]) -> str:
    """What the catalog pages show: their entries and the address keys their script reads."""
    data = json.dumps([catalog_address.keys_json(), entries], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


# --- Rendering -------------------------------------------------------------------------


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _chip_group(name: str, label: str, values: list[tuple[str, str, int]], hidden: bool = False) -> str:
    chips = "".join(
        f'<button type="button" class="catalog-chip" data-filter="{name}" data-value="{_e(value)}" '
        f'aria-pressed="false">{_e(text)} <span class="catalog-chip-count">{count}</span></button>'
        for value, text, count in values
    )
    return (f'<div class="catalog-chips catalog-chips-{name}" role="group" aria-label="{_e(label)}"'
            f'{" hidden" if hidden else ""}>'
            f'<span class="catalog-chips-label">{_e(label)}:</span>{chips}</div>')


def render_html(entries: list[dict], uri_of) -> str:
    by_category: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for entry in entries:
        by_category[(entry["category"], entry["category_label"])].append(entry)
    team_counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        team_counts[entry["team_level"] or NO_TEAM] += 1
    categories = [(cat, label, len(items)) for (cat, label), items in by_category.items()]
    teams = [(level, TEAM_LEVEL_LABELS[level], team_counts[level])
             for level in sorted(TEAM_LEVEL_LABELS) if team_counts.get(level)]
    if team_counts.get(NO_TEAM):
        teams.append((NO_TEAM, "não informado", team_counts[NO_TEAM]))
    flag_counts = health.counts(entries)
    # Shown only when the address asks for a flag (?sinal=rascunho, the links of the page
    # "Saúde do manual"): agents filtering by category or level do not see them.
    flags = [(flag.param, flag.label, flag_counts[flag.name]) for flag in health.FLAGS
             if flag_counts[flag.name]]

    out = [f'<div class="playbook-catalog" data-total="{len(entries)}" '
           f'data-address-keys="{_e(catalog_address.keys_json())}">']
    out.append(
        '<form class="catalog-controls" role="search" hidden onsubmit="return false">'
        '<label class="catalog-filter-label" for="catalog-filter">Filtrar scripts</label>'
        '<input type="search" id="catalog-filter" class="catalog-filter" autocomplete="off" '
        'spellcheck="false" placeholder="Digite palavras do chamado (ex.: certificado expirado)">'
        + _chip_group("category", "Categoria", categories)
        + _chip_group("team", "Nível de atendimento", teams)
        + _chip_group("flag", "Sinal", flags, hidden=True)
        + '<p class="catalog-status" role="status" aria-live="polite"></p>'
        '</form>'
    )
    out.append(f'<p class="catalog-summary">{len(entries)} scripts de atendimento em '
               f'{len(by_category)} categoria(s).</p>')
    for (category, label), items in by_category.items():
        out.append(f'<section class="catalog-category" id="categoria-{_e(category)}" data-category="{_e(category)}">'
                   f'<h2 class="catalog-category-title">{_e(label)} '
                   f'<span class="catalog-category-count">({len(items)})</span></h2>'
                   '<ul class="catalog-list">')
        for entry in items:
            out.append(_render_item(entry, uri_of(entry["docname"])))
        out.append("</ul></section>")
    out.append('<p class="catalog-empty" hidden>Nenhum script encontrado com esses filtros.</p>')
    out.append("</div>")
    return "".join(out)


def _render_item(entry: dict, uri: str) -> str:
    classes = ["catalog-item"]
    badges = []
    if entry["draft"]:
        classes.append("is-draft")
        badges.append('<span class="catalog-badge catalog-badge-draft">Rascunho</span>')
    if entry["review_due"]:
        classes.append("is-review-due")
        badges.append('<span class="catalog-badge catalog-badge-review">Revisão vencida</span>')
    team = entry["team"]
    level = entry["team_level"]
    search_text = fold_words(" ".join([
        entry["title"], entry["category_label"], team or "", entry["profile"] or "",
        " ".join(entry["keywords"]), TEAM_LEVEL_LABELS.get(level or "", ""),
    ]))
    meta = []
    team_text = shorten(team, TEAM_SHORT) if team else "não informada"
    if level and (not team or TEAM_LEVEL_LABELS[level].casefold() not in team.casefold()):
        team_text = f"{TEAM_LEVEL_LABELS[level]} — {team_text}"
    meta.append(f'<span class="catalog-team"{_title_attr(team, team_text)}>'
                f'<span class="catalog-label">Equipe:</span> {_e(team_text)}</span>')
    profile = entry["profile"]
    profile_text = shorten(profile, TEAM_SHORT) if profile else "não informado"
    meta.append(f'<span class="catalog-profile"{_title_attr(profile, profile_text)}>'
                f'<span class="catalog-label">Perfil:</span> {_e(profile_text)}</span>')
    if entry["date"]:
        meta.append(f'<span class="catalog-date">Data da versão: <time datetime="{entry["date"]}">'
                    f'{format_date(entry["date"])}</time></span>')
    keywords = "".join(f'<li>{_e(k)}</li>' for k in entry["keywords"])
    return (
        f'<li class="{" ".join(classes)}" data-category="{_e(entry["category"])}" '
        f'data-team="{_e(level or NO_TEAM)}" data-text="{_e(search_text)}"'
        + (f' data-flags="{_e(" ".join(health.BY_NAME[name].param for name in entry["flags"]))}"'
           if entry["flags"] else "")
        + '>'
        f'<a class="catalog-title" href="{_e(uri)}">{_e(entry["title"])}</a>{"".join(badges)}'
        f'<div class="catalog-meta">{"".join(meta)}</div>'
        + (f'<ul class="catalog-keywords" aria-label="Palavras-chave">{keywords}</ul>' if keywords else "")
        + "</li>"
    )


def _title_attr(full: str | None, shown: str) -> str:
    return f' title="{_e(full)}"' if full and full != shown else ""


def render_nodes(entries: list[dict], builder, docname: str) -> list[nodes.Node]:
    """The catalog as static nodes (PDF, EPUB, text): per category, a list of playbooks,
    each with its metadata; no filter, no script."""
    result: list[nodes.Node] = []
    current = None
    for entry in entries:
        if entry["category_label"] != current:
            current = entry["category_label"]
            result.append(nodes.rubric(text=current, classes=["catalog-category-title"]))
            result.append(nodes.bullet_list(classes=["catalog-list"]))
        para = nodes.paragraph()
        ref = nodes.reference("", entry["title"], internal=True,
                              refuri=builder.get_relative_uri(docname, entry["docname"]))
        para += ref
        if entry["draft"]:
            para += nodes.Text(" (rascunho)")
        if entry["review_due"]:
            para += nodes.Text(" (revisão vencida)")
        team, level = entry["team"], entry["team_level"]
        team_text = shorten(team, TEAM_SHORT) if team else "não informada"
        if level and (not team or TEAM_LEVEL_LABELS[level].casefold() not in team.casefold()):
            team_text = f"{TEAM_LEVEL_LABELS[level]} — {team_text}"
        profile = entry["profile"]
        facts = [f"Equipe: {team_text}",
                 f"Perfil: {shorten(profile, TEAM_SHORT) if profile else 'não informado'}"]
        if entry["date"]:
            facts.append(f"Data da versão: {format_date(entry['date'])}")
        if entry["keywords"]:
            facts.append("Palavras-chave: " + "; ".join(entry["keywords"]))
        meta = nodes.paragraph(text=" · ".join(facts), classes=["catalog-meta"])
        result[-1] += nodes.list_item("", para, meta)
    return result


def fill_catalogs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname not in catalog_pages(app.env):
        return
    placeholders = list(doctree.findall(playbook_catalog))
    if not placeholders:
        return
    entries = catalog_entries(app.env, app.config)
    builder = app.builder
    for node in placeholders:
        if output.interactive(builder):
            markup = render_html(entries, lambda name: builder.get_relative_uri(docname, name))
            node.replace_self(nodes.raw("", markup, format="html", classes=["no-search"]))
        else:
            node.replace_self(render_nodes(entries, builder, docname))


def is_catalog_page(app: Sphinx, pagename: str) -> bool:
    return pagename in catalog_pages(app.env)


# --- Keeping incremental builds right ---------------------------------------------------


def rewrite_catalog_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The catalog pages, whenever what they show differs from the last build."""
    pages = catalog_pages(env)
    if not pages:
        return []
    current = digest(catalog_entries(env, app.config))
    if getattr(env, DIGEST_ATTRIBUTE, None) == current:
        return []
    setattr(env, DIGEST_ATTRIBUTE, current)
    return sorted(pages)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    catalog_pages(env).discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    theirs = catalog_pages(other)
    catalog_pages(env).update(name for name in docnames if name in theirs)


def setup(app: Sphinx) -> None:
    app.add_node(playbook_catalog)
    app.add_directive("playbook-catalog", CatalogDirective)
    app.connect("doctree-resolved", fill_catalogs)
    output.add_assets(app, css=("catalog.css",), js=("catalog.js",), only=is_catalog_page)
    app.connect("env-get-updated", rewrite_catalog_pages)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
