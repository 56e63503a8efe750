"""A small bounded cache shared by a process's threads: the least recently used entry goes
first once `limit` entries are held. Status tables per plan version (indicators.queries) and
pages per store version (dashboard.answers) keep their answers in one."""

from collections import OrderedDict
from threading import Lock


class Lru:
    def __init__(self, limit: int) -> None:
        self.limit = limit
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
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

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

    def __len__(self) -> int:
        return len(self._items)
