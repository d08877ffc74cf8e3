"""``make bench``: the handbook at 100 to 3,000 playbooks, side by side with plain Sphinx.

One process tree, interleaved rounds (so a burst of load on the machine hits both sides):

1. full builds (``-E``, fresh output) of the handbook with ``-j 1`` and ``-j auto`` at every
   size, and of the baseline (Sphinx + furo + sphinx-copybutton + one glob toctree, same
   corpus) at the small sizes only (it grows with the square of N);
2. incremental builds at 1,000 (or the size closest below): a rebuild with no change, then
   one playbook edited and rebuilt without ``-E``, with the output files each one wrote;
3. ``make check`` over every playbook and over one file (start-up included), and ``make
   report`` over every playbook (it reads them as ``make check`` does);
4. the search: what the first search downloads (gzip, as a static server sends it) and how
   long a query takes once that is loaded, in headless Chromium;
5. page sizes: the seed playbook's page at the smallest and the largest size.

Durations are medians of ``BENCH_REPEAT`` runs (default 3) when the first run took under
a minute, else of that one run.  Peak memory is the largest resident set of the build's
process tree (``/proc`` sampled every 20 ms, and ``ru_maxrss`` of the process).  The load
average is recorded with every run: other work on the machine makes timings noisy.

Environment (all optional; ``make bench BENCH_N=100,300``):

``BENCH_N``           sizes, comma-separated (default ``100,300,1000,3000``)
``BENCH_BASELINE_N``  baseline sizes (default: the sizes up to 300; ``0`` for none)
``BENCH_REPEAT``      runs per figure when a run takes under a minute (default 3)
``BENCH_SEED``        generator seed
``BENCH_OUT``         work folder (default ``_build/bench``)
``BENCH_SEARCH``      ``0`` to skip the browser measurement (it is on by default)
``BENCH_SEARCH_RESULT`` CSS selector of a search result link on ``search.html?q=...``

Results: a table on standard output, ``results.json`` and ``table.md`` in the work folder
(plus a dated copy of the JSON), and the build logs in ``logs/``.  Exit status 1 when a
build failed (the figures measured still get written).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import http.server
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

from bench import corpus  # noqa: E402
from playbooks.finding.search import RANKING  # noqa: E402
from playbooks.files import atomic  # noqa: E402

DEFAULT_SIZES = (100, 300, 1000, 3000)
BASELINE_LIMIT = 300
LONG_RUN = 60.0  # seconds: a run this long is not repeated
SEED_PAGE = "playbooks/sei/suporte-ao-sei.html"
SERIAL_MESSAGE = "-j auto: construção em série"
SEARCH_QUERIES = ("certificado expirado", "processo parado", "senha", "erro no envio", "adesão ao NUP")
RESULT_SELECTOR = "#search-results li a, .pagefind-ui__result-link, [data-search-result] a"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-default-apps", "--disable-extensions",
]

BASELINE_CONF = '''# Plain Sphinx: furo, sphinx-copybutton, one glob toctree (benchmark baseline).
project = "Manual de Atendimento (base)"
language = "pt_BR"
extensions = ["sphinx_copybutton"]
html_theme = "furo"
exclude_patterns = ["_build"]
'''
BASELINE_INDEX = """Manual de Atendimento
=====================

.. toctree::
   :glob:
   :maxdepth: 1

   playbooks/*/*
"""


# --- Measuring one process tree ------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
    except OSError:
        pass
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


def tree_rss_kb(pid: int) -> int:
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss_kb(current)
        stack.extend(_children(current))
    return total


@dataclass
class Run:
    case: str
    n: int
    seconds: float
    rc: int
    peak_mb: float
    maxrss_mb: float
    load_before: float
    load_after: float
    log: str
    cpu_seconds: float = 0.0  # user + system time of the process tree: less noisy under load
    written: list[str] = field(default_factory=list)


def run_measured(command: list[str], log: Path, case: str, n: int, cwd: Path = PROJECT,
                 env: dict | None = None) -> Run:
    """Run ``command``, timing it and sampling the memory of its process tree."""
    log.parent.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    with open(log, "wb") as out:
        out.write((" ".join(command) + "\n").encode())
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})})
        peak = 0
        stop = threading.Event()

        def sample():
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, tree_rss_kb(process.pid))
                stop.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        stop.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    maxrss = usage.ru_maxrss / 1024
    return Run(case, n, seconds, process.returncode, round(max(peak / 1024, maxrss), 1), round(maxrss, 1),
               load_before, os.getloadavg()[0], str(log), round(usage.ru_utime + usage.ru_stime, 2))


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    result = {}
    for path in folder.rglob("*"):
        if path.is_file() and ".doctrees" not in path.parts:
            stat = path.stat()
            result[path.relative_to(folder).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return result


def written_between(before: dict, after: dict) -> list[str]:
    return sorted(name for name, stamp in after.items() if before.get(name) != stamp)


# --- The corpora -----------------------------------------------------------------


#: The generated corpus keeps PEN's keyword separators (`,` `|` `/`) and parenthesised reply
#: placeholders (`(Nome do atendente)`), as a handbook that is still migrating does: its
#: configuration silences those two warnings, as README suggests.
CORPUS_SUPPRESS = ["playbook.keyword_separator", "playbook.placeholder_form"]


def write_corpus_conf(folder: Path) -> Path:
    """A conf.py that is the handbook's own plus ``suppress_warnings = CORPUS_SUPPRESS``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(
        "import runpy\n"
        f"globals().update(runpy.run_path({str(PROJECT / 'conf.py')!r}))\n"
        f"suppress_warnings = {CORPUS_SUPPRESS!r}\n",
        encoding="utf-8",
    )
    return folder


def make_corpus(work: Path, n: int, seed: str, pen_wiki: Path) -> Path:
    """The handbook's own ``source/`` plus ``n`` generated playbooks."""
    root = work / "corpus" / str(n)
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(PROJECT / "source", root)
    items = corpus.generate(n, seed, pen_wiki)
    clashes = [item.path for item in items if (root / item.path).exists()]
    if clashes:
        raise RuntimeError(f"o gerador sobrescreveria {clashes[0]}")
    corpus.write(root, items)
    return root


def make_baseline(work: Path, n: int, source: Path) -> Path:
    """The same playbooks (hard links) under a plain index with one glob toctree."""
    root = work / "baseline" / str(n)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(BASELINE_CONF, encoding="utf-8")
    (root / "index.rst").write_text(BASELINE_INDEX, encoding="utf-8")
    for path in sorted((source / "playbooks").glob("*/*.rst")):
        if path.name == "index.rst":
            continue
        target = root / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
    return root


# --- Builds -----------------------------------------------------------------------


class Bench:
    def __init__(self, work: Path, sizes: list[int], baseline_sizes: list[int], repeat: int,
                 seed: str, pen_wiki: Path, search: bool, result_selector: str):
        self.work = work
        self.sizes = sizes
        self.baseline_sizes = baseline_sizes
        self.repeat = max(1, repeat)
        self.seed = seed
        self.pen_wiki = pen_wiki
        self.search = search
        self.result_selector = result_selector
        self.runs: list[Run] = []
        self.sources: dict[int, Path] = {}
        self.baselines: dict[int, Path] = {}
        self.notes: list[str] = []
        self.failed = False
        self.python = sys.executable

    # paths
    def out(self, case: str, n: int) -> Path:
        return self.work / "out" / case / str(n)

    def log(self, name: str) -> Path:
        return self.work / "logs" / f"{name}.log"

    def sphinx(self, src: Path, conf: Path, out: Path, jobs: str, fresh: bool, strict: bool) -> list[str]:
        # -j auto runs keep Sphinx's messages in their log: they say whether it ran serially.
        quiet = [] if jobs == "auto" else ["-q"]
        command = [self.python, "-m", "sphinx", "-b", "html", *quiet, "-c", str(conf),
                   "-d", str(out / ".doctrees"), "-j", jobs]
        if fresh:
            command.append("-E")
        if strict:
            command.append("-W")
        return command + [str(src), str(out)]

    def record(self, run: Run) -> Run:
        self.runs.append(run)
        mark = "" if run.rc == 0 else f"  FALHOU (código {run.rc}; veja {run.log})"
        print(f"  {run.case:<22} N={run.n:<5} {run.seconds:8.2f} s (CPU {run.cpu_seconds:7.2f} s) "
              f"{run.peak_mb:8.1f} MB carga {run.load_before:4.2f}->{run.load_after:4.2f}{mark}", flush=True)
        if run.rc != 0:
            self.failed = True
        return run

    def full_build(self, case: str, n: int, rep: int) -> Run:
        out = self.out(case, n)
        if out.exists():
            shutil.rmtree(out)
        if case.startswith("baseline"):
            src = self.baselines[n]
            command = self.sphinx(src, src, out, "1", fresh=True, strict=False)
        else:
            jobs = "auto" if case.endswith("-jauto") else "1"
            command = self.sphinx(self.sources[n], self.conf_dir, out, jobs, fresh=True, strict=True)
        return self.record(run_measured(command, self.log(f"{case}-{n}-{rep}"), case, n))

    def prepare(self) -> None:
        self.conf_dir = write_corpus_conf(self.work / "conf")
        for n in self.sizes:
            started = time.perf_counter()
            self.sources[n] = make_corpus(self.work, n, self.seed, self.pen_wiki)
            if n in self.baseline_sizes:
                self.baselines[n] = make_baseline(self.work, n, self.sources[n])
            print(f"  corpus N={n}: gerado em {time.perf_counter() - started:.1f} s", flush=True)

    def full_builds(self) -> None:
        cases = []
        for n in self.sizes:
            cases.append(("handbook-j1", n))
            cases.append(("handbook-jauto", n))
            if n in self.baseline_sizes:
                cases.append(("baseline", n))
        long_cases: set[tuple[str, int]] = set()
        for rep in range(1, self.repeat + 1):
            print(f"Rodada {rep} de {self.repeat}: construções completas", flush=True)
            for case, n in cases:
                if (case, n) in long_cases:
                    continue
                run = self.full_build(case, n, rep)
                if run.seconds >= LONG_RUN:
                    long_cases.add((case, n))
        # The -j 1 output of every size is what the other measurements read: rebuild the
        # ones whose last run was not -j 1 (the loop above ends on -j auto / baseline).
        # Each case has its own output folder, so nothing to redo here.

    def middle_size(self) -> int:
        below = [n for n in self.sizes if n <= 1000]
        return max(below) if below else min(self.sizes)

    def incremental(self) -> dict:
        n = self.middle_size()
        out = self.out("handbook-j1", n)
        src = self.sources[n]
        edited = sorted((src / "playbooks").glob("*/*.rst"))
        edited = [p for p in edited if p.name != "index.rst" and "suporte-ao-sei" not in p.name]
        target = edited[len(edited) // 2]
        print(f"Incremental (N={n}): sem mudança, e editando {target.relative_to(src)}", flush=True)
        result = {"n": n, "edited": target.relative_to(src).as_posix(), "no_change_written": [],
                  "edit_written": []}
        # One rebuild first: the full build's environment is settled by then.
        self.record(run_measured(self.sphinx(src, self.conf_dir, out, "1", False, True),
                                 self.log(f"incremental-warmup-{n}"), "rebuild-warmup", n))
        for rep in range(1, self.repeat + 1):
            before = snapshot(out)
            run = self.record(run_measured(self.sphinx(src, self.conf_dir, out, "1", False, True),
                                           self.log(f"rebuild-nochange-{n}-{rep}"), "rebuild-no-change", n))
            run.written = written_between(before, snapshot(out))
            result["no_change_written"] = run.written
            text = target.read_text(encoding="utf-8")
            marker = "\nQuando Ocorre" if "\nQuando Ocorre" in text else "\n\n"
            text = text.replace(marker, f"\n\nFrase acrescentada na edição {rep} do benchmark.\n{marker}", 1)
            target.write_text(text, encoding="utf-8")
            before = snapshot(out)
            run = self.record(run_measured(self.sphinx(src, self.conf_dir, out, "1", False, True),
                                           self.log(f"rebuild-edit-{n}-{rep}"), "rebuild-edit-one", n))
            run.written = written_between(before, snapshot(out))
            result["edit_written"] = run.written
        return result

    def check(self) -> dict:
        n = self.middle_size()
        src = self.sources[n]
        one = next(p for p in sorted((src / "playbooks").glob("*/*.rst")) if p.name != "index.rst")
        print(f"make check (N={n}): todos os playbooks e um arquivo", flush=True)
        make = ["make", "-s", "--no-print-directory", "-C", str(PROJECT), "check", f"SOURCEDIR={src}",
                f"CONFDIR={self.conf_dir}"]
        report = ["make", "-s", "--no-print-directory", "-C", str(PROJECT), "report", f"SOURCEDIR={src}",
                  f"CONFDIR={self.conf_dir}"]
        for rep in range(1, self.repeat + 1):
            self.record(run_measured(make, self.log(f"check-all-{n}-{rep}"), "check-all", n))
            self.record(run_measured(make + [f"FILES={one}"], self.log(f"check-one-{rep}"), "check-one", 1))
            # make report reads every playbook as make check does: alternated with it.
            self.record(run_measured(report, self.log(f"report-all-{n}-{rep}"), "report-all", n))
        return {"n": n, "one_file": one.relative_to(src).as_posix()}

    def pages(self) -> dict:
        sizes = {}
        for case in ("handbook-j1", "baseline"):
            for n in self.sizes:
                page = self.out(case, n) / SEED_PAGE
                if page.exists():
                    data = page.read_bytes()
                    others = [p.stat().st_size for p in (self.out(case, n) / "playbooks").glob("*/*.html")
                              if p.name != "index.html"]
                    sizes[f"{case}/{n}"] = {
                        "seed_page_bytes": len(data),
                        "seed_page_gzip_bytes": len(gzip.compress(data, 6)),
                        "median_playbook_page_bytes": int(statistics.median(others)) if others else None,
                        "site_bytes": sum(p.stat().st_size for p in self.out(case, n).rglob("*")
                                          if p.is_file() and ".doctrees" not in p.parts),
                    }
        return sizes

    def search_figures(self) -> dict | None:
        if not self.search:
            return None
        n = self.middle_size()
        print(f"Busca (N={n}) no Chromium sem interface", flush=True)
        try:
            queries = pick_queries(self.sources[n])
            figures = measure_search(self.out("handbook-j1", n), self.result_selector, queries,
                                     long_query(self.sources[n])) | {"n": n}
            figures["header"] = measure_header_search(self.out("handbook-j1", n), queries)
            return figures
        except Exception as error:  # the other figures stay useful without this one
            self.failed = True
            message = f"medição da busca falhou: {type(error).__name__}: {error}"
            print("  " + message, flush=True)
            return {"n": n, "error": message}


# --- Search in a real browser ---------------------------------------------------------

COMPRESSIBLE = re.compile(r"\.(html?|css|js|mjs|json|svg|txt|xml|map)$")


class GzipServer:
    """A static server for one folder on 127.0.0.1 that gzips text as nginx/Apache do
    (level 6) and counts the bytes of each response body it sends."""

    def __init__(self, folder: Path):
        sent: list[tuple[str, int, int]] = []  # (path, status, body bytes on the wire)
        self.sent = sent
        root = Path(folder)

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
                file = (root / path.lstrip("/")).resolve()
                if file.is_dir():
                    file = file / "index.html"
                if root.resolve() not in file.parents or not file.is_file():
                    self.send_error(404)
                    sent.append((path, 404, 0))
                    return
                stat = file.stat()
                modified = self.date_time_string(int(stat.st_mtime))
                if self.headers.get("If-Modified-Since") == modified:
                    self.send_response(304)
                    self.end_headers()
                    sent.append((path, 304, 0))
                    return
                body = file.read_bytes()
                encoded = "gzip" in self.headers.get("Accept-Encoding", "") and COMPRESSIBLE.search(file.name)
                if encoded:
                    body = gzip.compress(body, 6)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(file)))
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Last-Modified", modified)
                if encoded:
                    self.send_header("Content-Encoding", "gzip")
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the page went on without it
                    sent.append((path, 499, 0))
                    return
                sent.append((path, 200, len(body)))

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a browser that drops a connection is not an error here

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


#: On a page whose index is loaded: from a query to its first result on screen (Sphinx's
#: search shows the first result synchronously), and the bare computation of the results.
IN_PAGE_ANSWER_JS = """async (q) => {
  if (typeof Search === "undefined" || !Search.performSearch || !Search.hasIndex
      || !Search.hasIndex()) return null;
  const out = document.getElementById("search-results");
  out.replaceChildren();
  const t0 = performance.now();
  Search.performSearch(q);
  // A query that may hold an exact phrase is shown once the best results' pages are read
  // (search-phrases.js): wait for the first result.
  let first = out.querySelector("li a");
  if (!first) first = await new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      const a = out.querySelector("li a");
      if (a) { watch.disconnect(); resolve(a); }
    });
    watch.observe(out, { childList: true, subtree: true });
    setTimeout(() => { watch.disconnect(); resolve(null); }, 5000);
  });
  const shown = performance.now() - t0;
  const t1 = performance.now();
  const results = Search._performSearch(...Search._parseQuery(q));
  return [first ? shown : null, performance.now() - t1, results.length];
}"""


def pick_queries(source: Path, wanted: int = 5) -> list[str]:
    """The usual queries that some playbook of ``source`` answers (every word in one file),
    completed with words of playbook titles when the handbook is too small for them."""
    texts = [p.read_text(encoding="utf-8").casefold() for p in sorted((source / "playbooks").glob("*/*.rst"))
             if p.name != "index.rst"]
    queries = [q for q in SEARCH_QUERIES if any(all(w.casefold() in t for w in q.split()) for t in texts)]
    for text in texts:
        if len(queries) >= wanted:
            break
        title = text.split("\n", 1)[0]
        words = [w for w in re.findall(r"[^\W\d_]{6,}", title)]
        if words and max(words, key=len) not in queries:
            queries.append(max(words, key=len))
    return queries[:wanted]


#: Words of the long query: a whole ticket pasted into the search box.
LONG_QUERY_WORDS = 200


def long_query(source: Path, count: int = LONG_QUERY_WORDS) -> str:
    """A ``count``-word ticket: greeting, sentences of the handbook's playbooks, signature."""
    words: list[str] = []
    for path in sorted((source / "playbooks").glob("*/*.rst")):
        if path.name != "index.rst":
            words += re.findall(r"[^\W_]+", path.read_text(encoding="utf-8"))
        if len(words) >= count:
            break
    body = words[: count - 6]
    return "Bom dia, prezados,\n" + " ".join(body) + "\nAtenciosamente,\nFulano"


def measure_search(site: Path, selector: str = RESULT_SELECTOR,
                   queries: tuple[str, ...] | list[str] = SEARCH_QUERIES, long: str | None = None) -> dict:
    """Bytes of the first search (fresh browser), then the time of later queries (and of
    the ``long`` one, a pasted ticket)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium não encontrado em {CHROMIUM} (apt-get install chromium)")
    with GzipServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(locale="pt-BR")
            page = context.new_page()
            first, later = queries[0], list(queries[1:])
            start = time.perf_counter()
            page.goto(server.url + "search.html?q=" + urllib.parse.quote(first))
            page.wait_for_selector(selector, timeout=20000)
            first_result_ms = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            time.sleep(0.3)
            page.wait_for_load_state("networkidle")
            first_requests = list(server.sent)
            total = sum(size for _, _, size in first_requests)
            by_kind = {"search_index": 0, "result_pages": 0, "assets": 0}
            for path, _, size in first_requests:
                if "searchindex" in path or "pagefind" in path:
                    by_kind["search_index"] += size
                elif path.endswith(".html") and not path.endswith("/search.html"):
                    by_kind["result_pages"] += size
                else:
                    by_kind["assets"] += size
            answers, computes, navigations = [], [], []
            for query in later:
                start = time.perf_counter()
                page.goto(server.url + "search.html?q=" + urllib.parse.quote(query))
                page.wait_for_selector(selector, timeout=20000)
                navigations.append((time.perf_counter() - start) * 1000)
            for query in later:
                in_page = page.evaluate(IN_PAGE_ANSWER_JS, query)
                if in_page is not None and in_page[0] is not None:
                    answers.append(in_page[0])
                    computes.append(in_page[1])
            long_answers, long_computes = [], []
            for _ in range(3 if long else 0):
                in_page = page.evaluate(IN_PAGE_ANSWER_JS, long)
                if in_page is not None and in_page[0] is not None:
                    long_answers.append(in_page[0])
                    long_computes.append(in_page[1])
            if not answers:  # another engine: what the agent waits for is a page load
                answers = navigations
            context.close()
        finally:
            browser.close()
    return {
        "first_query": first,
        "first_download_bytes": total,
        "first_download_by_kind": by_kind,
        "first_requests": len(first_requests),
        "first_result_ms": round(first_result_ms, 1),
        "later_queries": list(later),
        "answer_ms": [round(a, 1) for a in answers],
        "answer_ms_median": round(statistics.median(answers), 1) if answers else None,
        "new_search_page_ms": [round(a, 1) for a in navigations],
        "new_search_page_ms_median": round(statistics.median(navigations), 1) if navigations else None,
        "query_compute_ms_median": round(statistics.median(computes), 2) if computes else None,
        "long_query_words": len((long or "").split()),
        "long_answer_ms_median": round(statistics.median(long_answers), 1) if long_answers else None,
        # the first time, the best results' pages are not read yet (search-phrases.js)
        "long_answer_first_ms": round(long_answers[0], 1) if long_answers else None,
        "long_compute_ms_median": round(statistics.median(long_computes), 2) if long_computes else None,
    }


#: The header's search field of every page (finding/js/search-box.js): the time from the
#: pause after the last keystroke to the list on screen, as the field records it.
HEADER_LIST = "#manual-q-list [role=option]"


def measure_header_search(site: Path, queries: tuple[str, ...] | list[str] = SEARCH_QUERIES) -> dict:
    """A playbook's page opened in a fresh browser: what it downloads without a search (gzip),
    then the header's list for each query, the first one loading the index on its first
    keystroke (typed at 40 ms a key): milliseconds from the pause to the list."""
    from playwright.sync_api import sync_playwright

    with GzipServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(locale="pt-BR").new_page()
            page.goto(server.url + SEED_PAGE, wait_until="networkidle")
            page_bytes = sum(size for _, _, size in server.sent)
            page_files = len(server.sent)
            del server.sent[:]
            shown = []
            for number, query in enumerate(queries):
                page.fill("#manual-q", "")
                page.wait_for_function("document.getElementById('manual-q').getAttribute('aria-expanded') === 'false'")
                page.evaluate("delete document.getElementById('manual-q').dataset.shownMs")
                page.focus("#manual-q")
                page.keyboard.type(query, delay=40)
                page.wait_for_function("document.getElementById('manual-q').dataset.shownMs !== undefined",
                                       timeout=20000)
                shown.append(float(page.evaluate("document.getElementById('manual-q').dataset.shownMs")))
                if number == 0:
                    first_search_bytes = sum(size for _, _, size in server.sent)
                    page.wait_for_load_state("networkidle")
            count = page.locator(HEADER_LIST).count()
        finally:
            browser.close()
    return {
        "page_bytes": page_bytes, "page_files": page_files, "first_search_bytes": first_search_bytes,
        "first_list_ms": round(shown[0], 1), "later_list_ms": [round(v, 1) for v in shown[1:]],
        "later_list_ms_median": round(statistics.median(shown[1:]), 1) if len(shown) > 1 else None,
        "last_count": count,
    }


# --- Figures and the table ---------------------------------------------------------


def median_of(runs: list[Run], case: str, n: int, attribute: str = "seconds"):
    values = [getattr(r, attribute) for r in runs if r.case == case and r.n == n and r.rc == 0]
    return statistics.median(values) if values else None


def max_of(runs: list[Run], case: str, n: int, attribute: str):
    values = [getattr(r, attribute) for r in runs if r.case == case and r.n == n and r.rc == 0]
    return max(values) if values else None


@dataclass
class Figure:
    id: str
    label: str
    unit: str
    value: float | None
    baseline: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value and self.baseline:
            return self.value / self.baseline
        return None


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    else:
        text = f"{value:,}"
    text = text.replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} {unit}".strip()


def figures(bench: Bench, incremental: dict | None, check: dict | None, pages: dict, search: dict | None) -> list[Figure]:
    runs, sizes = bench.runs, bench.sizes
    out: list[Figure] = []
    for n in sizes:
        value = median_of(runs, "handbook-j1", n)
        base = median_of(runs, "baseline", n)
        target, ok = "", None
        if n == 1000:
            target, ok = "≤ 30 s", (value is not None and value <= 30)
        out.append(Figure(f"build_{n}", f"Construção completa, {n} playbooks (-j 1)", "s", value, base, target, ok))
    if 1000 in sizes:
        peak = max_of(runs, "handbook-j1", 1000, "peak_mb")
        out.append(Figure("peak_memory_1000", "Memória máxima, 1000 playbooks (-j 1)", "MB", peak,
                          max_of(runs, "baseline", 1000, "peak_mb"), "≤ 500 MB", peak is not None and peak <= 500))
    baseline_points = [(n, median_of(runs, "baseline", n)) for n in bench.baseline_sizes]
    baseline_points = [(n, t) for n, t in baseline_points if t]
    if len(baseline_points) >= 2:
        (n1, t1), (n2, t2) = baseline_points[0], baseline_points[-1]
        # t = b*n + c*n^2 through both points: the baseline grows with the square of N.
        c = (t2 / n2 - t1 / n1) / (n2 - n1)
        b = t1 / n1 - c * n1
        estimate = b * 1000 + c * 1000 ** 2 if c > 0 else None
        handbook = median_of(runs, "handbook-j1", 1000)
        out.append(Figure("baseline_1000_estimate", "Base estimada em 1000 (ajuste quadrático, não medida)", "s",
                          handbook, round(estimate, 1) if estimate else None, "", None,
                          f"estimativa a partir de N={n1} e N={n2}"))
    for n in sizes:
        pair = median_of(runs, "handbook-jauto", n), median_of(runs, "handbook-j1", n)
        if pair[0] and pair[1]:
            logs = [Path(r.log) for r in runs if r.case == "handbook-jauto" and r.n == n]
            serial = logs and all(SERIAL_MESSAGE in log.read_text(encoding="utf-8", errors="replace")
                                  for log in logs)
            note = ("-j auto construiu em série nesta máquina (playbook_parallel_min_cpus): "
                    "a mesma construção nas duas colunas; até 2% de diferença é ruído da medição") if serial else ""
            out.append(Figure(f"jauto_{n}", f"-j auto em {n} (base: -j 1 do manual)", "s", pair[0], pair[1],
                              # a serial -j auto is the -j 1 build itself: up to 2 % apart is noise
                              "razão ≤ 1,02 (em série)" if serial else "razão ≤ 1,0",
                              pair[0] <= pair[1] * (1.02 if serial else 1.0), note))
    if 1000 in sizes and 3000 in sizes:
        t1, t3 = median_of(runs, "handbook-j1", 1000), median_of(runs, "handbook-j1", 3000)
        if t1 and t3:
            out.append(Figure("growth_3000_1000", "Crescimento: construção de 3000 (base: a de 1000)", "s", t3, t1,
                              "razão ≤ 3,3", t3 / t1 <= 3.3))
        c1 = median_of(runs, "handbook-j1", 1000, "cpu_seconds")
        c3 = median_of(runs, "handbook-j1", 3000, "cpu_seconds")
        if c1 and c3:
            out.append(Figure("growth_cpu_3000_1000", "Crescimento em tempo de CPU (menos sensível à carga)",
                              "s", c3, c1, "razão ≤ 3,3", c3 / c1 <= 3.3))
    small, large = min(sizes), max(sizes)
    page_small = pages.get(f"handbook-j1/{small}", {}).get("seed_page_bytes")
    page_large = pages.get(f"handbook-j1/{large}", {}).get("seed_page_bytes")
    if page_small and page_large:
        out.append(Figure("page_size", f"Página de um playbook em {large} (base: a mesma em {small})", "bytes",
                          page_large, page_small, "razão ≤ 1,10", page_large <= 1.10 * page_small))
    for n in bench.baseline_sizes:
        mine = pages.get(f"handbook-j1/{n}", {}).get("seed_page_bytes")
        theirs = pages.get(f"baseline/{n}", {}).get("seed_page_bytes")
        if mine and theirs:
            out.append(Figure(f"page_vs_baseline_{n}", f"Página de um playbook em {n}", "bytes", mine, theirs))
    if incremental:
        n = incremental["n"]
        none = median_of(runs, "rebuild-no-change", n)
        edit = median_of(runs, "rebuild-edit-one", n)
        out.append(Figure("rebuild_no_change", f"Reconstrução sem mudança, {n}", "s", none))
        out.append(Figure("rebuild_edit_one", f"Editar um playbook e reconstruir, {n} (base: sem mudança)", "s",
                          edit, none, "razão ≤ 1,5", bool(edit and none and edit <= 1.5 * none)))
        pages_written = [p for p in incremental["edit_written"] if p.endswith(".html")]
        out.append(Figure("edit_pages_written", "Páginas HTML gravadas após editar um", "páginas",
                          len(pages_written), None, "só as que mostram o playbook", None, ", ".join(pages_written)))
    if check:
        n = check["n"]
        everything = median_of(runs, "check-all", n)
        one = median_of(runs, "check-one", 1)
        out.append(Figure("check_all", f"make check em {n} playbooks", "s", everything, None, "≤ 8 s",
                          everything is not None and everything <= 8))
        out.append(Figure("check_one", "make check em um arquivo (com a partida)", "s", one, None, "< 1 s",
                          one is not None and one < 1))
        report = median_of(runs, "report-all", n)
        out.append(Figure("report_all", f"make report em {n} playbooks (base: make check nos mesmos)", "s",
                          report, everything, "razão ≤ 1,05 (não mais lento; até 5% é ruído)",
                          report is not None and everything is not None and report <= 1.05 * everything))
    if search and "error" not in search:
        kb = search["first_download_bytes"] / 1024
        out.append(Figure("search_first_kb", f"Primeira busca em {search['n']}: bytes baixados (gzip)", "KB",
                          round(kb, 1), None, "≤ 300 KB", kb <= 300,
                          json.dumps(search["first_download_by_kind"])))
        answer = search["answer_ms_median"]
        out.append(Figure("search_answer_ms", "Resposta de uma busca depois disso (até o 1º resultado)", "ms",
                          answer, None, "< 100 ms", answer is not None and answer < 100,
                          f"cálculo da consulta: {search['query_compute_ms_median']} ms"))
        out.append(Figure("search_new_page_ms", "Nova busca pelo formulário (página recarregada, cache quente)",
                          "ms", search["new_search_page_ms_median"]))
        long = search.get("long_answer_first_ms", search.get("long_answer_ms_median"))
        if long is not None:
            out.append(Figure("search_long_ms", f"Busca de {search['long_query_words']} palavras (chamado colado), "
                              "até o 1º resultado", "ms", long, None, "< 100 ms", long < 100,
                              f"lendo as páginas dos {RANKING['phrase_pages']} melhores para as frases exatas; "
                              f"cálculo da ordem: {search['long_compute_ms_median']} ms"))
        header = search.get("header")
        if header:
            out.append(Figure("page_first_visit_kb", "Página de um playbook aberta sem buscar: bytes baixados (gzip)",
                              "KB", round(header["page_bytes"] / 1024, 1), None, "", None,
                              f"{header['page_files']} arquivos; a busca baixa "
                              f"{round(header['first_search_bytes'] / 1024)} KB na 1ª tecla"))
            out.append(Figure("header_first_list_ms", f"Busca do cabeçalho em {search['n']}: 1ª lista após a pausa",
                              "ms", header["first_list_ms"], None, "≤ 300 ms", header["first_list_ms"] <= 300,
                              "índice carregado a partir da 1ª tecla (40 ms por tecla)"))
            out.append(Figure("header_later_list_ms", "Busca do cabeçalho: listas seguintes após a pausa", "ms",
                              header["later_list_ms_median"]))
    return out


def table(rows: list[Figure]) -> str:
    lines = ["| medida | manual | base | razão | meta | ok |", "| --- | ---: | ---: | ---: | --- | --- |"]
    notes = []
    for row in rows:
        ok = {True: "sim", False: "**não**", None: ""}[row.ok]
        lines.append(f"| {row.label} | {_fmt(row.value, row.unit)} | {_fmt(row.baseline, row.unit)} | "
                     f"{_fmt(row.ratio) if row.ratio else '—'} | {row.target} | {ok} |")
        if row.note:
            notes.append(f"- {row.label}: {row.note}")
    return "\n".join(lines + ([""] + notes if notes else []))


def machine() -> dict:
    info = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        info["cpu"] = model.group(1).strip() if model else platform.processor()
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        info["memory_gb"] = round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None
    except OSError:
        pass
    try:
        import sphinx
        info["sphinx"] = sphinx.__version__
    except ImportError:
        pass
    return info


def parse_sizes(text: str | None, default) -> list[int]:
    if text is None or not text.strip():
        return list(default)
    if text.strip() in {"0", "none", "nenhum"}:
        return []
    sizes = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().replace("_", "").replace(".", "")
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise SystemExit(f"tamanho inválido em BENCH_N: {part!r} (use números separados por vírgula)")
        sizes.append(int(part))
    return sorted(set(sizes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_N"))
    parser.add_argument("--baseline-sizes", default=os.environ.get("BENCH_BASELINE_N"))
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT") or 3))
    parser.add_argument("--seed", default=os.environ.get("BENCH_SEED") or corpus.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("BENCH_OUT") or PROJECT / "_build" / "bench"))
    parser.add_argument("--pen-wiki", type=Path, default=corpus.DEFAULT_PEN_WIKI)
    parser.add_argument("--no-search", action="store_true", default=os.environ.get("BENCH_SEARCH") == "0")
    parser.add_argument("--search-result", default=os.environ.get("BENCH_SEARCH_RESULT") or RESULT_SELECTOR)
    args = parser.parse_args(argv)

    sizes = parse_sizes(args.sizes, DEFAULT_SIZES)
    if not sizes:
        raise SystemExit("BENCH_N não tem nenhum tamanho")
    baseline_sizes = [n for n in sizes if n <= BASELINE_LIMIT] if args.baseline_sizes is None \
        else parse_sizes(args.baseline_sizes, ())
    missing = [n for n in baseline_sizes if n not in sizes]
    if missing:
        raise SystemExit(f"BENCH_BASELINE_N tem tamanhos fora de BENCH_N: {missing}")
    work = args.out.resolve()
    for folder in ("corpus", "baseline", "out", "logs"):
        shutil.rmtree(work / folder, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)

    bench = Bench(work, sizes, baseline_sizes, args.repeat, args.seed, args.pen_wiki,
                  not args.no_search, args.search_result)
    started = datetime.datetime.now().astimezone()
    print(f"Benchmark do manual: N = {sizes}, base em {baseline_sizes or 'nenhum'}, "
          f"{bench.repeat} rodada(s); carga {os.getloadavg()[0]:.2f}", flush=True)
    try:
        bench.prepare()
    except (FileNotFoundError, ValueError) as error:
        print(f"Não foi possível gerar os playbooks: {error}", file=sys.stderr)
        return 2
    bench.full_builds()
    middle_ok = any(r.case == "handbook-j1" and r.n == bench.middle_size() and r.rc == 0 for r in bench.runs)
    incremental = bench.incremental() if middle_ok else None
    check = bench.check()
    pages = bench.pages()
    search = bench.search_figures() if middle_ok else None
    rows = figures(bench, incremental, check, pages, search)
    finished = datetime.datetime.now().astimezone()
    loads = [r.load_before for r in bench.runs] + [r.load_after for r in bench.runs]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "minutes": round((finished - started).total_seconds() / 60, 1),
        "machine": machine(),
        "load_average": {"min": min(loads, default=None), "max": max(loads, default=None)},
        "config": {"sizes": sizes, "baseline_sizes": baseline_sizes, "repeat": bench.repeat, "seed": args.seed},
        "figures": [asdict(row) | {"ratio": row.ratio} for row in rows],
        "runs": [asdict(run) for run in bench.runs],
        "incremental": incremental,
        "check": check,
        "pages": pages,
        "search": search,
        "children_cpu_seconds": round(children.ru_utime + children.ru_stime, 1),
        "failed": bench.failed,
    }
    text = table(rows)
    info = result["machine"]
    header = (f"Medido em {started:%d/%m/%Y %H:%M} numa máquina de {info.get('cpus')} núcleos "
              f"({info.get('cpu', '?')}), {info.get('memory_gb', '?')} GB, Python {info.get('python')}, "
              f"Sphinx {info.get('sphinx', '?')}; carga média de {result['load_average']['min']:.2f} a "
              f"{result['load_average']['max']:.2f} durante a medição; {result['minutes']} min no total.")
    payload = json.dumps(result, ensure_ascii=False, indent=2)
    atomic.write_text(work / "results.json", payload + "\n")
    atomic.write_text(work / f"results-{started:%Y%m%d-%H%M%S}.json", payload + "\n")
    atomic.write_text(work / "table.md", header + "\n\n" + text + "\n")
    print()
    print(header)
    print()
    print(text)
    print(f"\nResultados: {work / 'results.json'} e {work / 'table.md'}")
    if bench.failed:
        print("Houve falhas: veja os registros em " + str(work / "logs"))
    return 1 if bench.failed else 0


if __name__ == "__main__":
    sys.exit(main())
