"""Checked questionnaires kept between runs: used only from a private folder, never when bad."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.files import cache
from assess.files import questionnaires as found
from assess.files.bundled import bundled_dir
from assess.files.questionnaires import Origin, parse_questionnaire

BUNDLED = bundled_dir("questionnaires") / "cyberposture-1.0.yaml"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's temporary folder moved under tmp_path, so the cache starts empty."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("assess-cache-*/questionnaire-*.pickle"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the questionnaire was parsed again")

    monkeypatch.setattr(found, "load_yaml", refuse)


def test_a_checked_questionnaire_is_kept_and_read_back_the_same(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = BUNDLED.read_bytes()
    first = parse_questionnaire(BUNDLED, raw, Origin.bundled)
    (entry,) = _entries(cache_folder)
    assert entry.parent.stat().st_mode & 0o777 == 0o700
    _no_parsing(monkeypatch)
    again = parse_questionnaire(BUNDLED, raw, Origin.bundled)
    assert again.questionnaire == first.questionnaire
    assert again.questionnaire.model_dump_json() == first.questionnaire.model_dump_json()


def test_an_entry_in_a_folder_others_can_reach_is_not_read(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = BUNDLED.read_bytes()
    real = parse_questionnaire(BUNDLED, raw, Origin.bundled).questionnaire
    (entry,) = _entries(cache_folder)
    planted = real.model_copy(update={"title": "Planted by someone else"})
    entry.write_bytes(pickle.dumps(planted))
    entry.parent.chmod(0o755)
    assert parse_questionnaire(BUNDLED, raw, Origin.bundled).questionnaire.title == real.title
    # The same entry in a private folder is read: the folder's permissions are what refused it.
    entry.parent.chmod(0o700)
    entry.write_bytes(pickle.dumps(planted))
    assert parse_questionnaire(BUNDLED, raw, Origin.bundled).questionnaire.title == planted.title


def test_a_torn_entry_is_built_again_and_replaced(cache_folder: Path) -> None:
    raw = BUNDLED.read_bytes()
    real = parse_questionnaire(BUNDLED, raw, Origin.bundled).questionnaire
    (entry,) = _entries(cache_folder)
    entry.write_bytes(pickle.dumps(real)[:1000])
    assert parse_questionnaire(BUNDLED, raw, Origin.bundled).questionnaire == real
    assert pickle.loads(entry.read_bytes()) == real


def test_a_questionnaire_with_a_problem_is_never_kept(
    cache_folder: Path, write_yaml: Callable[..., Path]
) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace("dimensions:", "dimension:", 1)
    path = write_yaml(text, "cyberposture-1.0.yaml")
    for _ in range(2):
        with pytest.raises(AssessError, match="dimension"):
            parse_questionnaire(path, path.read_bytes(), Origin.given)
    assert _entries(cache_folder) == []


def test_an_edit_to_the_reference_data_makes_a_new_entry(cache_folder: Path) -> None:
    """A questionnaire accepted against yesterday's list of a law's articles is checked again."""
    raw = BUNDLED.read_bytes()
    parse_questionnaire(BUNDLED, raw, Origin.bundled)
    data = Path(cache.__file__).parent.parent / "data" / "references" / "pipl-2021.json"
    before = data.stat()
    try:
        os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        cache._fingerprint.cache_clear()
        parse_questionnaire(BUNDLED, raw, Origin.bundled)
        assert len(_entries(cache_folder)) == 2
    finally:
        os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
        cache._fingerprint.cache_clear()
