"""Turn finished PDFs into a record of what each was made from: ``out/.handouts-manifest.json`` holds, for every
PDF, the files (and parts of files) it read and one hash over them, the code and the options, with the file's
size and time and a digest of its bytes. Each PDF is recorded as soon as it is in place, by one line appended to
a journal; the journal is folded into the manifest when the build ends, so the record never claims more than is
on disk and a chain of 10,000 PDFs is not rewritten for every one. A shard of a build (``--shard I/N``) keeps its
own manifest beside the main one; ``merge`` folds them all in, so the next build is incremental across shards,
also when the shards ran on other machines and their files were copied here."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from handouts.batch.output import write_atomic
from handouts.load.reads import Dep

MANIFEST = ".handouts-manifest.json"
MANIFEST_VERSION = 4
DIGEST_KEPT = 16  # hex digits of each read's digest an entry keeps: enough to tell a change
SHARD_MANIFEST = ".handouts-manifest.shard-{index}-of-{count}.json"


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
    sha256: str = ""  # of the PDF's bytes
    # What each read saw (the start of its digest), in the order of ``deps``: an overflow names the blocks whose
    # text changed since this build.
    digests: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "deps": list(self.deps), "size": self.size, "mtime_ns": self.mtime_ns,
                "clinic": self.clinic, "location": self.location, "document": self.document, "lang": self.lang,
                "paper": self.paper, "edition": self.edition, "sha256": self.sha256, "digests": list(self.digests)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(str(data["inputs"]), tuple(map(str, data["deps"])), int(data["size"]), int(data["mtime_ns"]),
                   str(data["clinic"]), str(data["location"]), str(data["document"]), str(data["lang"]),
                   str(data["paper"]), str(data["edition"]), str(data.get("sha256", "")),
                   tuple(map(str, data.get("digests", ()))))

    def read_digest(self, dep: str) -> str | None:
        """What the build read from ``dep`` (the start of its digest), if it read it."""
        if dep in self.deps and len(self.digests) == len(self.deps):
            return self.digests[self.deps.index(dep)]
        return None

    def dep_list(self) -> list[Dep]:
        return [Dep.parse(d) for d in self.deps]


def read_entries(path: Path) -> dict[str, Entry]:
    """The entries of one manifest file ({} if there is none, or it is of another version or damaged)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != MANIFEST_VERSION:
            return {}
        deps, digests = data.get("deps", []), data.get("digests", [])
        return {key: Entry.from_json(dict(raw, deps=[deps[i] for i in raw["deps"]],
                                          digests=[digests[i] for i in raw.get("digests", [])]))
                for key, raw in data.get("outputs", {}).items()}
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return {}


class Manifest:
    """The record of one output folder: entries by output path (relative to the folder)."""

    def __init__(self, out: Path, shard: tuple[int, int] | None = None):
        """The manifest of ``out``; a shard's (index, count) reads the main manifest and writes its own."""
        self.out = out
        self.path = out / (SHARD_MANIFEST.format(index=shard[0], count=shard[1]) if shard else MANIFEST)
        self.journal = self.path.with_suffix(".journal")
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self._journal_fh: Any = None
        if shard:
            self.entries.update(read_entries(out / MANIFEST))
        self.entries.update(read_entries(self.path))
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
        digest_table: dict[str, int] = {}
        outputs = {}
        for key, entry in sorted(self.entries.items()):
            data = entry.to_json()
            data["deps"] = [table.setdefault(d, len(table)) for d in entry.deps]
            data["digests"] = [digest_table.setdefault(d, len(digest_table)) for d in entry.digests]
            outputs[key] = data
        text = json.dumps({"version": MANIFEST_VERSION, "deps": list(table), "digests": list(digest_table),
                           "outputs": outputs}, separators=(",", ":"), ensure_ascii=False)
        write_atomic(self.path, text.encode("utf-8"))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.journal)
        self.dirty = False


def merge(out: Path) -> tuple[int, list[str]]:
    """Fold every shard manifest in ``out`` (and its journal) into the main manifest. An entry is kept if its
    PDF is there with the bytes it recorded (files copied from other machines get their own size and time);
    returns how many entries the manifest holds and the PDFs left out (missing or changed)."""
    main = Manifest(out)
    shards = sorted(out.glob(SHARD_MANIFEST.format(index="*", count="*")))
    for path in shards:
        index, count = (int(x) for x in path.name.split("shard-")[1].removesuffix(".json").split("-of-"))
        main.entries.update(Manifest(out, (index, count)).entries)
    left_out = []
    for key, entry in sorted(main.entries.items()):
        target = out / key
        try:
            data = target.read_bytes()
            st = target.stat()
        except OSError:
            left_out.append(key)
            del main.entries[key]
            continue
        if entry.sha256 and hashlib.sha256(data).hexdigest() != entry.sha256:
            left_out.append(key)
            del main.entries[key]
            continue
        main.entries[key] = replace(entry, size=st.st_size, mtime_ns=st.st_mtime_ns)
    main.dirty = True
    main.save()
    for path in shards:
        path.unlink(missing_ok=True)
        path.with_suffix(".journal").unlink(missing_ok=True)
    return len(main.entries), left_out
