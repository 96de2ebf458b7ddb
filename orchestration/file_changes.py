"""Which files in a folder are new or changed since the last look, by content hash.

Sensors keep the returned fingerprints as their cursor; feed ingestion keeps them in its
load audit. Size and modification time decide whether a file needs hashing again, so a
quiet folder of large feeds costs a `stat` per file, not a read; the content hash decides
whether it really changed, so touching a file or copying the same bytes again triggers
nothing. (Like make and rsync, this trusts that a rewrite changes size or mtime.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Fingerprint:
    size: int
    modified_ns: int
    sha256: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint(path: Path, previous: Fingerprint | None = None) -> Fingerprint:
    """The file's fingerprint, reusing `previous`'s hash when size and mtime are unchanged."""
    # stat before reading: a write during hashing leaves a newer mtime, hashed next time.
    stat = path.stat()
    if previous and (previous.size, previous.modified_ns) == (stat.st_size, stat.st_mtime_ns):
        return previous
    return Fingerprint(stat.st_size, stat.st_mtime_ns, _sha256(path))


def fingerprint_folder(folder: Path, previous: dict[str, Fingerprint]) -> dict[str, Fingerprint]:
    """Fingerprints of every file under `folder` (relative paths), reusing unchanged hashes."""
    current = {}
    if not folder.is_dir():
        return current
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        name = path.relative_to(folder).as_posix()
        current[name] = fingerprint(path, previous.get(name))
    return current


def changed_files(previous: dict[str, Fingerprint], current: dict[str, Fingerprint]) -> list[str]:
    """Files added, changed in content, or removed."""
    names = previous.keys() | current.keys()
    return sorted(
        name
        for name in names
        if (previous.get(name) and previous[name].sha256) != (current.get(name) and current[name].sha256)
    )


def encode(fingerprints: dict[str, Fingerprint]) -> dict[str, list]:
    return {name: [f.size, f.modified_ns, f.sha256] for name, f in fingerprints.items()}


def decode(raw: dict[str, list]) -> dict[str, Fingerprint]:
    return {name: Fingerprint(*values) for name, values in raw.items()}
