"""The engine maps the per-document stages over workers and gives results back in input order."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from hadath.engine import Engine, map_documents
from hadath.models import Document, Rejected


def _doc(n: int) -> Document:
    return Document(source=f"s{n}", text=str(n))


_running = 0
_most = 0
_lock = threading.Lock()


def _slow_length(doc: Document) -> int:
    """Later documents finish first, so any reordering would show."""
    global _running, _most
    with _lock:
        _running += 1
        _most = max(_most, _running)
    time.sleep(0.02 / (1 + int(doc.text or 0)))
    with _lock:
        _running -= 1
    return int(doc.text or 0) * 10


def test_serial_and_pooled_runs_give_the_same_pairs_in_input_order() -> None:
    items: list[Document | Rejected] = [_doc(n) for n in range(23)]
    items.insert(5, Rejected("bad.bin", "binary"))
    serial = list(map_documents(_slow_length, items, None))
    with ThreadPoolExecutor(4) as pool:
        pooled = list(map_documents(_slow_length, items, pool, batch=3, in_flight=3))
    assert serial == pooled
    assert [item for item, _ in pooled] == items
    assert pooled[5] == (items[5], None)  # an ingest rejection is passed on, not processed
    assert pooled[6][1] == 50


def test_work_in_flight_is_bounded() -> None:
    global _most
    _most = 0
    with ThreadPoolExecutor(8) as pool:
        list(map_documents(_slow_length, [_doc(n) for n in range(40)], pool, batch=1, in_flight=2))
    assert 1 <= _most <= 2


def test_an_empty_input_gives_nothing() -> None:
    with ThreadPoolExecutor(2) as pool:
        assert list(map_documents(_slow_length, [], pool)) == []


@pytest.mark.parametrize(("workers", "batch"), [(0, 16), (2, 0)])
def test_impossible_settings_are_refused(workers: int, batch: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Engine(workers=workers, batch=batch)


class _Dying(ThreadPoolExecutor):
    """An executor whose worker dies, outside the mapped function, on any batch holding document 4."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        batch = args[1] if len(args) > 1 else []
        if any(isinstance(d, Document) and d.text == "4" for d in batch):

            def boom() -> None:
                raise RuntimeError("worker killed")

            return super().submit(boom)
        return super().submit(fn, *args, **kwargs)


def test_a_dead_worker_costs_only_the_document_that_killed_it() -> None:
    items: list[Document | Rejected] = [_doc(n) for n in range(9)]
    with _Dying(2) as pool:
        out = list(map_documents(_slow_length, items, pool, batch=3, on_failure=lambda d, e: f"failed: {e}"))
    # The batch [3, 4, 5] failed; tried one by one, only 4 fails again.
    assert [r for _, r in out] == [0, 10, 20, 30, "failed: worker killed", 50, 60, 70, 80]
    with _Dying(2) as pool, pytest.raises(RuntimeError, match="worker killed"):
        list(map_documents(_slow_length, items, pool, batch=3))
