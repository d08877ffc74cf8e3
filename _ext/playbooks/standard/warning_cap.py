"""How many reports of one subtype a file shows: the first N, then one line with the total.

The one implementation of ``playbook_max_warnings_per_subtype``, used by the build
(collect/warnings.py, as reports arrive one by one) and by ``make check``
(writers/check.py, on a file's list of reports).  Counting never drops a rule: what is
held back still counts in the total, in ``make check``'s exit status and in ``-W``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

#: playbook_max_warnings_per_subtype's default.
DEFAULT_LIMIT = 50


def summary(hidden: int, total: int, limit: int) -> str:
    """The line that stands for the reports held back."""
    return (f"mais {hidden} aviso(s) deste tipo neste arquivo não mostrado(s): {total} no total "
            f"(limite por tipo e arquivo: playbook_max_warnings_per_subtype = {limit})")


@dataclass
class Overflow:
    """A (file, subtype) over the limit: ``total`` reports, ``total - limit`` held back."""

    file: str
    subtype: str
    total: int
    limit: int
    location: object  # what the caller gave with the file's first report

    @property
    def message(self) -> str:
        return summary(self.total - self.limit, self.total, self.limit)


class SubtypeCap:
    """Counts reports per (file, subtype) and says which ones are shown."""

    def __init__(self, limit: int = DEFAULT_LIMIT):
        self.limit = max(int(limit), 0)
        self._counts: dict[tuple[str, str], list] = {}  # (file, subtype) -> [count, location]

    def admit(self, file: str, subtype: str, location: object = None) -> bool:
        """Count one report; True when it is among the first ``limit`` of its file and subtype."""
        count = self._counts.setdefault((file, subtype), [0, location])
        count[0] += 1
        return count[0] <= self.limit

    def overflows(self, file: str | None = None) -> Iterator[Overflow]:
        """Each (file, subtype) counted over the limit (``file``: that file only), once: its
        count starts again."""
        for key in [k for k in self._counts if file is None or k[0] == file]:
            total, location = self._counts.pop(key)
            if total > self.limit:
                yield Overflow(key[0], key[1], total, self.limit, location)


def cap(reports: list, limit: int, subtype_of, file_of=lambda report: "", counts=lambda report: True) -> list:
    """``reports`` with the first ``limit`` of each (file, subtype) kept in order, and the
    :class:`Overflow` of each one over the limit after them.  ``counts(report)`` False: the
    report is always shown and not counted (a problem outside the registry)."""
    capper = SubtypeCap(limit)
    shown: list = [r for r in reports if not counts(r) or capper.admit(file_of(r), subtype_of(r), r)]
    return shown + list(capper.overflows())
