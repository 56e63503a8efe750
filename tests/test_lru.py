"""indicators.lru: bounded by entries, or by the summed weight of what it keeps."""

from indicators.lru import Lru


def test_entries_beyond_the_limit_go_least_recently_used_first():
    cache = Lru(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)


def test_weighed_entries_are_bounded_by_their_summed_weight():
    cache = Lru(10, weigh=len)
    cache.put("a", b"xxxx")
    cache.put("b", b"yyyy")
    cache.put("a", b"zz")  # replaced: its old weight no longer counts
    assert cache.weight == 6
    cache.put("c", b"wwwww")  # 11 > 10: "b", least recently used, goes
    assert cache.get("b") is None and cache.get("a") == b"zz" and cache.weight == 7
    cache.clear()
    assert len(cache) == 0 and cache.weight == 0
