"""The session index: in step with saves and imports, rebuilt when broken, and the files the truth."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.domain import session_index
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.bank_source import BankSource, bank_content_hash
from cocreate_tui.domain.exchange import import_files
from cocreate_tui.domain.phrases import Phrase
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.session_index import INDEX_NAME, SessionIndex
from cocreate_tui.domain.sessions import Session, session_to_json
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .platform_guards import modes_only, symlinks
from .session_helpers import T0
from .tiny_bank import write_tiny_bank


@pytest.fixture(autouse=True)
def _no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files written by a test are seconds old at most, so every one would count as "read too
    # soon after a change" and be read again; the racy tests turn the window back on.
    monkeypatch.setattr(session_index.rows, "RACY_NS", 0)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_tiny_bank(tmp_path / "bank")


@pytest.fixture
def bank(bank_dir: Path) -> Bank:
    return load_bank(bank_dir)


@pytest.fixture
def store(data: Path, bank: Bank) -> SessionStore:
    return SessionStore(data, bank=bank)


def team(bank: Bank, name: str, answers: dict[str, int | str], days: int = 0, **kw: str) -> Session:
    return build(bank, answers, team=name, days=days, **kw)  # type: ignore[arg-type]


def three(store: SessionStore, bank: Bank) -> list[Session]:
    """Three saved sessions, oldest first: Larvik, Ås (Kari alone), Østre Toten."""
    sessions = [
        team(bank, "Larvik NAV", {"anchor_up": 3, "anchor_across": 2, "calendar": 2}, 0),
        team(bank, "Ås kommune", {"anchor_up": 0, "calendar": 1}, 1, respondent="Kari"),
        team(bank, "Østre Toten", {"anchor_up": 4, "anchor_across": 4, "calendar": 3}, 2),
    ]
    for session in sessions:
        store.save(session)
    return sessions


def expected_scores(bank: Bank, session: Session) -> tuple[str, float | None]:
    assessment = assess(bank, session.answer_values())
    overall = None if assessment.overall is None else round(assessment.overall, 1)
    return assessment.level, overall


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def rewrite(path: Path, session: Session) -> None:
    """Replace a session file behind the index's back, in place, as an editor would."""
    before = path.stat().st_mtime_ns
    path.write_text(session_to_json(session), encoding="utf-8")
    # A clock tick can be coarser than a test is fast: make the mtime differ explicitly (into
    # the past, since a file dated in the future is never trusted to be unchanged).
    os.utime(path, ns=(before - 10**9, before - 10**9))


# --- kept in step with saves and imports ---------------------------------------------------------


def test_a_save_is_in_the_index_at_once(store: SessionStore, bank: Bank) -> None:
    sessions = three(store, bank)

    rows = store.index.query()

    assert [row.id for row in rows] == [s.id for s in reversed(sessions)]
    assert store.index.refresh().read == 0  # each save recorded its file's stamp
    for row, session in zip(rows, reversed(sessions), strict=True):
        assert (row.level, row.overall) == expected_scores(bank, session)
        assert row.total == len(bank.questions)
        assert row.answered == len(session.answer_values())


def test_saving_again_updates_the_row(store: SessionStore, bank: Bank) -> None:
    [_, aas, _] = three(store, bank)
    changed = aas.with_answer("anchor_up", 4, now=T0 + timedelta(days=5))
    store.save(changed)

    [first] = store.index.query(limit=1)

    assert (first.id, first.answered) == (aas.id, 2)
    assert (first.level, first.overall) == expected_scores(bank, changed)
    assert store.index.count() == 3


def test_an_import_is_in_the_index_at_once(tmp_path: Path, store: SessionStore, bank: Bank) -> None:
    sent = tmp_path / "sent.json"
    session = team(bank, "Sendt fra Horten", {"anchor_up": 2})
    sent.write_text(session_to_json(session), encoding="utf-8")

    report = import_files(store, [sent])

    assert report.ok
    assert [row.team for row in store.index.query()] == ["Sendt fra Horten"]
    assert store.index.refresh().read == 0


def test_a_store_without_a_bank_leaves_the_scores_to_the_next_refresh(
    data: Path, bank: Bank
) -> None:
    session = team(bank, "Larvik", {"anchor_up": 3, "anchor_across": 4, "calendar": 3})
    unscoring = SessionStore(data)
    unscoring.save(session)
    unscoring.index.close()  # its window closed: what it saved is in the index
    index = SessionIndex(data, bank)
    assert index.query()[0].level is None

    report = index.refresh()

    assert report.rescored == 1
    assert (index.query()[0].level, index.query()[0].overall) == expected_scores(bank, session)


def test_a_file_read_without_a_bank_is_scored_by_the_next_refresh_with_one(
    data: Path, store: SessionStore, bank: Bank
) -> None:
    [larvik, _, _] = three(store, bank)
    store.index.record_pending()  # before another index looks
    changed = larvik.with_answer("calendar", 3)
    rewrite(store.path_for(larvik.id), changed)
    SessionStore(data).list()  # read again, by a store that has no bank to score with

    assert SessionIndex(data, bank).refresh().rescored == 1
    [row] = [row for row in store.index.query() if row.id == larvik.id]
    assert (row.level, row.overall) == expected_scores(bank, changed)


# --- rebuilt when missing, corrupt or outdated ----------------------------------------------------


def test_a_missing_index_is_rebuilt_from_the_files(
    data: Path, store: SessionStore, bank: Bank
) -> None:
    sessions = three(store, bank)
    store.index.close()
    (data / INDEX_NAME).unlink()

    index = SessionIndex(data, bank)
    report = index.refresh()

    assert report.rebuilt and report.read == 3
    assert {row.id for row in index.query()} == {s.id for s in sessions}


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage, not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["empty", "garbage", "bad header"],
)
def test_a_corrupt_index_is_replaced_and_rebuilt(
    data: Path, store: SessionStore, bank: Bank, damage: bytes
) -> None:
    sessions = three(store, bank)
    store.index.close()
    (data / INDEX_NAME).write_bytes(damage)
    before = digests(store.directory)

    index = SessionIndex(data, bank)
    index.refresh()

    assert {row.id for row in index.query()} == {s.id for s in sessions}
    assert digests(store.directory) == before
    with sqlite3.connect(data / INDEX_NAME) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_index_of_another_version_is_rebuilt(
    data: Path, store: SessionStore, bank: Bank
) -> None:
    three(store, bank)
    store.index.close()
    with sqlite3.connect(data / INDEX_NAME) as old:
        old.execute("PRAGMA user_version = 99")

    index = SessionIndex(data, bank)
    report = index.refresh()

    assert report.rebuilt and index.count() == 3


def test_a_page_read_from_a_damaged_index_heals_it(
    data: Path, store: SessionStore, bank: Bank
) -> None:
    three(store, bank)
    store.index.close()
    (data / INDEX_NAME).write_bytes(b"garbage" * 1000)

    # No refresh first: the read finds the damage, rebuilds from the files, and answers.
    assert SessionIndex(data, bank).count() == 3


# --- files changed behind the index's back --------------------------------------------------------


def test_a_file_edited_behind_its_back_is_read_again(store: SessionStore, bank: Bank) -> None:
    [larvik, _, _] = three(store, bank)
    renamed = larvik.model_copy(
        update={"meta": larvik.meta.model_copy(update={"team": "Larvik kommune, NAV"})}
    )
    rewrite(store.path_for(larvik.id), renamed)

    report = store.index.refresh()

    assert (report.read, report.removed) == (1, 0)
    [row] = [row for row in store.index.query() if row.id == larvik.id]
    assert row.team == "Larvik kommune, NAV"


def test_added_and_removed_files_are_noticed(
    tmp_path: Path, store: SessionStore, bank: Bank
) -> None:
    [larvik, aas, _] = three(store, bank)
    store.index.record_pending()
    other = SessionStore(tmp_path / "elsewhere")
    added = team(bank, "Holmestrand", {"calendar": 2}, 3)
    other.save(added)
    os.replace(other.path_for(added.id), store.path_for(added.id))
    store.path_for(larvik.id).unlink()

    report = store.index.refresh()

    assert (report.read, report.removed) == (1, 1)
    assert larvik.id not in {row.id for row in store.index.query()}
    assert store.index.query(limit=1)[0].id == added.id
    assert store.index.query(limit=1, offset=1)[0].id != larvik.id
    assert aas.id in {row.id for row in store.index.query()}


def test_a_fresh_index_reads_no_file(store: SessionStore, bank: Bank) -> None:
    three(store, bank)
    store.index.refresh()

    assert store.index.refresh() == session_index.RefreshReport()


def test_a_file_read_just_after_it_changed_is_read_once_more(
    store: SessionStore, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    [larvik, _, _] = three(store, bank)
    store.index.record_pending()  # recorded while not racy
    rewrite(store.path_for(larvik.id), larvik.model_copy(update={"status": "complete"}))
    monkeypatch.setattr(session_index.rows, "RACY_NS", 10**18)  # every change counts as just now
    assert store.index.refresh().read == 1

    # A second edit in the same clock tick, of the same size, would leave the stamp as it was;
    # so the file is read again, until it has been quiet for a while.
    assert store.index.refresh().read == 1
    monkeypatch.setattr(session_index.rows, "RACY_NS", 0)
    assert store.index.refresh().read == 1
    assert store.index.refresh().read == 0


def test_refreshing_never_touches_a_session_file(store: SessionStore, bank: Bank) -> None:
    three(store, bank)
    (store.directory / f"{'b' * 32}.json").write_bytes(b"{broken")
    before = digests(store.directory)
    stamps = {p.name: p.stat().st_mtime_ns for p in store.directory.iterdir()}
    store.index.close()
    (store.index.path).unlink()

    SessionIndex(store.index.path.parent, bank).refresh()

    assert digests(store.directory) == before
    assert {p.name: p.stat().st_mtime_ns for p in store.directory.iterdir()} == stamps


# --- broken files ----------------------------------------------------------------------------------


def test_broken_files_are_listed_with_their_reason_and_not_read_again(
    store: SessionStore, bank: Bank
) -> None:
    three(store, bank)
    (store.directory / f"{'b' * 32}.json").write_bytes(b"{broken")
    (store.directory / "notes.json").write_text("[1, 2]", encoding="utf-8")

    report = store.index.refresh()

    assert report.read == 2
    unreadable = {item.path.name: item.reason for item in store.index.unreadable()}
    assert set(unreadable) == {f"{'b' * 32}.json", "notes.json"}
    assert unreadable["notes.json"].startswith("not a session")
    assert store.index.count() == 3
    assert store.index.refresh().read == 0


def test_a_repaired_file_moves_from_unreadable_to_the_sessions(
    store: SessionStore, bank: Bank
) -> None:
    session = team(bank, "Reparert", {"anchor_up": 1})
    path = store.path_for(session.id)
    store.directory.mkdir(parents=True)
    path.write_bytes(b"{broken")
    store.index.refresh()
    assert [item.path for item in store.index.unreadable()] == [path]

    rewrite(path, session)
    store.index.refresh()

    assert store.index.unreadable() == []
    assert [row.team for row in store.index.query()] == ["Reparert"]


def test_a_session_whose_file_changed_id_becomes_unreadable(
    store: SessionStore, bank: Bank
) -> None:
    [larvik, _, _] = three(store, bank)
    other = team(bank, "Annen", {"anchor_up": 1})
    rewrite(store.path_for(larvik.id), other)  # now holds another id than its name says

    store.index.refresh()

    assert larvik.id not in {row.id for row in store.index.query()}
    [item] = store.index.unreadable()
    assert "does not match the session id" in item.reason


@symlinks
def test_a_symbolic_link_is_unreadable_and_never_followed(
    tmp_path: Path, store: SessionStore, bank: Bank
) -> None:
    outside = tmp_path / "outside.json"
    session = team(bank, "Utenfor", {"anchor_up": 2})
    outside.write_text(session_to_json(session), encoding="utf-8")
    store.directory.mkdir(parents=True)
    link = store.path_for(session.id)
    link.symlink_to(outside)

    store.index.refresh()

    assert store.index.count() == 0
    assert [(item.path, item.reason) for item in store.index.unreadable()] == [
        (link, Phrase("file_reason_symlink"))
    ]


# --- query: filter, sort, pages -------------------------------------------------------------------


def test_filter_matches_fields_and_words_ignoring_case(store: SessionStore, bank: Bank) -> None:
    three(store, bank)

    def teams(text: str, **kw: object) -> list[str]:
        return sorted(row.team for row in store.index.query(text, **kw))  # type: ignore[arg-type]

    assert teams("LARVIK") == ["Larvik NAV"]
    assert teams("nav larvik") == ["Larvik NAV"]
    assert teams("larvik kari") == []
    assert teams("kari") == ["Ås kommune"]  # the respondent
    assert teams("ÅS") == ["Ås kommune"]
    assert teams("horten kommune") == sorted(["Larvik NAV", "Ås kommune", "Østre Toten"])
    assert teams("before inviting") == teams("before_inviting") == teams("")
    assert teams("før", labels={"before_inviting": "Før vi inviterer"}) == teams("")
    assert store.index.count("kari") == 1
    assert store.index.count("nobody") == 0


@pytest.mark.parametrize("text", ["kari", "kommune", "larvik nav", "nobody"])
@pytest.mark.parametrize("key", ["team", "updated_at", "overall", "phase"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_rare_match_read_the_other_way_gives_the_same_page(
    store: SessionStore, bank: Bank, text: str, key: str, descending: bool
) -> None:
    three(store, bank)
    store.index.refresh()
    matching = store.index.count(text)
    for offset in (0, 1, 2):
        usual = store.index.query(text, key, descending, offset, 2)
        # `matching` small against the page: the table is scanned and sorted instead.
        assert store.index.query(text, key, descending, offset, 2, matching=matching) == usual


def test_filter_by_status(store: SessionStore, bank: Bank) -> None:
    [larvik, _, _] = three(store, bank)
    store.save(larvik.with_status("complete", now=larvik.updated_at))

    assert [row.id for row in store.index.query(status="complete")] == [larvik.id]
    assert store.index.count(status="in_progress") == 2
    assert store.index.count("complete") == 1


def test_sort_by_team_in_norwegian_order(store: SessionStore, bank: Bank) -> None:
    three(store, bank)
    store.save(team(bank, "oslo", {"anchor_up": 2}, 4))
    store.save(team(bank, "Ærlig talt", {"anchor_up": 2}, 5))

    ascending = [row.team for row in store.index.query(sort_key="team", descending=False)]

    assert ascending == ["Larvik NAV", "oslo", "Ærlig talt", "Østre Toten", "Ås kommune"]
    descending = [row.team for row in store.index.query(sort_key="team")]
    assert descending == list(reversed(ascending))


def test_sort_by_scores_puts_unscored_last_either_way(store: SessionStore, bank: Bank) -> None:
    three(store, bank)
    store.save(team(bank, "Tom", {}, 6))  # nothing answered: no overall score

    for descending in (True, False):
        rows = store.index.query(sort_key="overall", descending=descending)
        assert rows[-1].team == "Tom"
        scores = [row.overall for row in rows[:-1]]
        assert scores == sorted(scores, reverse=descending)  # type: ignore[type-var]
    levels = [row.level for row in store.index.query(sort_key="level")]
    order = ["thick", "thin", "not_ready", "undetermined"]
    assert levels == sorted(levels, key=lambda level: order.index(level or "undetermined"))


@pytest.mark.parametrize("key", ["level", "overall"])
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("sparse", [False, True])
def test_hidden_sessions_sort_by_score_as_if_they_had_none(
    store: SessionStore, bank: Bank, key: str, descending: bool, sparse: bool
) -> None:
    # A team round's members before the reveal: where they stand must not show in the order.
    larvik, aas, toten = three(store, bank)
    tom = team(bank, "Tom", {}, 6)  # nothing answered: no score
    store.save(tom)
    hidden = {larvik.id, toten.id}  # the highest and the lowest but one
    text = "horten" if sparse else ""  # all in Horten; with `matching` the table is scanned
    matching = store.index.count(text) if sparse else None

    rows = store.index.query(text, key, descending, matching=matching, hidden=hidden)

    plain = store.index.query(text, key, descending)
    scored = [r.id for r in plain if r.id not in hidden and getattr(r, key) is not None]
    unscored = [r.id for r in plain if r.id in hidden or getattr(r, key) is None]
    # The scored as always, then the hidden with the unscored, in the order of their ids alone.
    assert [row.id for row in rows] == scored + sorted(unscored, reverse=descending)
    assert aas.id in scored and {larvik.id, toten.id} <= set(unscored)
    assert store.index.query(text, "team", descending, hidden=hidden) == store.index.query(
        text, "team", descending
    )  # other sorts tell nothing and are left as they are


def test_pages_cover_every_row_once(store: SessionStore, bank: Bank) -> None:
    for day in range(7):
        # Equal times: ties are broken by id, so no row is on two pages.
        store.save(team(bank, f"Team {day % 2}", {"anchor_up": day % 5}, 0))

    for key in session_index.SORT_KEYS:
        pages = [store.index.query(sort_key=key, offset=start, limit=3) for start in (0, 3, 6)]
        ids = [row.id for page in pages for row in page]
        assert sorted(ids) == sorted(row.id for row in store.index.query()), key
        assert [len(page) for page in pages] == [3, 3, 1]


def test_an_unknown_sort_key_is_refused(store: SessionStore) -> None:
    with pytest.raises(ValueError, match="cannot sort by 'nonsense'"):
        store.index.query(sort_key="nonsense")


# --- scores follow the bank -------------------------------------------------------------------------


def test_scores_are_recomputed_when_the_bank_changes(
    tmp_path: Path, store: SessionStore, bank: Bank, bank_dir: Path, data: Path
) -> None:
    sessions = three(store, bank)
    store.index.record_pending()  # before another index looks
    stricter_dir = write_tiny_bank(tmp_path / "stricter")
    policy = stricter_dir / "policy.toml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("min_overall = 50", "min_overall = 70"),
        encoding="utf-8",
    )
    stricter = load_bank(stricter_dir)
    assert stricter.content_hash != bank.content_hash

    index = SessionIndex(data, BankSource(stricter_dir))
    report = index.refresh()

    assert (report.read, report.rescored) == (0, 3)
    by_id = {row.id: row for row in index.query()}
    for session in sessions:
        assert (by_id[session.id].level, by_id[session.id].overall) == expected_scores(
            stricter, session
        )
    assert any(expected_scores(stricter, s) != expected_scores(bank, s) for s in sessions)
    assert index.refresh().rescored == 0
    # Back to the first bank: scored again, from the index alone.
    assert SessionIndex(data, BankSource(bank_dir)).refresh() == session_index.RefreshReport(
        rescored=3
    )


def test_the_cheap_bank_hash_is_the_loaders_hash(bank_dir: Path, bank: Bank) -> None:
    assert bank_content_hash(bank_dir) == bank.content_hash
    assert bank_content_hash(shipped_bank_dir()) == load_bank(shipped_bank_dir()).content_hash
    assert bank_content_hash(bank_dir / "missing") is None


# --- privacy, and where the index may not be written ------------------------------------------------


@modes_only
def test_the_index_is_private_whatever_the_umask(
    data: Path, store: SessionStore, bank: Bank
) -> None:
    previous = os.umask(0)
    try:
        three(store, bank)
        store.index.refresh()
    finally:
        os.umask(previous)

    files = [p for p in data.iterdir() if p.name.startswith(INDEX_NAME)]
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


def test_no_index_file_is_made_without_a_sessions_folder(data: Path, bank: Bank) -> None:
    data.mkdir()
    index = SessionIndex(data, bank)

    assert index.refresh() == session_index.RefreshReport()
    assert index.query() == [] and index.unreadable() == []
    assert list(data.iterdir()) == []


def test_an_index_that_cannot_be_written_falls_back_to_memory(
    data: Path, store: SessionStore, bank: Bank
) -> None:
    store.directory.mkdir(parents=True)
    (data / INDEX_NAME).mkdir()  # in the way: no database can be made there
    sessions = three(store, bank)

    index = SessionIndex(data, bank)
    index.refresh()

    assert {row.id for row in index.query()} == {s.id for s in sessions}


def test_a_save_never_waits_for_a_busy_index(data: Path, store: SessionStore, bank: Bank) -> None:
    three(store, bank)
    blocker = sqlite3.connect(data / INDEX_NAME, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process writing to the index
    late = team(bank, "Lagret mens indeksen var opptatt", {"anchor_up": 2}, 9)
    try:
        saved = threading.Event()

        def save() -> None:
            store.save(late)
            saved.set()

        worker = threading.Thread(target=save)
        worker.start()
        worker.join(timeout=session_index.BUSY_TIMEOUT_MS / 1000 / 2)
        assert saved.is_set()  # it did not wait out SQLite's busy timeout
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    # Recorded by the refresh from the pending save (the index was free again by then).
    assert store.index.refresh().read == 0
    assert store.index.query(limit=1)[0].id == late.id


def test_a_save_never_waits_for_a_refresh_in_another_thread(
    store: SessionStore, bank: Bank
) -> None:
    three(store, bank)
    late = team(bank, "Lagret under oppfriskning", {"anchor_up": 2}, 9)
    with store.index._lock:  # a worker thread is in the middle of a refresh
        worker = threading.Thread(target=store.save, args=(late,))
        worker.start()
        worker.join(timeout=5)
        assert not worker.is_alive()

    assert store.index.refresh().read == 0  # recorded from the pending save
    assert store.index.query(limit=1)[0].id == late.id


# --- `cocreate list --json` -------------------------------------------------------------------------


def list_json(capsys: pytest.CaptureFixture[str], bank_dir: Path, data: Path) -> dict:  # type: ignore[type-arg]
    code = main(["--bank", str(bank_dir), "--data-dir", str(data), "list", "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    listing: dict = json.loads(out)  # type: ignore[type-arg]
    return listing


def test_list_json_has_the_same_shape_plus_level_and_overall(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, data: Path, store: SessionStore, bank: Bank
) -> None:
    sessions = three(store, bank)
    broken = store.directory / f"{'b' * 32}.json"
    broken.write_bytes(b"{broken")

    listing = list_json(capsys, bank_dir, data)

    expected = []
    for session in reversed(sessions):
        level, overall = expected_scores(bank, session)
        meta = session.meta
        expected.append(
            {
                "id": session.id,
                "team": meta.team,
                "organisation": meta.organisation,
                "service_area": meta.service_area,
                "phase": meta.phase,
                "mode": meta.mode,
                "respondent": meta.respondent,
                "status": session.status,
                "answered": len(session.answer_values()),
                "updated_at": session.updated_at.isoformat(),
                "file": str(store.path_for(session.id)),
                "level": level,
                "overall": overall,
            }
        )
    assert listing == {
        "sessions": expected,
        "unreadable": [{"file": str(broken), "reason": listing["unreadable"][0]["reason"]}],
    }
    assert listing["unreadable"][0]["reason"].startswith("not valid JSON")


def test_list_json_is_the_same_from_a_fresh_and_a_rebuilt_index(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, data: Path, store: SessionStore, bank: Bank
) -> None:
    three(store, bank)
    fresh = list_json(capsys, bank_dir, data)
    store.index.close()
    (data / INDEX_NAME).unlink()

    assert list_json(capsys, bank_dir, data) == fresh
    assert list_json(capsys, bank_dir, data) == fresh


def test_list_json_shows_a_file_edited_since_the_last_listing(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, data: Path, store: SessionStore, bank: Bank
) -> None:
    [larvik, _, _] = three(store, bank)
    list_json(capsys, bank_dir, data)
    renamed = larvik.model_copy(
        update={"meta": larvik.meta.model_copy(update={"team": "Larvik, endret for hånd"})}
    )
    rewrite(store.path_for(larvik.id), renamed)

    # The listing read while the folder was checked is stale now, and must not be printed.
    teams = [item["team"] for item in list_json(capsys, bank_dir, data)["sessions"]]

    assert "Larvik, endret for hånd" in teams and "Larvik NAV" not in teams


def test_the_listing_read_early_is_the_listing(store: SessionStore, bank: Bank) -> None:
    three(store, bank)
    store.index.refresh()

    early = store.index.refreshed_session_json("/x/", ",")

    assert early == store.index.session_json("/x/", ",")
    assert json.loads(b"[" + early + b"]")[0]["team"] == "Østre Toten"


def test_unfinished_can_be_limited_to_the_most_recent(store: SessionStore, bank: Bank) -> None:
    sessions = three(store, bank)

    assert [s.id for s in store.unfinished(limit=2)] == [sessions[2].id, sessions[1].id]
    assert len(store.unfinished()) == 3


def test_list_json_over_no_sessions(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, data: Path
) -> None:
    assert list_json(capsys, bank_dir, data) == {"sessions": [], "unreadable": []}
    assert not data.exists()


def test_list_with_a_broken_bank_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path, store: SessionStore, bank: Bank
) -> None:
    three(store, bank)
    broken = tmp_path / "broken-bank"
    broken.mkdir()
    (broken / "bank.toml").write_text("[bank\n", encoding="utf-8")

    code = main(["--bank", str(broken), "--data-dir", str(data), "list", "--json"])

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert "Spørsmålsbanken" in err and "Traceback" not in err


def test_list_json_imports_no_pydantic_when_the_index_is_fresh(
    bank_dir: Path, data: Path, store: SessionStore, bank: Bank
) -> None:
    import subprocess
    import sys

    three(store, bank)
    store.index.refresh()
    code = (
        "import sys\nfrom cocreate_tui.cli import main\n"
        f"main(['--bank', {str(bank_dir)!r}, '--data-dir', {str(data)!r}, 'list', '--json'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'rich', 'textual'}),"
        " file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stderr.strip() == "[]"
    assert len(json.loads(done.stdout)["sessions"]) == 3
