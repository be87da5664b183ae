"""A run gives the same database whichever engine analyses the documents: serial, processes, Dask."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from hadath import engine, pipeline
from hadath.cli import main
from hadath.engine import Engine
from hadath.models import Document, Rejected
from hadath.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _export(db: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return sorted((json.loads(line) for line in result.output.splitlines()), key=lambda r: str(r["id"]))


def _run(db: Path, *options: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["run", str(EXAMPLES), "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    assert "6 inputs → 6 articles" in result.output
    return _export(db)


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    return _run(tmp_path_factory.mktemp("serial") / "h.db")


def test_a_process_pool_gives_the_same_records(serial: list[dict[str, object]], tmp_path: Path) -> None:
    assert _run(tmp_path / "h.db", "--workers", "2") == serial
    assert sum(r["type"] == "event" for r in serial) > 0


def test_a_dask_cluster_gives_the_same_records(serial: list[dict[str, object]], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    # An in-process cluster with a real scheduler and worker, reached by address as a remote one is.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        assert _run(tmp_path / "h.db", "--scheduler", cluster.scheduler_address) == serial
        # Two batches in flight per thread of the cluster, however many local workers were asked for.
        with engine.executor(Engine(scheduler=cluster.scheduler_address)) as pool:
            assert engine.slots(pool) == 4
    with engine.executor(Engine(workers=3)) as pool:
        assert engine.slots(pool) == 6


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CONNECT_SECONDS", 1)
    result = CliRunner().invoke(
        main, ["run", str(EXAMPLES), "--db", str(tmp_path / "h.db"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code != 0
    assert "Dask scheduler" in result.output


def _dies_on_the_forum_page(doc: Document) -> list[object] | Rejected:
    """Kills its worker process outright on one input, as the system's OOM killer would."""
    if "forum" in doc.source:
        os._exit(1)
    return pipeline.process_document(doc)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_killed_worker_costs_only_its_page_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forked workers see the patched function, as they see everything the parent had loaded.
    monkeypatch.setattr(pipeline, "process_safely", _dies_on_the_forum_page)
    db = tmp_path / "h.db"
    with Store(str(db)) as store:
        summary = pipeline.run([str(EXAMPLES)], store, engine=Engine(workers=2, batch=2))
    assert summary.inputs == 6
    # The pool is started afresh and the failed batches' pages tried one by one: only the page that
    # kills its worker is rejected, and it is not recorded as read, so a later run tries it again.
    assert summary.rejected == {"internal error": 1} and summary.articles == 5
    with Store(str(db)) as store:
        (rejected,) = store.rejected()
    assert "forum" in rejected["source"] and "worker failed" in rejected["reason"]
