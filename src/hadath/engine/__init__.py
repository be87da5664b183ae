"""Where the per-document stages run: in this process, a local process pool, or a Dask cluster.

The per-document part of the pipeline (clean, language, events) is a pure function of one document, so
it maps over workers; the store and resolution stay in the calling process, which alone writes SQLite.
Documents go out in batches and come back in input order, with a bounded number of batches in flight,
so memory stays flat however large the input and a run's database does not depend on the engine.

A Dask cluster is reached by its scheduler address (``tcp://host:8786``); its workers need hadath
installed in the same version. Nothing here starts or manages a cluster: that is Dask's job.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from hadath.models import Document, Rejected

R = TypeVar("R")
log = logging.getLogger(__name__)

# How long to wait for a Dask scheduler before saying it cannot be reached.
CONNECT_SECONDS = 10


class EngineError(RuntimeError):
    """The engine asked for cannot be used (e.g. no Dask scheduler at the address given)."""


# Large enough that shipping a batch costs little beside analysing it (a document takes ~30 ms),
# small enough that the first results come back quickly and an input's batches spread over workers.
BATCH = 16


@dataclass(frozen=True, slots=True)
class Engine:
    """How to run the per-document stages.

    ``workers`` > 1 starts a local process pool of that size; ``scheduler`` (a Dask scheduler
    address) sends the work to an existing Dask cluster instead. Neither: this process, serially.
    """

    workers: int = 1
    scheduler: str | None = None
    batch: int = BATCH

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        if self.batch < 1:
            raise ValueError(f"batch must be at least 1, not {self.batch}")

    @property
    def parallel(self) -> bool:
        return self.scheduler is not None or self.workers > 1


@contextmanager
def executor(engine: Engine, warm_up: Callable[[], object] | None = None) -> Iterator[Executor | None]:
    """The executor ``engine`` asks for (None for serial), shut down on exit.

    ``warm_up`` runs in this process before a local pool forks, so that models loaded once are shared
    by the workers' memory instead of read again by each.
    """
    if engine.scheduler is not None:
        from distributed import Client  # imported here: only a cluster run pays for it

        try:
            client = Client(engine.scheduler, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
        except (OSError, ValueError) as e:
            raise EngineError(f"cannot reach the Dask scheduler at {engine.scheduler}: {e}") from e
        with client:
            threads = sum(client.nthreads().values()) or 1  # type: ignore[no-untyped-call]
            yield _Cluster(client.get_executor(), 2 * threads)  # type: ignore[no-untyped-call]
        return
    if engine.workers == 1:
        yield None
        return
    if warm_up is not None:
        warm_up()
    # fork shares the loaded models copy-on-write; where there is no fork the default method reloads.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" else None
    context = multiprocessing.get_context(method)
    pool = _Restarting(
        lambda: ProcessPoolExecutor(max_workers=engine.workers, mp_context=context), 2 * engine.workers
    )
    try:
        yield pool
    finally:
        pool.shutdown()


class _Sized(Executor):
    """An executor that knows how many batches keep all its workers busy (``slots``)."""

    slots = 2


def slots(pool: Executor | None) -> int:
    """How many batches to keep in flight on ``pool``: two per worker process or cluster thread."""
    return pool.slots if isinstance(pool, _Sized) else 2


class _Cluster(_Sized):
    """A Dask cluster's executor, sized by the threads of its workers when the run starts."""

    def __init__(self, inner: Executor, slots: int) -> None:
        self._inner = inner
        self.slots = slots

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        return self._inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._inner.shutdown(wait=wait, cancel_futures=cancel_futures)


class _Restarting(_Sized):
    """A process pool that starts afresh once a worker has died (a broken pool takes no more work)."""

    def __init__(self, make: Callable[[], ProcessPoolExecutor], slots: int) -> None:
        self._make = make
        self._pool = make()
        self.slots = slots

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except BrokenExecutor:
            log.warning("a worker process died; starting a new pool")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._make()
            return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _apply(fn: Callable[[Document], R], batch: list[Document | Rejected]) -> list[R | None]:
    """``fn`` over the documents of one batch; rejections from ingest pass as None."""
    return [None if isinstance(item, Rejected) else fn(item) for item in batch]


def _submit(
    pool: Executor, fn: Callable[[Document], R], chunk: list[Document | Rejected]
) -> Future[list[R | None]]:
    """The batch's future; a pool that cannot take it (a broken process pool) gives a failed one."""
    try:
        return pool.submit(_apply, fn, chunk)
    except Exception as e:
        failed: Future[list[R | None]] = Future()
        failed.set_exception(e)
        return failed


def map_documents(
    fn: Callable[[Document], R],
    items: Iterable[Document | Rejected],
    pool: Executor | None,
    batch: int = BATCH,
    in_flight: int = 4,
    on_failure: Callable[[Document, BaseException], R] | None = None,
) -> Iterator[tuple[Document | Rejected, R | None]]:
    """``(item, fn(item))`` for every item in input order; ``None`` for an ingest rejection.

    ``fn`` must be a module-level function (it is pickled) that does not raise for one bad document.
    With a ``pool``, at most ``in_flight`` batches are queued at a time. Where a batch fails outside
    ``fn`` (a worker killed by the system, a lost cluster node), its documents are tried again one by
    one and only those that fail alone get ``on_failure(document, error)``, so one bad page never stops
    a run nor takes its neighbours with it; without ``on_failure`` the error is raised.
    """
    source = iter(items)
    if pool is None:
        for item in source:
            yield item, None if isinstance(item, Rejected) else fn(item)
        return
    pending: deque[tuple[list[Document | Rejected], Future[list[R | None]]]] = deque()
    while True:
        chunk = list(islice(source, batch))
        if chunk:
            pending.append((chunk, _submit(pool, fn, chunk)))
        if not pending:
            return
        if len(pending) >= in_flight or not chunk:
            done, future = pending.popleft()
            try:
                results = future.result()
            except Exception as e:
                if on_failure is None:
                    raise
                log.warning("a batch of %d documents failed in its worker: %s", len(done), e)
                results = [_alone(fn, d, pool, on_failure) for d in done]
            yield from zip(done, results, strict=True)


def _alone(
    fn: Callable[[Document], R],
    item: Document | Rejected,
    pool: Executor,
    on_failure: Callable[[Document, BaseException], R],
) -> R | None:
    """One document of a failed batch, tried again on its own: only the one that fails is rejected."""
    if isinstance(item, Rejected):
        return None
    try:
        return _submit(pool, fn, [item]).result()[0]
    except Exception as e:
        return on_failure(item, e)
