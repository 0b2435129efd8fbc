"""Concurrent submits from separate processes (each its own database connection), on SQLite
(file, WAL, IMMEDIATE transactions) and — with DATABASE_URL=postgres://… — on PostgreSQL
(row locks): one draft submitted by many at once gives one submission; many drafts at once get
distinct, consecutive numbers."""

import json
import time

import pytest

pytestmark = pytest.mark.django_db
PARALLEL = 6


def _submit_all(external_db, pks):
    at = time.time() + 3.0  # every process has imported Django by then
    procs = [external_db.proc("submit", str(pk), str(at)) for pk in pks]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(out.strip())
    return results


def test_one_draft_submitted_by_parallel_processes_gives_one_submission(external_db):
    (pk,) = json.loads(external_db.run("seed", "1"))
    references = _submit_all(external_db, [pk] * PARALLEL)
    assert len(set(references)) == 1
    assert external_db.sql("SELECT COUNT(*) FROM intake_submission") == [[1]]
    assert external_db.sql("SELECT COUNT(*) FROM intake_submissionjob") == [[2]]


def test_parallel_drafts_get_distinct_consecutive_numbers(external_db):
    pks = json.loads(external_db.run("seed", str(PARALLEL)))
    references = _submit_all(external_db, pks)
    assert sorted(int(r.split("-")[2]) for r in references) == list(range(1, PARALLEL + 1))
