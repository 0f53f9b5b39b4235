internal import CSQLite
import Foundation

/// The one owner of an in-memory SQLite database and the only type that calls SQLite's
/// C API. A connection is not thread-safe: create it, use it and drop it on one thread
/// (`SQLDocumentChecker.check` does all three inside one call).
///
/// Every connection is guarded for untrusted SQL: a deadline enforced by a progress
/// handler, limits on value and statement sizes, no `ATTACH` (so no files are created),
/// defensive mode, temporary storage in memory, and the process-wide heap limit.
public final class SQLiteConnection {
    /// The SQLite library's version, such as `3.40.1`.
    public static var version: String { String(cString: sqlite3_libversion()) }

    let handle: OpaquePointer
    let hooks: ConnectionHooks
    let limits: SQLLimits
    /// Seconds a script may run; starts as `limits.timeoutSeconds`.
    public var timeoutSeconds: Double

    /// Opens a fresh, empty in-memory database.
    public init(limits: SQLLimits = .init()) throws(SQLRuntimeError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(":memory:", &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLRuntimeError(code: .openFailed, message: message, sqliteCode: status)
        }
        handle = db
        hooks = ConnectionHooks()
        self.limits = limits
        timeoutSeconds = limits.timeoutSeconds
        Self.applyHeapLimit(limits.heapBytes)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, Int32(clamping: limits.valueBytes))
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, Int32(clamping: limits.statementBytes))
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 500)
        _ = verify_sqlite3_enable_defensive(db)
        sqlite3_extended_result_codes(db, 1)
        let context = Unmanaged.passUnretained(hooks).toOpaque()
        sqlite3_progress_handler(db, 1000, ConnectionHooks.progress, context)
        sqlite3_set_authorizer(db, ConnectionHooks.authorize, context)
        _ = sqlite3_exec(db, "PRAGMA temp_store = MEMORY", nil, nil, nil)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Sets SQLite's hard heap limit. The limit is process-wide: it covers every connection.
    static func applyHeapLimit(_ bytes: Int) {
        _ = sqlite3_hard_heap_limit64(Int64(bytes))
    }

    /// The hard heap limit in force, in bytes (0 when there is none).
    public static var heapLimit: Int { Int(sqlite3_hard_heap_limit64(-1)) }

    /// Whether the connection is inside a transaction the SQL opened (`BEGIN` without its end).
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Ends a transaction the SQL left open, as closing a session would.
    public func rollbackOpenTransaction() {
        if inTransaction { _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
    }

    /// A new in-memory connection holding a copy of this database's `main` schema and rows.
    public func copy() throws(SQLRuntimeError) -> SQLiteConnection {
        let copy = try SQLiteConnection(limits: limits)
        try Self.backup(from: self, to: copy)
        return copy
    }

    /// Replaces this database's contents with those of `snapshot`.
    public func restore(from snapshot: SQLiteConnection) throws(SQLRuntimeError) {
        rollbackOpenTransaction()
        try Self.backup(from: snapshot, to: self)
    }

    private static func backup(from source: SQLiteConnection, to destination: SQLiteConnection) throws(SQLRuntimeError) {
        guard let backup = sqlite3_backup_init(destination.handle, "main", source.handle, "main") else {
            throw SQLRuntimeError(
                code: .backupFailed, message: String(cString: sqlite3_errmsg(destination.handle)),
                sqliteCode: sqlite3_errcode(destination.handle))
        }
        let status = sqlite3_backup_step(backup, -1)
        sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE else {
            throw SQLRuntimeError(code: .backupFailed, message: String(cString: sqlite3_errstr(status)), sqliteCode: status)
        }
    }

    /// Whether `sql` ends with a complete statement (SQLite's own `sqlite3_complete`,
    /// which knows that a trigger body's semicolons do not end it).
    static func isComplete(_ sql: some StringProtocol) -> Bool {
        String(sql).withCString { sqlite3_complete($0) != 0 }
    }

    /// Whether `word` is one of SQLite's keywords.
    static func isKeyword(_ word: String) -> Bool {
        word.withCString { sqlite3_keyword_check($0, Int32(strlen($0))) != 0 }
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}

/// Sizes and time a connection allows.
public struct SQLLimits: Sendable, Hashable {
    /// Seconds a script may run before it is interrupted.
    public var timeoutSeconds: Double
    /// SQLite's hard heap limit; process-wide, so the last connection opened sets it.
    public var heapBytes: Int
    /// Largest string or blob (`SQLITE_LIMIT_LENGTH`).
    public var valueBytes: Int
    /// Longest statement (`SQLITE_LIMIT_SQL_LENGTH`).
    public var statementBytes: Int
    /// Rows kept of each result set; the rest are counted, not kept.
    public var keptRows: Int

    public init(
        timeoutSeconds: Double = 5, heapBytes: Int = 512 << 20, valueBytes: Int = 16 << 20,
        statementBytes: Int = 1 << 20, keptRows: Int = 10_000
    ) {
        self.timeoutSeconds = timeoutSeconds
        self.heapBytes = heapBytes
        self.valueBytes = valueBytes
        self.statementBytes = statementBytes
        self.keptRows = keptRows
    }
}

/// A failure of the SQL machinery itself (not of a snippet): the database could not be
/// opened or copied, a fixture file could not be read.
public struct SQLRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let openFailed = Code(rawValue: "open-failed")
        public static let backupFailed = Code(rawValue: "backup-failed")
        public static let unreadableFixture = Code(rawValue: "unreadable-fixture")
    }

    public var code: Code
    public var message: String
    /// SQLite's result code, where SQLite reported the failure.
    public var sqliteCode: Int32?

    public init(code: Code, message: String, sqliteCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// State the C callbacks of one connection read and write: the deadline the progress
/// handler enforces and the tables the authorizer saw the SQL touch.
final class ConnectionHooks {
    var deadline: ContinuousClock.Instant?
    var interrupted = false
    var recording = true
    var readTables: Set<String> = []
    var writtenTables: Set<String> = []

    /// Called by SQLite every 1000 virtual-machine steps; non-zero interrupts the statement.
    static let progress: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
        guard let context else { return 0 }
        let hooks = Unmanaged<ConnectionHooks>.fromOpaque(context).takeUnretainedValue()
        guard let deadline = hooks.deadline, ContinuousClock.now >= deadline else { return 0 }
        hooks.interrupted = true
        return 1
    }

    /// Records table reads and writes, and refuses `ATTACH` (which would create files).
    static let authorize:
        @convention(c) (
            UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
            UnsafePointer<CChar>?, UnsafePointer<CChar>?
        ) -> Int32 = { context, action, first, _, _, _ in
            if action == SQLITE_ATTACH { return SQLITE_DENY }
            guard let context, let first else { return SQLITE_OK }
            let hooks = Unmanaged<ConnectionHooks>.fromOpaque(context).takeUnretainedValue()
            guard hooks.recording else { return SQLITE_OK }
            let table = String(cString: first)
            if table.lowercased().hasPrefix("sqlite_") { return SQLITE_OK }
            switch action {
            case SQLITE_READ: hooks.readTables.insert(table)
            case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
                hooks.writtenTables.insert(table)
                hooks.readTables.insert(table)
            default: break
            }
            return SQLITE_OK
        }
}

extension SQLiteConnection {
    /// The name of an SQLite result code, such as `SQLITE_CONSTRAINT_UNIQUE`.
    public static func codeName(_ code: Int32) -> String {
        let extended: [Int32: String] = [
            275: "CONSTRAINT_CHECK", 531: "CONSTRAINT_COMMITHOOK", 787: "CONSTRAINT_FOREIGNKEY",
            1043: "CONSTRAINT_FUNCTION", 1299: "CONSTRAINT_NOTNULL", 1555: "CONSTRAINT_PRIMARYKEY",
            1811: "CONSTRAINT_TRIGGER", 2067: "CONSTRAINT_UNIQUE", 2323: "CONSTRAINT_VTAB",
            2579: "CONSTRAINT_ROWID", 3091: "CONSTRAINT_DATATYPE",
        ]
        let primary = [
            "OK", "ERROR", "INTERNAL", "PERM", "ABORT", "BUSY", "LOCKED", "NOMEM", "READONLY", "INTERRUPT",
            "IOERR", "CORRUPT", "NOTFOUND", "FULL", "CANTOPEN", "PROTOCOL", "EMPTY", "SCHEMA", "TOOBIG",
            "CONSTRAINT", "MISMATCH", "MISUSE", "NOLFS", "AUTH", "FORMAT", "RANGE", "NOTADB",
        ]
        if let name = extended[code] { return "SQLITE_" + name }
        let base = Int(code & 0xFF)
        return primary.indices.contains(base) ? "SQLITE_" + primary[base] : "SQLITE_\(code)"
    }
}
