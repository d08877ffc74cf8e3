"""The page "Saúde do manual": the figures of ``make report`` for the handbook's maintainers.

``.. playbook-health::`` leaves a placeholder, filled at ``doctree-resolved`` from the
content-health flags of the records (``collect/health.py``, the function ``make report``
calls): a table by category and one by team level, each count linking to the catalog
filtered to those playbooks (``?sinal=rascunho&categoria=sei``), and one bar chart per
category (its flags stacked), drawn here as inline SVG with a ``<title>`` and its table
beside it.  No JavaScript, no outside request.  Outside the HTML builders (PDF, EPUB,
text) the page is its tables.

Like the catalog, the page shows every playbook: an ``env-get-updated`` handler returns it
whenever its figures change, so incremental builds write it again.
"""

from __future__ import annotations

import hashlib
import html
import json
import math

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..collect import catalog_address, output
from ..collect.catalog_address import NO_TEAM
from ..collect.health import health_rows
from ..standard import health
from ..standard.metadata import TEAM_LEVEL_LABELS

PAGES_ATTRIBUTE = "playbook_health_pages"
DIGEST_ATTRIBUTE = "playbook_health_digest"
NO_TEAM_LABEL = "Nível não informado"

#: One colour per flag (contrast of at least 3:1 on white), in :data:`health.FLAGS` order.
COLOURS = ("#b35900", "#c0392b", "#8e6c00", "#6b6b6b", "#1f5fa8", "#6f42c1",
           "#9c2790", "#2e7d32", "#00796b", "#5d4037", "#3949ab", "#ad1457")
CHART_WIDTH = 480
BAR_HEIGHT = 28


class playbook_health(nodes.General, nodes.Element):
    """Placeholder replaced by the health figures at ``doctree-resolved``."""


class HealthDirective(SphinxDirective):
    has_content = False

    def run(self):
        health_pages(self.env).add(self.env.docname)
        return [playbook_health("")]


def health_pages(env: BuildEnvironment) -> set[str]:
    pages = getattr(env, PAGES_ATTRIBUTE, None)
    if pages is None:
        pages = set()
        setattr(env, PAGES_ATTRIBUTE, pages)
    return pages


# --- Figures ---------------------------------------------------------------------------------


def figures(rows: list[dict]) -> dict:
    """Everything the page shows: totals, by category and by team level, with labels."""
    categories: dict[str, str] = {}
    for row in rows:
        categories.setdefault(row["category"], row["category_label"])
    by_category = health.by_group(rows, lambda row: row["category"])
    by_team = health.by_group(rows, lambda row: row["team_level"] or NO_TEAM)
    teams = [level for level in sorted(TEAM_LEVEL_LABELS) if level in by_team]
    if NO_TEAM in by_team:
        teams.append(NO_TEAM)
    return {
        "total": {**health.counts(rows), "playbooks": len(rows)},
        "action": len(health.worst_first(rows)),
        "categories": [(key, categories[key], by_category[key]) for key in by_category],
        "teams": [(key, TEAM_LEVEL_LABELS.get(key, NO_TEAM_LABEL), by_team[key]) for key in teams],
    }


def digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


# --- HTML ----------------------------------------------------------------------------------


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _count(n: int, href: str, description: str) -> str:
    """``n`` linking to the catalog filtered to those playbooks (its accessible name says
    what it counts, starting with the number shown)."""
    if not n:
        return "0"
    return f'<a href="{_e(href)}" aria-label="{n} — {_e(description)}">{n}</a>'


def html_table(caption: str, head: str, groups: list[tuple[str, str, dict]], total: dict,
               group: str, catalog: str, table_id: str) -> str:
    """A table of flags by group; every count links to the catalog filtered to it."""
    out = [f'<div class="health-table-wrap" role="region" aria-labelledby="{table_id}-caption" tabindex="0">'
           f'<table class="health-table" id="{table_id}">'
           f'<caption id="{table_id}-caption">{_e(caption)}</caption><thead><tr>'
           f'<th scope="col">{_e(head)}</th><th scope="col">Playbooks</th>']
    out += [f'<th scope="col">{_e(flag.label)}</th>' for flag in health.FLAGS]
    out.append("</tr></thead><tbody>")
    for key, label, counts in groups:
        out.append(f'<tr><th scope="row">{_e(label)}</th>')
        every = catalog_address.link(catalog, None, group, key)
        out.append(f'<td>{_count(counts["playbooks"], every, f"{label}: playbooks")}</td>')
        for flag in health.FLAGS:
            n = counts[flag.name]
            out.append(f'<td>{_count(n, catalog_address.link(catalog, flag.name, group, key), f"{label}: {flag.label}")}</td>')
        out.append("</tr>")
    out.append('</tbody><tfoot><tr><th scope="row">Total</th>')
    out.append(f'<td>{_count(total["playbooks"], catalog_address.link(catalog), "Total: playbooks")}</td>')
    for flag in health.FLAGS:
        out.append(f'<td>{_count(total[flag.name], catalog_address.link(catalog, flag.name), f"Total: {flag.label}")}</td>')
    out.append("</tr></tfoot></table></div>")
    return "".join(out)


def svg_chart(ident: str, label: str, counts: dict, scale: int) -> str:
    """One category's flags as a stacked horizontal bar (width in proportion to ``scale``,
    the largest sum of any category, so the charts compare), with a ``<title>``."""
    parts = [(flag, counts[flag.name]) for flag in health.FLAGS if counts[flag.name]]
    summary = "; ".join(f"{flag.label}: {n}" for flag, n in parts) or "nenhum sinal"
    title = f"{label}: {counts['playbooks']} playbook(s); {summary}"
    height = BAR_HEIGHT + 4
    out = [f'<svg class="health-chart-svg" role="img" aria-labelledby="{ident}-title" '
           f'viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="{ident}-title">{_e(title)}</title>'
           f'<rect class="health-bar-track" x="0" y="2" width="{CHART_WIDTH}" height="{BAR_HEIGHT}" '
           'fill="#f3f4f6" stroke="#8c959f"/>']
    x = 0.0
    for flag, n in parts:
        width = CHART_WIDTH * n / scale if scale else 0
        colour = COLOURS[health.FLAGS.index(flag)]
        out.append(f'<rect class="health-bar-part" x="{x:.1f}" y="2" width="{width:.1f}" height="{BAR_HEIGHT}" '
                   f'fill="{colour}" stroke="#fff"><title>{_e(flag.label)}: {n}</title></rect>')
        if width >= 18:
            out.append(f'<text x="{x + width / 2:.1f}" y="{2 + BAR_HEIGHT / 2 + 5:.1f}" text-anchor="middle" '
                       f'fill="#fff" font-size="13" font-weight="700" aria-hidden="true">{n}</text>')
        x += width
    out.append("</svg>")
    return "".join(out)


def html_charts(categories: list[tuple[str, str, dict]], catalog: str) -> str:
    scale = max((sum(c[f.name] for f in health.FLAGS) for _, _, c in categories), default=0)
    legend = "".join(
        f'<li><span class="health-swatch" style="background:{COLOURS[i]}"></span>{_e(flag.label)}</li>'
        for i, flag in enumerate(health.FLAGS))
    out = [f'<ul class="health-legend" aria-label="Legenda dos gráficos">{legend}</ul>']
    for index, (key, label, counts) in enumerate(categories):
        ident = f"saude-grafico-{index + 1}"
        rows = "".join(
            f'<tr><th scope="row"><span class="health-swatch" style="background:{COLOURS[i]}"></span>'
            f'{_e(flag.label)}</th><td>'
            f'{_count(counts[flag.name], catalog_address.link(catalog, flag.name, "category", key), f"{label}: {flag.label}")}'
            f'</td></tr>'
            for i, flag in enumerate(health.FLAGS) if counts[flag.name])
        table = (f'<table class="health-table health-chart-table"><caption>{_e(label)}: sinais</caption>'
                 f'<thead><tr><th scope="col">Sinal</th><th scope="col">Playbooks</th></tr></thead>'
                 f'<tbody>{rows or "<tr><td colspan=2>Nenhum sinal</td></tr>"}</tbody></table>')
        out.append(f'<figure class="health-chart" aria-labelledby="{ident}-caption">'
                   f'<figcaption id="{ident}-caption">{_e(label)} ({counts["playbooks"]} playbooks)</figcaption>'
                   f'<div class="health-chart-body">{svg_chart(ident, label, counts, scale)}{table}</div></figure>')
    return "".join(out)


def render_html(data: dict, catalog: str, on: str) -> str:
    total = data["total"]
    out = ['<div class="playbook-health">',
           f'<p class="health-summary">{total["playbooks"]} playbook(s); {data["action"]} com algum sinal '
           f'(figuras de <time datetime="{on}">{_e(_br_date(on))}</time>, as mesmas de '
           '<code>make report</code>). Cada número leva ao catálogo filtrado para esses playbooks.</p>',
           '<h2 id="saude-por-categoria">Por categoria</h2>',
           html_table("Sinais por categoria", "Categoria", data["categories"], total, "category", catalog,
                      "saude-tabela-categorias"),
           '<h2 id="saude-por-equipe">Por equipe (nível de atendimento)</h2>',
           html_table("Sinais por nível de atendimento da equipe", "Nível", data["teams"], total, "team",
                      catalog, "saude-tabela-equipes"),
           '<h2 id="saude-graficos">Gráficos por categoria</h2>',
           html_charts(data["categories"], catalog),
           '<h2 id="saude-sinais">O que cada sinal quer dizer</h2><dl class="health-flags">']
    for flag in health.FLAGS:
        out.append(f'<dt>{_e(flag.label)} <code>{flag.name}</code></dt><dd>{_e(_plain(flag.description))}</dd>')
    out.append("</dl></div>")
    return "".join(out)


def _plain(text: str) -> str:
    return text.replace("`", "")


def _br_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


# --- Static form (PDF, EPUB, text) ------------------------------------------------------------


def _widths(head: list[str], body: list[list[str]]) -> list[int]:
    """Each column as wide as its longest cell, plus its padding; a header (bold sans serif, wider
    than the text) wraps at its spaces past :data:`HEADER_CHARS`, never inside a word."""
    def header(text: str) -> int:
        return math.ceil(1.4 * max([min(len(text), HEADER_CHARS), *(len(word) for word in text.split())]))

    return [PADDING_CHARS + max(4, header(title), *(len(row[index]) for row in body))
            for index, title in enumerate(head)]


def _table(caption: str, head: list[str], body: list[list[str]], part: int = 1) -> nodes.table:
    """A docutils table with the widths of :func:`_widths`: what the text builder draws, and
    for LaTeX the given proportions of the line (``colwidths-given``: columns that wrap
    inside the margin, where tabulary's guess ran a point past it)."""
    # An id of its own: a captioned table without one is a warning in EPUB (numbered figures).
    # (``part``: the number of a continuation table, so that each one's id is its own.)
    ident = nodes.make_id(f"tabela {caption}" + (f" {part}" if part > 1 else ""))
    table = nodes.table(classes=["health-table", "colwidths-given"], ids=[ident])
    table += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(head))
    table += group
    for width in _widths(head, body):
        group += nodes.colspec(colwidth=width)

    def row_of(cells):
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", nodes.paragraph(text=cell))
        return row

    thead = nodes.thead()
    thead += row_of(head)
    group += thead
    tbody = nodes.tbody()
    for cells in body:
        tbody += row_of(cells)
    group += tbody
    return table


#: How many characters a static table's line holds (PDF's line at 10 pt, the padding of
#: each column included): wider, the groups go on in a further table.
LINE_CHARS = 110
#: A header longer than this wraps at its spaces.
HEADER_CHARS = 12
#: A column's padding on both sides, in characters.
PADDING_CHARS = 3


def flags_table(caption: str, groups: list[tuple[str, str, dict]], total: dict) -> list[nodes.table]:
    """The static form of a table of :func:`html_table`, turned a quarter: one row per flag,
    one column per group and the total (a dozen flag columns do not fit a text page).  More
    groups than a line holds (:data:`LINE_CHARS`) go on in further tables, "(continuação)",
    each repeating the flag column; the total is in the last."""
    def columns(part, with_total):
        """The head and rows of a table of the groups ``part`` (and the total)."""
        head = ["Sinal", *(label for _, label, _ in part)] + (["Total"] if with_total else [])
        body = [["Playbooks", *(str(c["playbooks"]) for _, _, c in part)]
                + ([str(total["playbooks"])] if with_total else [])]
        body += [[flag.label, *(str(c[flag.name]) for _, _, c in part)] + ([str(total[flag.name])] if with_total else [])
                 for flag in health.FLAGS]
        return head, body

    tables: list[nodes.table] = []
    rest = list(groups)
    while True:
        count = len(rest)  # as many groups as fit, with the total when they are the last
        while count > 1 and sum(_widths(*columns(rest[:count], count == len(rest)))) > LINE_CHARS:
            count -= 1
        title = caption if not tables else f"{caption} (continuação)"
        tables.append(_table(title, *columns(rest[:count], count == len(rest)), part=len(tables) + 1))
        rest = rest[count:]
        if not rest:
            return tables


def render_nodes(data: dict, on: str) -> list[nodes.Node]:
    total = data["total"]
    result: list[nodes.Node] = [nodes.paragraph(
        text=f"{total['playbooks']} playbook(s); {data['action']} com algum sinal (figuras de {_br_date(on)}, "
             "as mesmas de make report).")]
    result.append(nodes.rubric(text="Por categoria"))
    result += flags_table("Sinais por categoria", data["categories"], total)
    result.append(nodes.rubric(text="Por equipe (nível de atendimento)"))
    result += flags_table("Sinais por nível de atendimento da equipe", data["teams"], total)
    result.append(nodes.rubric(text="O que cada sinal quer dizer"))
    items = nodes.definition_list()
    for flag in health.FLAGS:
        items += nodes.definition_list_item(
            "", nodes.term(text=f"{flag.label} ({flag.name})"),
            nodes.definition("", nodes.paragraph(text=_plain(flag.description))))
    result.append(items)
    return result


# --- Sphinx ------------------------------------------------------------------------------------


def page_data(app: Sphinx) -> dict:
    from ..collect.config import today

    data = figures(health_rows(app.env, app.config))
    data["on"] = today(app.config).isoformat()
    return data


def fill_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # A page of its own, or the book that PDF and singlehtml assemble under the root document.
    if docname not in health_pages(app.env) and docname != app.config.root_doc:
        return
    placeholders = list(doctree.findall(playbook_health))
    if not placeholders:
        return
    data = page_data(app)
    builder = app.builder
    for node in placeholders:
        if output.interactive(builder):
            catalog = builder.get_relative_uri(docname, app.config.root_doc)
            node.replace_self(nodes.raw("", render_html(data, catalog, data["on"]), format="html"))
        else:
            node.replace_self(render_nodes(data, data["on"]))


def is_health_page(app: Sphinx, pagename: str) -> bool:
    return pagename in health_pages(app.env)


def rewrite_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The health pages, whenever their figures differ from the last build's."""
    pages = health_pages(env)
    if not pages:
        return []
    current = digest(page_data(app))
    if getattr(env, DIGEST_ATTRIBUTE, None) == current:
        return []
    setattr(env, DIGEST_ATTRIBUTE, current)
    return sorted(pages)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    health_pages(env).discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    theirs = health_pages(other)
    health_pages(env).update(name for name in docnames if name in theirs)


def _skip(translator, node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    # Every placeholder is replaced at doctree-resolved; one left over (a builder assembling
    # documents under another start document) is left out rather than breaking the build.
    # (EPUB uses the "html" visitors: a set registered under the builder's own name "epub"
    # would replace them for every node, and the other nodes' HTML visitors would be lost.)
    app.add_node(playbook_health, **{name: (_skip, None) for name in
                                     ("html", "latex", "text", "man", "texinfo")})
    app.add_directive("playbook-health", HealthDirective)
    app.connect("doctree-resolved", fill_pages)
    output.add_assets(app, css=("health.css",), only=is_health_page)
    app.connect("env-get-updated", rewrite_pages)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
