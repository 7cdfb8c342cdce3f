"""pool.py: batches are cut the same way whatever the number of workers (the processes themselves are tested
end to end in test_robustness.py, with the models)."""

from collections import deque

from quotes.pool import _fill


def test_fill_cuts_fixed_batches_and_says_when_the_input_ends():
    source = iter([("d", str(k)) for k in range(5)])
    queue: deque = deque()
    taken, done = _fill(source, queue, 1, 2, 0)
    assert (taken, done, [[i for i, _ in b] for _, b in queue]) == (2, False, [[0, 1]])
    taken, done = _fill(source, queue, 4, 2, taken)
    assert (taken, done) == (5, True)
    assert [[i for i, _ in b] for _, b in queue] == [[0, 1], [2, 3], [4]]
    assert [n for n, _ in queue] == [0, 2, 4]  # numbered by their first document


def test_fill_with_no_room_takes_nothing():
    queue: deque = deque()
    assert _fill(iter([("d", "x")]), queue, 0, 2, 7) == (7, False) and not queue
