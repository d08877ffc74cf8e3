"""A deterministic generator of synthetic playbooks shaped like PEN's real ones.

The model is learned at run time from the real files in ``../shared/pen-wiki`` (never copied
into the repository):

- *shapes*: for every real playbook, the blocks of each section in order (paragraphs with
  their word, link and bold counts, bold labels, bullet and numbered lists, admonitions,
  literal blocks, "em construção" replies) -- playbook ``i`` takes the shape of one real
  file, in a shuffled round robin, so sizes and structures follow the real distribution
  and every real shape appears once N reaches the number of real files;
- *text*: a first-order word chain over the real prose (so the vocabulary and sentence
  lengths are PEN's), plus a few invented topic words per playbook (real handbooks grow
  their vocabulary with their size, which matters for the search index);
- *verbatim short lines* of the reply sections (greetings with their placeholders,
  ``Bom dia/Boa tarde/Boa noite``, closings), team levels, user profiles and heading
  spellings (case, trailing spaces, underline characters and lengths);
- *titles* with PEN's ``AAAA.MM.DD-Título-VN`` convention at the real rate, *keywords* with
  the real separators (``;``, ``,``, ``|``, and a few ``/``) and counts.

Every generated file passes the validation core and parses without a docutils message
(the handbook builds with ``-W``).  Playbook ``i`` depends only on the seed and ``i``;
its category folder also depends on N (the number of categories grows with N, about one
per 20 playbooks, with a long-tailed size distribution like PEN's folders).

Command line: ``python -m bench.corpus --n 100 --out DIR [--seed S] [--pen-wiki PATH]``
writes ``DIR/playbooks/<category>/<name>.rst``.
"""

from __future__ import annotations

import argparse
import bisect
import math
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from docutils import nodes

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT / "_ext") not in sys.path:
    sys.path.insert(0, str(PROJECT / "_ext"))

from playbooks.writers import check  # noqa: E402
from playbooks.standard.outline import build_outline, section_body  # noqa: E402
from playbooks.files.sources import read  # noqa: E402

DEFAULT_PEN_WIKI = PROJECT.parent / "shared" / "pen-wiki"
DEFAULT_SEED = "manual-de-atendimento"

#: Category folders with a label in conf.py come first; the others are invented.
KNOWN_CATEGORIES = ["tramita", "sei", "protocolo-integrado", "nup"]
PLAYBOOKS_PER_CATEGORY = 20
#: Vocabulary growth: a real corpus of N files has about K * sqrt(N) distinct words.
SHARED_WORDS_PER_ROOT = 60

DATE_TITLE = re.compile(r"^\d{4}\.\d{2}\.\d{2}-.+-V\d+$")
DRAFT = re.compile(r"constru", re.IGNORECASE)
SEPARATORS = {";": "; ", ",": ", ", "|": " | ", "/": " / "}
#: PEN's README lists "/" as a separator in use; the sample holds none, so it gets a floor.
SLASH_SHARE = 0.03

# --- The model learned from the real files -----------------------------------------


@dataclass
class Block:
    """One block of a real section: what to generate in its place."""

    type: str  # p, label, bullet, enum, admonition, literal, stock, draft
    words: int = 0
    links: int = 0
    bold: int = 0
    items: list[int] = field(default_factory=list)
    children: list["Block"] = field(default_factory=list)
    text: str = ""  # stock paragraphs, admonition titles, draft sentences


@dataclass
class Shape:
    """The section-by-section structure of one real playbook."""

    source: str
    sections: dict[int, list[Block]]  # required section index -> blocks


@dataclass
class Model:
    shapes: list[Shape]
    chain: dict[str, list[str]]
    starts: list[str]
    headings: dict[int, list[tuple[str, str, int]]]  # index -> (heading line, char, length)
    title_char: str
    dated_share: float
    upper_share: float
    keyword_counts: list[int]
    keyword_terms: list[str]
    separators: list[str]
    keyword_period_share: float
    teams: list[str]
    profiles: list[str]
    urls: list[str]
    admonition_titles: list[str]
    sections: tuple[str, ...]
    roles: dict[str, int | None] = field(default_factory=dict)  # keywords/team/profile -> index


_STRIP = str.maketrans("", "", "*`|\\<>[]{}")
_WORD = re.compile(r"\w", re.UNICODE)


def clean_token(token: str, keep_brackets: bool = False) -> str:
    """A token that cannot start reST inline markup, references or targets."""
    if token.startswith(("http://", "https://")):
        token = token.rstrip("_>`*|")
        return token if re.fullmatch(r"https?://[\w./%#?=&~+:;,@!-]+", token) else ""
    if not keep_brackets:
        token = token.translate(_STRIP)
    else:
        token = token.translate(str.maketrans("", "", "*`|\\<>{}"))
    token = token.strip("_").replace("::", ":")
    if token.endswith(":") and token.count(":") > 1:
        token = token.rstrip(":") + ":"
    if not _WORD.search(token) and token not in {"-", "–", "—", "e/ou"}:
        return ""
    return token


def sentence_text(text: str, keep_brackets: bool = False) -> str:
    tokens = [clean_token(t, keep_brackets) for t in text.split()]
    return " ".join(t for t in tokens if t)


def _paragraph_block(node: nodes.paragraph) -> Block:
    text = node.astext()
    children = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(children) == 1 and isinstance(children[0], nodes.strong):
        return Block("label", words=len(text.split()))
    links = sum(1 for r in node.findall(nodes.reference) if r.get("refuri") and r.astext() != r.get("refuri"))
    bold = sum(1 for _ in node.findall(nodes.strong))
    return Block("p", words=len(text.split()), links=links, bold=bold)


def _items(node) -> list[int]:
    return [max(1, len(item.astext().split())) for item in node.children if isinstance(item, nodes.list_item)]


def blocks_of(children, reply: bool) -> list[Block]:
    blocks: list[Block] = []
    for child in children:
        if isinstance(child, (nodes.comment, nodes.system_message, nodes.target, nodes.title,
                              nodes.image, nodes.figure, nodes.substitution_definition)):
            continue
        text = child.astext()
        if reply and DRAFT.search(text) and len(text.split()) <= 12:
            blocks.append(Block("draft", text=sentence_text(text)))
        elif isinstance(child, nodes.paragraph):
            block = _paragraph_block(child)
            if reply and block.type == "p" and block.words <= 8 and not block.links:
                blocks.append(Block("stock", text=sentence_text(text, keep_brackets=True)))
            else:
                blocks.append(block)
        elif isinstance(child, nodes.bullet_list):
            blocks.append(Block("bullet", items=_items(child)))
        elif isinstance(child, nodes.enumerated_list):
            blocks.append(Block("enum", items=_items(child)))
        elif isinstance(child, nodes.Admonition):
            title = child[0].astext() if isinstance(child[0], nodes.title) else "Atenção!"
            blocks.append(Block("admonition", text=sentence_text(title),
                                children=blocks_of(child.children, reply)))
        elif isinstance(child, nodes.literal_block):
            blocks.append(Block("literal", items=[len(l.split()) for l in text.splitlines() if l.strip()]))
        elif isinstance(child, (nodes.block_quote, nodes.container, nodes.definition_list,
                                nodes.definition_list_item, nodes.definition, nodes.section)):
            blocks.extend(blocks_of(child.children, reply))
        elif isinstance(child, (nodes.term, nodes.line_block, nodes.table, nodes.field_list)):
            if text.split():
                blocks.append(Block("p", words=len(text.split())))
    return [b for b in blocks if b.type not in {"stock", "draft"} or b.text]


def _inside(node: nodes.Node, kind) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False


def _real_playbooks(pen_wiki: Path):
    conf = check.load_conf(PROJECT / "conf.py")
    checker = check.Checker(conf, None)
    found = []
    for path in sorted(pen_wiki.rglob("*.rst")):  # check.parse leaves docutils' registry as it was
        text = read(path)
        document = check.parse(text, str(path))
        kind, _ = checker.kind_for(path, document)
        if kind is not None and kind.name == "script":
            found.append((path, text, document, kind))
    return found


@lru_cache(maxsize=4)
def load_model(pen_wiki: Path = DEFAULT_PEN_WIKI) -> Model:
    """Learn the shapes, words and habits of PEN's real playbooks."""
    pen_wiki = Path(pen_wiki)
    if not pen_wiki.is_dir():
        raise FileNotFoundError(f"amostra do PEN não encontrada: {pen_wiki}")
    shapes: list[Shape] = []
    chain: dict[str, list[str]] = {}
    starts: list[str] = []
    headings: dict[int, list[tuple[str, str, int]]] = {}
    title_chars: list[str] = []
    titles: list[str] = []
    keyword_counts: list[int] = []
    keyword_terms: list[str] = []
    separators: list[str] = []
    periods = 0
    teams: list[str] = []
    profiles: list[str] = []
    urls: list[str] = []
    admonition_titles: list[str] = []
    sections: tuple[str, ...] = ()
    roles: dict[str, int | None] = {}

    for path, text, document, kind in _real_playbooks(pen_wiki):
        sections = kind.sections
        roles = {role: kind.index_of(getattr(kind, role)) if getattr(kind, role) else None
                 for role in ("keywords", "team", "profile")}
        lines = text.split("\n")
        outline = build_outline(document, kind, lines)
        if outline.title:
            titles.append(outline.title)
        if outline.title_underline:
            title_chars.append(outline.title_underline)
        shape = Shape(str(path.relative_to(pen_wiki)), {})
        nested = {id(h.section) for h in outline.headings if h.depth > 1}
        for heading in outline.headings:
            index = kind.index_of(heading.text)
            if index is None or heading.depth != 1 or index in shape.sections:
                continue
            raw = lines[heading.line - 1] if heading.line and heading.line <= len(lines) else heading.text
            under = lines[heading.line] if heading.line and heading.line < len(lines) else ""
            if heading.underline and raw.strip():
                headings.setdefault(index, []).append((raw.rstrip("\n"), heading.underline, len(under.strip())))
            body = section_body(heading.section, nested)
            shape.sections[index] = blocks_of(body, reply=kind.sections[index] == kind.reply)
            plain = " ".join(" ".join(n.astext().split()) for n in body)
            if kind.sections[index] == kind.team and plain:
                teams.append(sentence_text(plain))
            elif kind.sections[index] == kind.profile and plain:
                profiles.append(sentence_text(plain))
            elif kind.sections[index] == kind.keywords and plain:
                counts = {sep: plain.count(sep) for sep in SEPARATORS}
                sep = max(counts, key=counts.get)
                separators.append(sep if counts[sep] else ";")
                terms = [sentence_text(k).strip(" .") for k in re.split(r"[;,|/]", plain)]
                terms = [t for t in terms if t]
                keyword_terms.extend(terms)
                keyword_counts.append(max(1, len(terms)))
                periods += plain.rstrip().endswith(".")
        shapes.append(shape)
        for ref in document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri.startswith("https://") and clean_token(uri) == uri:
                urls.append(uri)
        for adm in document.findall(nodes.Admonition):
            if isinstance(adm[0], nodes.title):
                admonition_titles.append(sentence_text(adm[0].astext()))
        for para in document.findall(nodes.paragraph):
            if _inside(para, nodes.system_message):
                continue
            tokens = [clean_token(t) for t in para.astext().split()]
            tokens = [t for t in tokens if t and not t.startswith("http")]
            if len(tokens) < 4:
                continue
            previous = None
            for token in tokens:
                if previous is None or previous.endswith((".", "!", "?")):
                    if token[0].isalpha() and len(token) > 1:
                        starts.append(token)
                else:
                    chain.setdefault(previous, []).append(token)
                previous = token

    if not shapes:
        raise ValueError(f"nenhum playbook do tipo 'script' em {pen_wiki}")
    dated = sum(bool(DATE_TITLE.match(t)) for t in titles)
    upper = sum(t == t.upper() for t in titles)
    return Model(
        shapes=shapes,
        chain=chain,
        starts=starts,
        headings=headings,
        title_char=max(set(title_chars), key=title_chars.count) if title_chars else "=",
        dated_share=dated / max(1, len(titles)),
        upper_share=upper / max(1, len(titles)),
        keyword_counts=keyword_counts or [3],
        keyword_terms=sorted(set(keyword_terms)) or ["SEI"],
        separators=separators or [";"],
        keyword_period_share=periods / max(1, len(keyword_counts)),
        teams=[t for t in teams if t] or ["Equipe de 1º Nível"],
        profiles=[p for p in profiles if p] or ["N/A"],
        urls=sorted(set(urls)) or ["https://www.gov.br/pen"],
        admonition_titles=[t for t in admonition_titles if t] or ["Atenção!"],
        sections=sections,
        roles=roles,
    )


# --- Generating text -----------------------------------------------------------------

SYLLABLES = ("ba be bi bo ca ce ci co cu da de di do fa fe fi ga go gu la le li lo lu ma me mi mo "
             "na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to tu va ve vi vo xa za zo "
             "tran pro cre gra bra plan sis mod").split()


def pseudo_word(rng: random.Random, syllables: int | None = None) -> str:
    count = syllables or rng.choice((2, 3, 3, 4))
    return "".join(rng.choice(SYLLABLES) for _ in range(count))


def shared_words(seed: str, index: int, rng: random.Random) -> list[str]:
    """Invented words that recur across playbooks; their number grows with the square root
    of the handbook's size (Heaps' law), so the vocabulary grows like a real corpus's does."""
    count = int(SHARED_WORDS_PER_ROOT * math.sqrt(index + 1))
    return [_lexicon_word(seed, rng.randrange(count)) for _ in range(40)]


@lru_cache(maxsize=65536)
def _lexicon_word(seed: str, j: int) -> str:
    return pseudo_word(random.Random(f"{seed}:lexicon:{j}"))


class Writer:
    """Text for one playbook: the real word chain plus this playbook's topic words."""

    def __init__(self, model: Model, rng: random.Random, topics: list[str], shared: list[str]):
        self.model = model
        self.rng = rng
        self.topics = topics
        self.shared = shared
        self.link_names: dict[str, str] = {}

    def words(self, count: int) -> list[str]:
        rng, chain = self.rng, self.model.chain
        out: list[str] = []
        token = rng.choice(self.model.starts)
        while len(out) < count:
            chance = rng.random()
            if chance < 0.03:
                out.append(rng.choice(self.topics))
            elif chance < 0.05:
                out.append(rng.choice(self.shared))
            out.append(token)
            followers = chain.get(token)
            token = rng.choice(followers) if followers and not token.endswith(".") else rng.choice(self.model.starts)
        return out[:count]

    def sentence(self, count: int, links: int = 0, bold: int = 0) -> str:
        count = max(2, count)
        tokens = self.words(count)
        tokens[0] = tokens[0][0].upper() + tokens[0][1:]
        for _ in range(min(bold, count // 3)):
            start = self.rng.randrange(1, max(2, len(tokens) - 2))
            span = tokens[start:start + self.rng.choice((1, 2, 3))]
            if span and all(t[0].isalnum() and t[-1].isalnum() for t in span):
                tokens[start:start + len(span)] = ["**" + " ".join(span) + "**"]
        for _ in range(links):
            start = self.rng.randrange(1, max(2, len(tokens)))
            span = tokens[start:start + self.rng.choice((1, 2, 3, 4))]
            words = [w for w in span if not w.startswith("**") and not w.startswith("`")]
            if not words or len(words) != len(span):
                continue
            name = " ".join(words).rstrip(".,;:")
            if not name or not name[0].isalnum():
                continue
            tail = " ".join(words)[len(name):]
            url = self.link_names.setdefault(name.casefold(), self.url())
            tokens[start:start + len(span)] = [f"`{name} <{url}>`_{tail}"]
        text = " ".join(tokens)
        if not text.endswith((".", "!", "?", ":")):
            text = text.rstrip(",;-–— ") + "."
        return text

    def url(self) -> str:
        base = self.rng.choice(self.model.urls)
        if self.rng.random() < 0.5:
            return base
        return base.split("#")[0].rstrip("/") + "/" + self.rng.choice(self.topics)

    def phrase(self, low: int = 1, high: int = 3) -> str:
        words = [w.strip(".,;:()\"'") for w in self.words(self.rng.randint(low, high))]
        words = [w for w in words if w and w[0].isalnum()]
        return " ".join(words) or self.rng.choice(self.topics)


def jitter(rng: random.Random, value: int) -> int:
    return max(1, round(value * rng.uniform(0.7, 1.3)))


def render_blocks(blocks: list[Block], writer: Writer, indent: str = "") -> list[str]:
    rng = writer.rng
    out: list[str] = []
    for block in blocks:
        if block.type == "p":
            out.append(indent + writer.sentence(jitter(rng, block.words), block.links, block.bold))
        elif block.type == "label":
            label = writer.sentence(jitter(rng, min(block.words, 8))).rstrip(".:;,-–— ")
            out.append(f"{indent}**{label}:**" if rng.random() < 0.5 else f"{indent}**{label}**")
        elif block.type == "stock" or block.type == "draft":
            out.append(indent + block.text)
        elif block.type in {"bullet", "enum"}:
            marker = rng.choice(("-", "*")) if block.type == "bullet" else rng.choice(("{}.", "{})", "#."))
            lines = []
            for number, words in enumerate(block.items, start=1):
                bullet = marker.format(number) if "{" in marker else marker
                lines.append(f"{indent}{bullet} {writer.sentence(jitter(rng, words), int(rng.random() < 0.1))}")
            out.append("\n".join(lines) if rng.random() < 0.5 else "\n\n".join(lines))
        elif block.type == "admonition":
            title = block.text or rng.choice(writer.model.admonition_titles)
            inner = render_blocks(block.children, writer, indent + "   ") or [indent + "   " + writer.sentence(12)]
            out.append(f"{indent}.. admonition:: {title}\n\n" + "\n\n".join(inner))
        elif block.type == "literal":
            body = "\n".join(indent + "   " + " ".join(writer.words(max(1, w)))
                             for w in block.items[:40]) or indent + "   " + writer.phrase()
            out.append(f"{indent}::\n\n{body}")
    return out


# --- Playbooks -------------------------------------------------------------------


@dataclass(frozen=True)
class Playbook:
    category: str
    name: str
    title: str
    text: str

    @property
    def path(self) -> str:
        return f"playbooks/{self.category}/{self.name}.rst"


def slug(text: str, upper: bool) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text)
    name = "_".join(words)[:80].strip("_") or "playbook"
    return name.upper() if upper else name


def categories(n: int, seed: str) -> list[str]:
    count = max(len(KNOWN_CATEGORIES), math.ceil(n / PLAYBOOKS_PER_CATEGORY))
    rng = random.Random(f"{seed}:categories")
    names = list(KNOWN_CATEGORIES)
    while len(names) < count:
        name = f"{rng.choice(('modulo', 'sistema', 'servico', 'integracao', 'painel'))}-{pseudo_word(rng)}"
        if name not in names:
            names.append(name)
    return names


def category_of(index: int, names: list[str], seed: str) -> str:
    """A long-tailed share per category (the first ones hold more), like PEN's folders."""
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(names))]
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    point = random.Random(f"{seed}:category:{index}").random() * total
    return names[min(bisect.bisect(cumulative, point), len(names) - 1)]


def heading_lines(model: Model, index: int, rng: random.Random) -> str:
    variants = model.headings.get(index)
    if variants:
        line, char, length = rng.choice(variants)
    else:
        line, char, length = model.sections[index], "~", 0
    return f"{line}\n{char * max(length, len(line.rstrip()))}"


def keywords(model: Model, writer: Writer, category: str) -> str:
    rng = writer.rng
    count = jitter(rng, rng.choice(model.keyword_counts))
    words = [category.replace("-", " ").title() if category in KNOWN_CATEGORIES else writer.topics[0]]
    while len(words) < count:
        pick = rng.random()
        if pick < 0.6:
            word = rng.choice(model.keyword_terms)
        elif pick < 0.8:
            word = rng.choice(writer.topics)
        else:
            word = max(writer.phrase(3, 6).split(), key=len)
        if word.casefold() not in {w.casefold() for w in words}:
            words.append(word)
    sep = "/" if rng.random() < SLASH_SHARE else rng.choice(model.separators)
    spacing = SEPARATORS[sep]
    if sep == "|" and rng.random() < 0.3:
        spacing = "| "
    text = spacing.join(words)
    return text + "." if rng.random() < model.keyword_period_share else text


def playbook(model: Model, index: int, n: int, seed: str = DEFAULT_SEED, names: list[str] | None = None) -> Playbook:
    """Playbook number ``index`` of a corpus of ``n`` (its text depends only on seed and index)."""
    rng = random.Random(f"{seed}:playbook:{index}")
    order = list(range(len(model.shapes)))
    random.Random(f"{seed}:shapes:{index // len(order)}").shuffle(order)
    shape = model.shapes[order[index % len(order)]]
    topics = [pseudo_word(rng) for _ in range(rng.randint(3, 6))]
    writer = Writer(model, rng, topics, shared_words(seed, index, rng))
    category = category_of(index, names or categories(n, seed), seed)

    upper = rng.random() < model.upper_share
    title_words = writer.phrase(4, 10).split()
    title_words.insert(rng.randrange(1, len(title_words) + 1), topics[0].capitalize())
    name_text = " ".join(title_words)
    name_text = name_text[0].upper() + name_text[1:]
    if upper:
        name_text = name_text.upper()
    title = name_text
    if rng.random() < model.dated_share:
        date = f"{rng.randint(2019, 2026)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"
        title = f"{date}-{name_text}-V{rng.choice((1, 1, 1, 2, 2, 3, 4))}"

    parts = [f"{title}\n{model.title_char * len(title)}"]
    for position in range(len(model.sections)):
        blocks = shape.sections.get(position) or [Block("p", words=8)]
        if position == model.roles.get("keywords"):
            body = [keywords(model, writer, category)]
        elif position == model.roles.get("team"):
            body = [rng.choice(model.teams)]
        elif position == model.roles.get("profile"):
            body = [rng.choice(model.profiles)]
        else:
            body = render_blocks(blocks, writer)
        if not any(line.strip() for line in body):
            body = [writer.sentence(8)]
        parts.append(heading_lines(model, position, rng) + "\n\n" + "\n\n".join(body))
    text = "\n\n".join(parts) + "\n"
    return Playbook(category, slug(name_text, upper), title, text)


def generate(n: int, seed: str = DEFAULT_SEED, pen_wiki: Path = DEFAULT_PEN_WIKI) -> list[Playbook]:
    model = load_model(Path(pen_wiki))
    names = categories(n, seed)
    result: list[Playbook] = []
    taken: set[str] = set()
    for index in range(n):
        item = playbook(model, index, n, seed, names)
        path, suffix = item.path, 2
        while path.casefold() in taken:
            item = Playbook(item.category, f"{item.name.rsplit('__', 1)[0]}__{suffix}", item.title, item.text)
            path, suffix = item.path, suffix + 1
        taken.add(path.casefold())
        result.append(item)
    return result


def write(root: Path, items: list[Playbook]) -> list[Path]:
    """Write the playbooks under ``root`` (a source folder); returns the files written."""
    written = []
    for item in items:
        target = Path(root) / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.text, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus",
                                     description="Gera N playbooks sintéticos no formato dos do PEN.")
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="pasta de fontes onde gravar playbooks/<categoria>/")
    parser.add_argument("--seed", default=DEFAULT_SEED)
    parser.add_argument("--pen-wiki", type=Path, default=DEFAULT_PEN_WIKI)
    args = parser.parse_args(argv)
    items = generate(args.n, args.seed, args.pen_wiki)
    existing = [item.path for item in items if (args.out / item.path).exists()]
    if existing:
        print(f"{args.out / existing[0]} já existe (e mais {len(existing) - 1}); nada foi gravado: "
              "escolha outra pasta.", file=sys.stderr)
        return 2
    files = write(args.out, items)
    print(f"{len(files)} playbook(s) gravado(s) em {args.out / 'playbooks'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
