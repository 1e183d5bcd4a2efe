"""A SQLite index next to the session files, so that tens of thousands of sessions list at once.

`schema`: the tables, made from the records in `records`, and the index file's version;
`rows`: a session as rows, written; `refresh`: catching up with the folder; `queries`:
reading; `index`: the `SessionIndex` that ties them to one data folder.
"""

from .index import CHECKPOINT_EVERY, SessionIndex
from .queries import SPARSE_PAGE, level_labels_of
from .records import IndexRow, RefreshReport, UnreadableFile
from .refresh import BATCH, CHUNK, scan_chunks
from .rows import RACY_NS, SEARCHED_FIELDS
from .schema import BUSY_TIMEOUT_MS, INDEX_FILE_MODE, INDEX_NAME, SCHEMA_VERSION, SORT_KEYS

__all__ = [
    "BATCH",
    "BUSY_TIMEOUT_MS",
    "CHECKPOINT_EVERY",
    "CHUNK",
    "INDEX_FILE_MODE",
    "INDEX_NAME",
    "RACY_NS",
    "SCHEMA_VERSION",
    "SEARCHED_FIELDS",
    "SORT_KEYS",
    "SPARSE_PAGE",
    "IndexRow",
    "RefreshReport",
    "SessionIndex",
    "UnreadableFile",
    "level_labels_of",
    "scan_chunks",
]
