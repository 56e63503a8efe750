"""A small bounded cache shared by a process's threads: the least recently used entry goes
first once `limit` is passed: `limit` entries, or, with `weigh`, that much of their summed
weight (bytes, say). Status tables per plan version (indicators.queries) and the compressed
static files (dashboard.bandwidth) are kept in one."""

from collections import OrderedDict
from threading import Lock


class Lru:
    def __init__(self, limit: int, weigh=lambda _value: 1) -> None:
        self.limit, self.weigh, self.weight = limit, weigh, 0
        self._items: OrderedDict = OrderedDict()
        self._lock = Lock()

    def get(self, key):
        """The answer kept for `key`, or None."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            if key in self._items:
                self.weight -= self.weigh(self._items.pop(key))
            self._items[key] = value
            self.weight += self.weigh(value)
            while self.weight > self.limit and self._items:
                _key, old = self._items.popitem(last=False)
                self.weight -= self.weigh(old)

    def answer(self, key, compute):
        """The kept answer of `key`, or compute() kept under it (two threads asking at once may
        both compute; either result is right for the key)."""
        found = self.get(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.weight = 0

    def __len__(self) -> int:
        return len(self._items)
