import pytest
from django.db import connection

from core.bulkload import CHECKPOINT_PAGES, bulk_load


def pragma(name):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the page cache and checkpoints are SQLite's; other databases are left alone"
)
def test_a_bulk_load_gets_a_larger_cache_and_fewer_checkpoints_and_the_connection_gets_its_own_back():
    cache, checkpoint = pragma("cache_size"), pragma("wal_autocheckpoint")

    with bulk_load(cache_mb=64):
        assert pragma("cache_size") == -64 * 1024
        assert pragma("wal_autocheckpoint") == CHECKPOINT_PAGES
    assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == (cache, checkpoint)

    with pytest.raises(RuntimeError), bulk_load():
        raise RuntimeError("the import failed")
    assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == (cache, checkpoint)
