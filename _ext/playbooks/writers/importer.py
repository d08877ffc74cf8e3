"""``make import SRC=<folder or file>``: bring legacy playbooks into the handbook.

What it reads
    ``.rst`` trees like PEN's wiki (``Scripts_Atendimento/<Pasta>/<Arquivo>.rst``) and plain
    ``.txt`` exports (reStructuredText text with another extension, like the seed).

Where each file goes
    * Category: the first folder on the file's path (the SRC folder itself included) that
      names a category: through ``playbook_import_folders`` in conf.py (PEN's folder names,
      e.g. ``Tramita_GOV_BR`` -> ``tramita``), or because its slug is the slug of a category
      folder or of its label in ``playbook_categories``.  A folder inside SRC that names
      none becomes a new category (its slug), and the report says so.  ``CATEGORY=`` puts
      everything in one category.  A loose file with no category is skipped unless its
      content is already in the handbook.
    * Folders below the category are kept, as slugs (``Revisados`` -> ``revisados``).
    * File name: the slug of the title, without PEN's ``AAAA.MM.DD-`` and ``-VN`` (so a new
      version keeps its address), as ``make new`` does; the file name's slug when there is
      no title or two files of one folder would get the same name.
    * Files that are not playbooks of any kind (no heading of any kind) are ordinary pages:
      ``source/paginas/<categoria>/``, listed by ``source/paginas/index.rst``.

What it changes
    Only keyword separators (``,`` ``|`` ``/`` between keywords become ``;`` in plain
    paragraphs of the keyword section) and parenthesised placeholders of the reply section
    (``(inserir aqui nome do usuário)`` becomes ``[nome do usuário]``, placeholder_fix.py).
    Every other byte is kept, line ends and all.
    Images a page shows (relative paths) are copied to the same place relative to the
    page, so its references still resolve.

What it never does
    Overwrite a different existing file (``--force`` / ``FORCE=1`` aside), import again a
    file whose content is already in the handbook, or leave a half-written file: every
    write goes through :mod:`playbooks.atomic`.  Running the same import twice changes
    nothing the second time.

It ends with a report: what was imported, what was left as it was, what was skipped and
why, and each file's remaining problems as ``path:line:`` lines (the same the build and
``make check`` give).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx.errors import ConfigError

from ..files import atomic
from ..files.sources import SourceError, decode, normalize_text
from ..replies.grammar import Grammar
from ..site.pages import PAGES_FOLDER
from ..standard import metadata, redirects
from ..standard.names import slugify, title_core
from ..standard.outline import body_lines, build_outline
from ..standard.schema import Kind, Schema, SchemaError, build_schema
from .placeholder_fix import placeholder_fix

TEXT_SUFFIXES = {".rst", ".txt"}

PAGES_INDEX = """\
:orphan:

Páginas gerais
==============

Páginas trazidas por ``make import`` que não são scripts de atendimento (documentação de
apoio, treinamentos e afins), por categoria.

.. toctree::
   :maxdepth: 1
   :glob:

   **
"""


class ImportError_(Exception):
    """A request that cannot be carried out (message in Portuguese)."""


@dataclass
class Item:
    """One text file of SRC and what happened to it."""

    source: Path
    shown: str  # path relative to SRC's parent, for the report
    status: str = ""  # imported / replaced / unchanged / present / skipped
    reason: str = ""
    target: Path | None = None
    page: bool = False  # an ordinary page, not a playbook
    fixes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Result:
    items: list[Item] = field(default_factory=list)
    images: dict[str, int] = field(default_factory=dict)  # status -> count
    image_notes: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # files that are neither text nor used images
    new_categories: dict[str, str] = field(default_factory=dict)  # category -> folder seen
    pages_index: str = ""  # "" / created / unchanged
    redirects: int = 0  # old addresses recorded in the redirect map (standard/redirects.py)
    redirects_map: Path | None = None
    redirects_error: str = ""  # the map could not be read: nothing was recorded in it
    #: (old address, target in the map, target of this import): kept unless FORCE=1
    redirects_conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    redirects_replaced: bool = False  # FORCE=1: those took this import's target


# --- keyword separators -------------------------------------------------------------

def fix_separators(line: str, others: str | None = None) -> str:
    """``a, b | c`` -> ``a; b; c``, by the build's own rule (:mod:`..standard.metadata`):
    ``TCP/IP; rede`` and a comma or slash between digits (``4,0``) stay as they are.
    ``others``: the separators of the whole paragraph the line belongs to."""
    return metadata.with_semicolons(line, others)


def _plain_paragraphs(section: nodes.section) -> list[nodes.paragraph] | None:
    """The section's paragraphs when it holds nothing else (no markup, lists, tables)."""
    paragraphs = []
    for child in section.children:
        if isinstance(child, (nodes.title, nodes.comment, nodes.system_message)):
            continue
        if not isinstance(child, nodes.paragraph):
            return None
        if any(not isinstance(grand, nodes.Text) for grand in child.children):
            return None
        paragraphs.append(child)
    return paragraphs


def keyword_fix(raw: str, document: nodes.document, kind: Kind) -> tuple[str, list[int]]:
    """``raw`` with the keyword section's separators made ``;`` and the changed line numbers."""
    if kind.keywords is None:
        return raw, []
    outline = build_outline(document, kind, normalize_text(raw).split("\n"))
    heading = outline.first(kind, kind.keywords)
    if heading is None or heading.line is None:
        return raw, []
    paragraphs = _plain_paragraphs(heading.section)
    if not paragraphs:
        return raw, []
    # Each line of a paragraph whose keywords the build reads with other separators, and
    # which separators those are (decided on the whole paragraph, as the build does).
    wanted: dict[str, str] = {}
    for paragraph in paragraphs:
        text = " ".join(paragraph.astext().split())
        if metadata.split_keywords(text)[1]:
            others = metadata.other_separators(text)
            for line in paragraph.rawsource.split("\n"):
                if line.strip():
                    wanted[" ".join(line.split())] = others
    lines = raw.split("\n")
    changed = []
    for index in body_lines(document, heading, len(lines)):
        line = lines[index]
        body, cr = (line[:-1], "\r") if line.endswith("\r") else (line, "")
        others = wanted.get(" ".join(unicodedata.normalize("NFC", body).split()))
        if others is None:
            continue
        fixed = fix_separators(body, others)
        if fixed != body:
            lines[index] = fixed + cr
            changed.append(index + 1)
    return "\n".join(lines), changed


# --- where things go ------------------------------------------------------------------


class Placement:
    """Maps SRC folders to categories, following conf.py."""

    def __init__(self, conf: dict, playbook_dir: Path, category: str | None):
        self.labels = conf.get("playbook_categories") or {}
        mapping = conf.get("playbook_import_folders") or {}
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and slugify(v) == v and v for k, v in mapping.items()
        ):
            raise ImportError_(
                "playbook_import_folders em conf.py deve ser um dicionário {pasta de origem: categoria}, "
                "com categorias em minúsculas, sem acentos, com hífens (por exemplo 'tramita')"
            )
        self.by_slug: dict[str, str] = {}
        existing = sorted(p.name for p in playbook_dir.iterdir() if p.is_dir()) if playbook_dir.is_dir() else []
        for name in [*existing, *self.labels]:
            self.by_slug.setdefault(slugify(name), name)
            self.by_slug.setdefault(slugify(str(self.labels.get(name, ""))), name)
        for folder, name in mapping.items():
            self.by_slug[slugify(folder)] = name
        self.by_slug.pop("", None)
        self.forced = None
        if category:
            self.forced = self.by_slug.get(slugify(category)) or (category if slugify(category) == category else None)
            if self.forced is None:
                raise ImportError_(
                    f"CATEGORY='{category}' não é um nome de pasta válido; use minúsculas, sem acentos, "
                    f"com hífens (categorias conhecidas: {', '.join(sorted(set(self.by_slug.values())))})"
                )

    def place(self, container: list[str], relative: list[str]) -> tuple[str | None, list[str], str | None]:
        """``(category, sub-folders, new category's original folder)`` for a file whose
        folders are ``container`` (SRC's own name, maybe) + ``relative`` (inside SRC)."""
        if self.forced:
            return self.forced, [slugify(p) or "pasta" for p in relative], None
        folders = [*container, *relative]
        for position, name in enumerate(folders):
            category = self.by_slug.get(slugify(name))
            if category is not None:
                rest = folders[position + 1:]
                return category, [slugify(p) or "pasta" for p in rest], None
        if relative:
            category = slugify(relative[0]) or "sem-categoria"
            return category, [slugify(p) or "pasta" for p in relative[1:]], relative[0]
        return None, [], None


# --- the import -------------------------------------------------------------------------


def _text_key(data: bytes) -> str | None:
    """Identity of a file's content: NFC text with plain line ends (None if not UTF-8)."""
    try:
        return hashlib.sha256(decode(data).encode("utf-8")).hexdigest()
    except SourceError:
        return None


def _headings_match_any_kind(document: nodes.document, schema: Schema) -> bool:
    from ..standard.rules import headings_of

    headings = headings_of(document)
    return any(kind.matches(h) for kind in schema.kinds.values() for h in headings)


def _document_title(document: nodes.document) -> str | None:
    section = next(iter(document.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        return " ".join(section[0].astext().split()) or None
    return None


class Importer:
    def __init__(self, conf: dict, source: Path, category: str | None = None, force: bool = False):
        try:
            self.schema = build_schema(conf["playbook_kinds"], conf["playbook_default_kind"],
                                       conf["playbook_kind_by_folder"])
        except SchemaError as error:
            raise ImportError_(f"configuração de playbooks inválida em conf.py: {error}") from None
        self.conf = conf
        self.source = source
        self.playbook_dir = source / conf["playbook_root"].strip("/")
        self.pages_dir = source / PAGES_FOLDER
        self.placement = Placement(conf, self.playbook_dir, category)
        self.force = force
        self.result = Result()
        self.known: dict[str, Path] = {}  # content key -> file of the handbook
        self.claimed: dict[Path, Path] = {}  # target -> source file, in this run
        self.images_done: set[Path] = set()

    # -- inventory of the handbook
    def index_handbook(self) -> None:
        if not self.source.is_dir():
            return
        for path in sorted(self.source.rglob("*.rst")):
            try:
                key = _text_key(path.read_bytes())
            except OSError:
                continue
            if key is not None:
                self.known.setdefault(key, path)

    def address_root(self, base: Path) -> Path:
        """The folder old addresses start from.  In PEN's wiki a page's address holds its
        category folder ("Scripts_Atendimento/Tramita_GOV_BR/Barra_de_Progresso_Travando"):
        when SRC is a category folder, or a folder or file right inside one, addresses start
        above it, as when the whole wiki is imported.  A category folder is one conf.py or the
        handbook knows, or one named as CATEGORY= (a new category: the next import of the same
        folder, which then knows it, records the same addresses)."""
        for folder in (base, base.parent):
            slug = slugify(folder.name)
            if self.placement.by_slug.get(slug) is not None or (slug and slug == self.placement.forced):
                return folder.parent
        return base

    # -- one run
    def run(self, src: Path) -> Result:
        if not src.exists():
            raise ImportError_(f"SRC não existe: {src}")
        self.index_handbook()
        if src.is_file():
            base, files = src.parent, [src]
            container = [src.parent.name]
        else:
            base = src
            files = sorted(p for p in src.rglob("*") if p.is_file() and not _hidden(p.relative_to(src)))
            container = [src.name]
        used_images: set[Path] = set()
        for path in files:
            if path.suffix.lower() not in TEXT_SUFFIXES:
                continue
            item = Item(path, (PurePosixPath(base.name) / path.relative_to(base).as_posix()).as_posix())
            self.result.items.append(item)
            relative = list(path.relative_to(base).parts[:-1])
            try:
                self.import_file(item, base, container, relative, used_images)
            except OSError as error:  # a file where a folder should be, a full disk, no permission
                item.status = "skipped"
                item.reason = f"não foi possível gravar {error.filename or item.target}: {error.strerror}"
        for path in files:
            if path.suffix.lower() in TEXT_SUFFIXES or path.resolve() in used_images:
                continue
            self.result.others.append((PurePosixPath(base.name) / path.relative_to(base).as_posix()).as_posix())
        self.result.redirects_map = redirects.map_path(self.source, self.conf)
        try:
            self.result.redirects, self.result.redirects_conflicts = redirects.record_import(
                self.source, self.conf, self.address_root(base), [
                    (i.source, i.target) for i in self.result.items
                    if i.status in {"imported", "replaced", "unchanged"} and i.target is not None],
                replace=self.force)
            self.result.redirects_replaced = self.force
        except redirects.RedirectMapError as error:
            self.result.redirects_error = str(error)
        if any(item.page and item.status in {"imported", "replaced", "unchanged", "present"}
               for item in self.result.items):
            try:
                self.ensure_pages_index()
            except OSError as error:
                self.result.pages_index = f"não foi possível criar: {error.strerror}"
        return self.result

    def import_file(self, item: Item, base: Path, container: list[str], relative: list[str],
                    used_images: set[Path]) -> None:
        try:
            data = item.source.read_bytes()
        except OSError as error:
            item.status, item.reason = "skipped", f"não foi possível ler o arquivo: {error.strerror}"
            return
        try:
            text = decode(data)
        except SourceError as error:
            item.status, item.reason = "skipped", f"linha {error.line}: {error.message}"
            return
        if item.source.name.lower() == "index.rst" and ".. toctree::" in text:
            item.status, item.reason = "skipped", "índice do wiki: o manual monta os seus índices sozinho"
            return
        from .check import parse

        document = parse(text, str(item.source))
        page = not _headings_match_any_kind(document, self.schema)
        item.page = page
        category, subfolders, new_from = self.placement.place(container, relative)
        kind = self.schema.kind_for_category(category)

        # Only mechanical, safe fixes: keyword separators.
        out = data
        if not page:
            bom = data.startswith(b"\xef\xbb\xbf")
            raw = data[3:].decode("utf-8") if bom else data.decode("utf-8")
            fixed, changed = keyword_fix(raw, document, kind)
            if changed:
                out = (b"\xef\xbb\xbf" if bom else b"") + fixed.encode("utf-8")
                where = ", ".join(str(n) for n in changed)
                item.fixes.append(f"separadores das palavras-chave trocados por ';' (linha {where})")
            # Parenthesised placeholders of the replies -> brackets (replies/grammar.py).
            fixed, rewrites = placeholder_fix(fixed, document, kind, Grammar.from_config(self.conf))
            if rewrites:
                out = (b"\xef\xbb\xbf" if bom else b"") + fixed.encode("utf-8")
                item.fixes.extend(f"campo {r.written} escrito {r.canonical} (linha {r.line})" for r in rewrites)

        # Content already in the handbook (here or elsewhere): nothing to do.
        present = self.known.get(_text_key(out)) or self.known.get(_text_key(data))

        if category is None and present is None:
            if page:
                folder = self.pages_dir
            else:
                item.status = "skipped"
                item.reason = ("não há pasta de categoria no caminho do arquivo; informe a categoria, "
                               "por exemplo: make import SRC=... CATEGORY=sei")
                return
        elif page:
            folder = self.pages_dir / category if category else self.pages_dir
        else:
            folder = self.playbook_dir / category if category else self.playbook_dir
        if category is not None:
            folder = folder.joinpath(*subfolders)
            if new_from is not None and not page:
                self.result.new_categories.setdefault(category, new_from)

        title = _document_title(document) if page else build_outline(document, kind).title
        target = self.choose_target(folder, title, item.source)
        item.target = target

        if present is not None:
            if present.resolve() == target.resolve():
                item.status = "unchanged"
            else:
                item.status, item.target = "present", present
                item.reason = f"o mesmo conteúdo já está no manual em {_shown(present)}"
            self.claimed[present.resolve()] = item.source
            self.copy_images(item, document, present, used_images)
            return
        if target.exists():
            if target.read_bytes() == out:
                item.status = "unchanged"
            elif not self.force:
                item.status = "skipped"
                item.reason = (f"{_shown(target)} já existe com outro conteúdo; nada foi alterado "
                               "(FORCE=1 substitui o arquivo existente)")
                return
            else:
                item.status = "replaced"
        else:
            item.status = "imported"
        self.claimed[target.resolve()] = item.source
        self.copy_images(item, document, target, used_images)
        if item.status != "unchanged":
            atomic.write_bytes(target, out)
        key = _text_key(out)
        if key is not None:
            self.known.setdefault(key, target)

    def choose_target(self, folder: Path, title: str | None, source: Path) -> Path:
        """A file name from the title's slug; from the file name's when taken in this run."""
        stem = source.stem.strip()
        candidates = []
        for text in (title_core(title) if title else None, stem):
            slug = slugify(text) if text else ""
            if slug and slug != "index" and slug not in candidates:
                candidates.append(slug)
        if not candidates:
            candidates.append("pagina")
        for slug in candidates:
            target = folder / f"{slug}.rst"
            owner = self.claimed.get(target.resolve())
            if owner is None or owner == source:
                return target
        number = 2
        while True:
            target = folder / f"{candidates[-1]}-{number}.rst"
            if self.claimed.get(target.resolve()) in (None, source):
                return target
            number += 1

    def copy_images(self, item: Item, document: nodes.document, target: Path, used: set[Path]) -> None:
        """Copy the images the page shows, at the same place relative to the page."""
        source_root = self.source.resolve()
        for image in document.findall(nodes.image):
            uri = image.get("uri", "")
            if not uri or "://" in uri or uri.startswith("data:"):
                continue
            if uri.startswith("/"):
                item.notes.append(f"imagem com caminho absoluto não copiada: {uri}")
                continue
            origin = (item.source.parent / uri).resolve()
            if not origin.is_file():
                continue  # reported among the remaining problems (image not readable)
            used.add(origin)
            destination = Path(os.path.normpath(target.parent / uri))
            try:
                destination.resolve().relative_to(source_root)
            except ValueError:
                item.notes.append(f"imagem fora da pasta de fontes não copiada: {uri}")
                continue
            if destination.suffix.lower() in TEXT_SUFFIXES:
                item.notes.append(f"imagem com extensão de texto não copiada: {uri}")
                continue
            key = destination.resolve()
            if key in self.images_done:
                continue
            self.images_done.add(key)
            try:
                self._copy_image(origin, destination)
            except OSError as error:
                item.notes.append(f"imagem não copiada ({uri}): {error.strerror}")

    def _copy_image(self, origin: Path, destination: Path) -> None:
        data = origin.read_bytes()
        if destination.exists():
            if destination.read_bytes() == data:
                self._count("unchanged")
                return
            if not self.force:
                self._count("skipped")
                self.result.image_notes.append(
                    f"{_shown(destination)} já existe com outro conteúdo; a imagem não foi copiada "
                    "(FORCE=1 substitui)")
                return
        atomic.write_bytes(destination, data)
        self._count("copied")

    def _count(self, status: str) -> None:
        self.result.images[status] = self.result.images.get(status, 0) + 1

    def ensure_pages_index(self) -> None:
        index = self.pages_dir / "index.rst"
        if index.exists():
            self.result.pages_index = "unchanged"
            return
        atomic.write_bytes(index, PAGES_INDEX.encode("utf-8"))
        self.result.pages_index = "created"


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# --- the report -----------------------------------------------------------------------

STATUS_TITLES = [
    ("imported", "Importados"),
    ("replaced", "Substituídos (FORCE=1)"),
    ("unchanged", "Sem mudança (já importados, idênticos)"),
    ("present", "Já estavam no manual com o mesmo conteúdo"),
    ("skipped", "Não importados"),
]


def remaining_problems(result: Result, conf: dict, source: Path) -> list[str]:
    """``path:line: LEVEL: message [type]`` for every file the import brought or found."""
    from .check import Checker, docutils_reports, image_reports, parse, resolve_references

    checker = Checker(conf, source)
    lines: list[str] = []
    checked: dict[Path, str] = {}
    per_file: dict[Path, list] = {}
    for item in result.items:
        if item.status not in {"imported", "replaced", "unchanged", "present"} or item.target is None:
            continue
        target = item.target
        shown = _shown(target)
        if item.page:
            try:
                text = decode(target.read_bytes())
            except (OSError, SourceError):
                continue
            document = parse(text, str(target))
            resolve_references(document, checker.conf)
            reports = docutils_reports(document, shown) + image_reports(document, target, shown, checker.source_root)
        else:
            reports, _, _ = checker.check_file(target, shown)
            checked[target.resolve()] = shown
        per_file[target.resolve()] = list(reports)
    for path, reports in checker.duplicate_reports(checked).items():
        per_file.setdefault(path, []).extend(reports)
    for path in sorted(per_file, key=lambda p: _shown(p)):
        for report in sorted(per_file[path], key=lambda r: r.line or 0):
            lines.append(report.format())
    return lines


def format_report(src: Path, result: Result, problems: list[str]) -> str:
    out = [f"Importação de {src}"]
    for status, heading in STATUS_TITLES:
        items = [i for i in result.items if i.status == status]
        if not items:
            continue
        out.append("")
        out.append(f"{heading}: {len(items)}")
        for item in items:
            what = " (página geral, não é playbook)" if item.page else ""
            if status == "skipped":
                out.append(f"  {item.shown}: {item.reason}")
                continue
            target = _shown(item.target) if item.target is not None else "?"
            out.append(f"  {target}{what}  <-  {item.shown}")
            for text in item.fixes:
                out.append(f"      corrigido: {text}")
            for text in item.notes:
                out.append(f"      atenção: {text}")
    pages = [i for i in result.items if i.page and i.status in {"imported", "replaced"}]
    if pages:
        out.append("")
        out.append(f"Páginas gerais (não são playbooks de nenhum tipo): {len(pages)}, em "
                   f"source/{PAGES_FOLDER}/, listadas em source/{PAGES_FOLDER}/index.rst"
                   + (" (criado agora)" if result.pages_index == "created" else "")
                   + (f" ({result.pages_index})" if result.pages_index.startswith("não") else ""))
    if result.new_categories:
        out.append("")
        for category, folder in sorted(result.new_categories.items()):
            out.append(f"Categoria nova '{category}' (pasta '{folder}'): dê um nome a ela em "
                       "playbook_categories e, se quiser, mapeie a pasta em playbook_import_folders (conf.py)")
    if result.images:
        names = {"copied": "copiadas", "unchanged": "já estavam lá", "skipped": "não copiadas"}
        counts = ", ".join(f"{n} {names[s]}" for s, n in sorted(result.images.items()))
        out.append("")
        out.append(f"Imagens: {counts}")
        for note in result.image_notes:
            out.append(f"  {note}")
    if result.others:
        out.append("")
        out.append(f"Outros arquivos ignorados (não são .rst, .txt nem imagens usadas): {len(result.others)}")
        for name in result.others:
            out.append(f"  {name}")
    if result.redirects_error:
        out.append("")
        out.append(f"Endereços antigos NÃO registrados: {_shown(result.redirects_map)} está ilegível "
                   f"({result.redirects_error}); corrija o arquivo e repita a importação")
    elif result.redirects:
        out.append("")
        out.append(f"Endereços antigos: {result.redirects} registrado(s) em {_shown(result.redirects_map)} "
                   "(o endereço antigo de cada página abre a página nova)")
        if result.redirects_conflicts:
            verb = ("trocado(s), com FORCE=1" if result.redirects_replaced
                    else "mantido(s) como estavam (FORCE=1 troca pelo destino desta importação)")
            out.append(f"  {len(result.redirects_conflicts)} endereço(s) que o mapa já levava a outra página, "
                       f"{verb}:")
            for old, kept, new in result.redirects_conflicts:
                out.append(f"    {old}: no mapa, {kept}; nesta importação, {new}")
    out.append("")
    if problems:
        page_files = {_shown(i.target) + ":" for i in result.items if i.page and i.target is not None}
        in_pages = sum(1 for line in problems if any(line.startswith(name) for name in page_files))
        where = ("o build mostra os mesmos, e o make check também" if not in_pages else
                 f"o build mostra os mesmos; o make check, só os dos playbooks: {len(problems) - in_pages} "
                 f"de {len(problems)}")
        out.append(f"Problemas que continuam nos arquivos ({where}): {len(problems)}")
        out.extend(problems)
    else:
        out.append("Nenhum problema nos arquivos importados.")
    counts = {s: sum(1 for i in result.items if i.status == s) for s, _ in STATUS_TITLES}
    out.append("")
    out.append(
        f"Resumo: {counts['imported'] + counts['replaced']} importado(s), {counts['unchanged']} sem mudança, "
        f"{counts['present']} já no manual, {counts['skipped']} não importado(s), {len(problems)} problema(s)."
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    from .check import load_conf

    parser = argparse.ArgumentParser(prog="make import", description="Importa playbooks existentes para o manual.")
    parser.add_argument("src", nargs="?", help="pasta ou arquivo a importar (.rst ou .txt)")
    parser.add_argument("--conf", default="conf.py")
    parser.add_argument("--source", default="source")
    parser.add_argument("--category", help="categoria de todos os arquivos importados")
    parser.add_argument("--force", action="store_true", help="substitui arquivos existentes diferentes")
    args = parser.parse_args(argv)
    if not args.src:
        print("make import: ERRO: informe o que importar: make import SRC=<pasta ou arquivo>", file=sys.stderr)
        return 2
    try:
        conf = load_conf(Path(args.conf))
    except (OSError, SyntaxError, ConfigError) as error:
        print(f"{args.conf}: ERROR: não foi possível ler a configuração: {error}", file=sys.stderr)
        return 2
    src = Path(args.src)
    try:
        importer = Importer(conf, Path(args.source), args.category or None, args.force)
        result = importer.run(src)
    except ImportError_ as error:
        print(f"make import: ERRO: {error}", file=sys.stderr)
        return 2
    problems = remaining_problems(result, conf, Path(args.source))
    print(format_report(src, result, problems))
    return 1 if result.redirects_error or any(item.status == "skipped" for item in result.items) else 0

