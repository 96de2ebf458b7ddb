"""Change detection for the file sensors: content decides, not timestamps."""

import os

from orchestration.file_changes import changed_files, decode, encode, fingerprint_folder


def test_new_changed_and_removed_files_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("two")
    first = fingerprint_folder(tmp_path, {})

    (tmp_path / "a.txt").write_text("one, revised")
    (tmp_path / "b.txt").unlink()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("three")
    second = fingerprint_folder(tmp_path, first)

    assert changed_files(first, second) == ["a.txt", "b.txt", "sub/c.txt"]


def test_touching_or_rewriting_the_same_bytes_changes_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("same")
    first = fingerprint_folder(tmp_path, {})
    path.write_text("same")
    os.utime(path, ns=(1, 1))

    assert changed_files(first, fingerprint_folder(tmp_path, first)) == []


def test_fingerprints_survive_the_cursor_round_trip(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    fingerprints = fingerprint_folder(tmp_path, {})
    assert decode(encode(fingerprints)) == fingerprints


def test_a_missing_folder_has_no_files(tmp_path):
    assert fingerprint_folder(tmp_path / "absent", {}) == {}
