"""Turn finished PDFs into a record of what each was made from: ``out/.handouts-manifest.json`` holds, for every
PDF, the files (and parts of files) it read and one hash over them, the code and the options, with the file's
size and time. Each PDF is recorded as soon as it is in place, by one line appended to a journal; the journal is
folded into the manifest when the build ends, so the record never claims more than is on disk and a chain of
10,000 PDFs is not rewritten for every one."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handouts.build.output import write_atomic
from handouts.load.reads import Dep

MANIFEST = ".handouts-manifest.json"
JOURNAL = ".handouts-manifest.journal"
MANIFEST_VERSION = 3


@dataclass(frozen=True)
class Entry:
    inputs: str  # hash over code, options and every read
    deps: tuple[str, ...]  # what was read, as "path" or "path#part"
    size: int
    mtime_ns: int
    clinic: str
    location: str
    document: str
    lang: str
    paper: str
    edition: str

    def to_json(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "deps": list(self.deps), "size": self.size, "mtime_ns": self.mtime_ns,
                "clinic": self.clinic, "location": self.location, "document": self.document, "lang": self.lang,
                "paper": self.paper, "edition": self.edition}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(str(data["inputs"]), tuple(map(str, data["deps"])), int(data["size"]), int(data["mtime_ns"]),
                   str(data["clinic"]), str(data["location"]), str(data["document"]), str(data["lang"]),
                   str(data["paper"]), str(data["edition"]))

    def dep_list(self) -> list[Dep]:
        return [Dep.parse(d) for d in self.deps]


class Manifest:
    """The record of one output folder: entries by output path (relative to the folder)."""

    def __init__(self, out: Path):
        self.out = out
        self.path = out / MANIFEST
        self.journal = out / JOURNAL
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self._journal_fh: Any = None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == MANIFEST_VERSION:
                deps = data.get("deps", [])
                for key, raw in data.get("outputs", {}).items():
                    raw = dict(raw, deps=[deps[i] for i in raw["deps"]])
                    self.entries[key] = Entry.from_json(raw)
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            self.entries = {}
        self._replay()

    def _replay(self) -> None:
        """Entries a build recorded in the journal but did not fold in (it was stopped)."""
        try:
            lines = self.journal.read_text(encoding="utf-8").splitlines()
        except OSError:
            return
        for line in lines:
            try:
                record = json.loads(line)
                if record.get("forget"):
                    self.entries.pop(record["key"], None)
                else:
                    self.entries[record["key"]] = Entry.from_json(record["entry"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short when the build was killed
            self.dirty = True

    def current(self, key: str, inputs: str) -> bool:
        entry = self.entries.get(key)
        if entry is None or entry.inputs != inputs:
            return False
        try:
            st = (self.out / key).stat()
        except OSError:
            return False
        return st.st_size == entry.size and st.st_mtime_ns == entry.mtime_ns

    def _append(self, record: dict[str, Any]) -> None:
        if self._journal_fh is None:
            self.out.mkdir(parents=True, exist_ok=True)
            self._journal_fh = self.journal.open("a", encoding="utf-8")
        self._journal_fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._journal_fh.flush()
        self.dirty = True

    def record(self, key: str, entry: Entry) -> None:
        """Record a PDF that is in place."""
        self.entries[key] = entry
        self._append({"key": key, "entry": entry.to_json()})

    def forget(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            self._append({"key": key, "forget": True})

    def save(self) -> None:
        """Fold the journal into the manifest (written atomically), then remove the journal."""
        if self._journal_fh is not None:
            self._journal_fh.close()
            self._journal_fh = None
        if not self.dirty:
            return
        table: dict[str, int] = {}
        outputs = {}
        for key, entry in sorted(self.entries.items()):
            data = entry.to_json()
            data["deps"] = [table.setdefault(d, len(table)) for d in entry.deps]
            outputs[key] = data
        text = json.dumps({"version": MANIFEST_VERSION, "deps": list(table), "outputs": outputs},
                          separators=(",", ":"), ensure_ascii=False)
        write_atomic(self.path, text.encode("utf-8"))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.journal)
        self.dirty = False
