"""pool.py: batches are cut the same way whatever the number of workers (the processes themselves are tested
end to end in test_robustness.py, with the models)."""

from collections import deque

from quotes.limits import batches
from quotes.pool import _fill


def test_fill_cuts_fixed_batches_and_says_when_the_input_ends():
    source = batches([("d", str(k)) for k in range(5)], 2)
    queue: deque = deque()
    taken, done = _fill(source, queue, 1, 0)
    assert (taken, done, [[i for i, _ in b] for _, b in queue]) == (2, False, [[0, 1]])
    taken, done = _fill(source, queue, 4, taken)
    assert (taken, done) == (5, True)
    assert [[i for i, _ in b] for _, b in queue] == [[0, 1], [2, 3], [4]]
    assert [n for n, _ in queue] == [0, 2, 4]  # numbered by their first document


def test_fill_with_no_room_takes_nothing():
    queue: deque = deque()
    assert _fill(batches([("d", "x")], 2), queue, 0, 7) == (7, False) and not queue


def test_auto_workers_a_core_each_as_memory_and_the_input_allow(monkeypatch):
    from quotes import pool

    monkeypatch.setattr(pool.os, "sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(pool, "_available", lambda: 24e9)
    assert pool.auto_workers(None, 16) == 4 and pool.auto_workers(10_000, 16) == 4
    assert pool.auto_workers(20, 16) == 2 and pool.auto_workers(3, 16) == 1  # no more workers than batches
    monkeypatch.setattr(pool, "_available", lambda: 3.2e9)
    assert pool.auto_workers(10_000, 16) == 2  # what the memory holds
    monkeypatch.setattr(pool, "_available", lambda: 0.5e9)
    assert pool.auto_workers(10_000, 16) == 1  # never none
