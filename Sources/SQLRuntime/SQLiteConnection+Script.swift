internal import CSQLite
import Foundation

/// What happened to one statement of a script.
public struct StatementOutcome: Sendable, Hashable {
    /// Byte offsets in the script: the statement's first token, and just past its end.
    public var start: Int
    public var end: Int
    public var sql: String
    /// The rows it returned; nil for a statement without result columns.
    public var result: ResultSet?
    /// Rows it inserted, updated or deleted, triggers included. Counted from
    /// `sqlite3_total_changes64`, because `sqlite3_changes` keeps its old value after a
    /// statement that changes nothing.
    public var changes: Int
    public var failure: StatementFailure?
}

/// Why a statement did not run, as SQLite said it, at a byte offset of the script.
public struct StatementFailure: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case syntax
        case missingTable(String)
        case missingColumn(String)
        /// Stopped by the deadline.
        case timeout
        /// Out of memory or above a size limit.
        case limit
        /// Made to fail on purpose by a transaction experiment.
        case injected
        case other
    }

    public var kind: Kind
    /// SQLite's extended result code.
    public var code: Int32
    public var message: String
    /// Where SQLite located the error (`sqlite3_error_offset`), else the statement's start.
    public var offset: Int

    /// Whether the failure only says that a table or column does not exist.
    public var isMissingSchema: Bool {
        switch kind {
        case .missingTable, .missingColumn: true
        default: false
        }
    }

    static func classify(code: Int32, message: String, interrupted: Bool) -> Kind {
        let primary = code & 0xFF
        if primary == SQLITE_INTERRUPT, interrupted { return .timeout }
        if primary == SQLITE_NOMEM || primary == SQLITE_TOOBIG { return .limit }
        if message.hasPrefix("no such table: ") { return .missingTable(unqualified(message.dropFirst(15))) }
        if message.hasPrefix("no such column: ") { return .missingColumn(String(message.dropFirst(16))) }
        if message.contains("syntax error") || message == "incomplete input" || message.hasPrefix("unrecognized token") {
            return .syntax
        }
        return .other
    }

    private static func unqualified(_ name: Substring) -> String {
        name.hasPrefix("main.") ? String(name.dropFirst(5)) : String(name)
    }
}

/// A script's statements as they ran, and the tables SQLite saw them use.
public struct ScriptRun: Sendable, Hashable {
    public var statements: [StatementOutcome]
    public var readTables: Set<String>
    public var writtenTables: Set<String>
    public var durationSeconds: Double

    /// The first statement that failed, if any did.
    public var failure: StatementFailure? { statements.lazy.compactMap(\.failure).first }

    /// Result sets in order, one per statement that returned columns.
    public var resultSets: [ResultSet] { statements.compactMap(\.result) }
}

extension SQLiteConnection {
    /// Runs a script statement by statement, exactly as written: no transaction of its own
    /// around it, so the script's `BEGIN`, `COMMIT` and `ROLLBACK` behave as they say.
    ///
    /// - Parameters:
    ///   - continueAfterErrors: go on with the next statement after a failure, as the
    ///     sqlite3 shell does; by default the script stops at its first failure.
    ///   - injectFailure: asked with each statement's position and text; `true` makes that
    ///     statement fail without running.
    public func execute(
        _ script: String, continueAfterErrors: Bool = false,
        injectFailure: ((_ index: Int, _ sql: String) -> Bool)? = nil
    ) -> ScriptRun {
        let started = ContinuousClock.now
        let seconds = timeoutSeconds.isFinite ? min(max(timeoutSeconds, 0), 1e6) : 1e6
        hooks.deadline = started.advanced(by: .milliseconds(Int64(seconds * 1000)))
        hooks.interrupted = false
        hooks.readTables = []
        hooks.writtenTables = []
        defer { hooks.deadline = nil }

        let bytes = Array(script.utf8)
        var spans: [StatementSpan]?
        var outcomes: [StatementOutcome] = []
        var offset = 0
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { text in
                while true {
                    let start = SQLTokenizer.skipTrivia(bytes, from: offset)
                    guard start < bytes.count else { return }
                    var statement: OpaquePointer?
                    var tail: UnsafePointer<CChar>?
                    let status = sqlite3_prepare_v2(handle, text + start, -1, &statement, &tail)
                    if status != SQLITE_OK {
                        let errorOffset = Int(sqlite3_error_offset(handle))
                        let failure = failure(status, at: errorOffset >= 0 ? start + errorOffset : start)
                        spans = spans ?? SQLStatementSplitter.statements(script)
                        let end = spans!.first { $0.end > start }?.end ?? bytes.count
                        outcomes.append(outcome(bytes, start, max(end, start + 1), failure: failure))
                        guard continueAfterErrors, !hooks.interrupted else { return }
                        offset = max(end, start + 1)
                        continue
                    }
                    let end = tail.map { text.distance(to: $0) } ?? bytes.count
                    guard let statement else {
                        if end <= start { return }
                        offset = end
                        continue
                    }
                    let sql = String(decoding: bytes[start..<end], as: UTF8.self)
                    if injectFailure?(outcomes.count, sql) == true {
                        sqlite3_finalize(statement)
                        let failure = StatementFailure(
                            kind: .injected, code: SQLITE_ABORT, message: "failure injected", offset: start)
                        outcomes.append(outcome(bytes, start, end, failure: failure))
                    } else {
                        outcomes.append(step(statement, bytes: bytes, start: start, end: end))
                    }
                    offset = end
                    if let failure = outcomes.last?.failure, failure.kind != .injected,
                        !continueAfterErrors || failure.kind == .timeout
                    {
                        return
                    }
                }
            }
        }
        let elapsed = ContinuousClock.now - started
        return ScriptRun(
            statements: outcomes, readTables: hooks.readTables, writtenTables: hooks.writtenTables,
            durationSeconds: elapsed.seconds)
    }

    /// Prepares every statement of a script without running it: the failures SQLite reports
    /// before execution (syntax errors first, then missing tables and columns).
    public func prepareEach(_ script: String) -> [StatementFailure] {
        var failures: [StatementFailure] = []
        let bytes = Array(script.utf8)
        for span in SQLStatementSplitter.statements(script) {
            let text = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            var statement: OpaquePointer?
            let status = sqlite3_prepare_v2(handle, text, -1, &statement, nil)
            if status == SQLITE_OK {
                sqlite3_finalize(statement)
            } else {
                let errorOffset = Int(sqlite3_error_offset(handle))
                failures.append(failure(status, at: span.start + max(errorOffset, 0)))
            }
        }
        return failures
    }

    /// Runs one statement for the checker's own purposes (reading a table, a query plan)
    /// without recording the tables it touches.
    func query(_ sql: String) -> ResultSet? {
        let saved = (hooks.recording, hooks.readTables, hooks.writtenTables)
        hooks.recording = false
        defer { (hooks.recording, hooks.readTables, hooks.writtenTables) = saved }
        let run = execute(sql)
        guard run.failure == nil else { return nil }
        return run.resultSets.last ?? ResultSet(columns: [], rows: [])
    }

    /// Every row of a table, in storage order.
    func rows(ofTable name: String) -> ResultSet? {
        query("SELECT * FROM \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
    }

    /// Names of the indexes of the `main` schema, including those behind UNIQUE constraints.
    func indexNames() -> [String] {
        let rows = query("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")?.rows ?? []
        return rows.compactMap { if case .text(let name) = $0.first { name } else { nil } }
    }

    /// Names of the tables of the `main` schema, sorted.
    public func tableNames() -> [String] {
        let rows = query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")?.rows ?? []
        return rows.compactMap { if case .text(let name) = $0.first { name } else { nil } }
    }

    private func failure(_ status: Int32, at offset: Int) -> StatementFailure {
        let code = sqlite3_extended_errcode(handle)
        let message = String(cString: sqlite3_errmsg(handle))
        return StatementFailure(
            kind: StatementFailure.classify(code: code == 0 ? status : code, message: message, interrupted: hooks.interrupted),
            code: code == 0 ? status : code, message: message, offset: offset)
    }

    private func outcome(_ bytes: [UInt8], _ start: Int, _ end: Int, failure: StatementFailure) -> StatementOutcome {
        let end = min(end, bytes.count)
        return StatementOutcome(
            start: start, end: end, sql: String(decoding: bytes[start..<max(start, end)], as: UTF8.self),
            result: nil, changes: 0, failure: failure)
    }

    private func step(_ statement: OpaquePointer, bytes: [UInt8], start: Int, end: Int) -> StatementOutcome {
        defer { sqlite3_finalize(statement) }
        let columnCount = Int(sqlite3_column_count(statement))
        let columns = (0..<columnCount).map { String(cString: sqlite3_column_name(statement, Int32($0))) }
        var rows: [[SQLValue]] = []
        var rowCount = 0
        let changesBefore = sqlite3_total_changes64(handle)
        var failure: StatementFailure?
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_ROW {
                rowCount += 1
                if rows.count < limits.keptRows {
                    rows.append((0..<columnCount).map { value(statement, Int32($0)) })
                }
            } else {
                if status != SQLITE_DONE { failure = self.failure(status, at: start) }
                break
            }
        }
        return StatementOutcome(
            start: start, end: end, sql: String(decoding: bytes[start..<end], as: UTF8.self),
            result: columnCount > 0 ? ResultSet(columns: columns, rows: rows, rowCount: rowCount) : nil,
            changes: Int(sqlite3_total_changes64(handle) - changesBefore), failure: failure)
    }

    private func value(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let blob = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default: return .null
        }
    }
}
