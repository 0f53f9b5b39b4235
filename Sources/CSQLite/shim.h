#include <sqlite3.h>

/// `sqlite3_db_config` is variadic, so Swift cannot call it; this turns on defensive
/// mode (no writes to the schema tables, no `PRAGMA writable_schema` tricks) for a
/// connection that runs untrusted SQL. Returns an SQLite result code.
static inline int verify_sqlite3_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}
