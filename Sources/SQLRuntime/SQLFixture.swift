import Foundation

/// A SQL file that creates tables snippets need, with the tables it creates.
struct SQLFixture: Sendable, Hashable {
    /// The path as the report shows it.
    var path: String
    var sql: String
    /// Tables the file creates (lower-cased), found by running it in a scratch database.
    var createdTables: Set<String>

    /// Reads a fixture file. Throws when it cannot be read; a file whose SQL fails still
    /// loads, and the failure is reported when it is used.
    init(path: String, limits: SQLLimits) throws(SQLRuntimeError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SQLRuntimeError(code: .unreadableFixture, message: "cannot read SQL fixture \(path)")
        }
        self.path = path
        self.sql = String(decoding: data, as: UTF8.self)
        let scratch = try SQLiteConnection(limits: limits)
        _ = scratch.execute(sql)
        createdTables = Set(scratch.tableNames().map { $0.lowercased() })
    }

    /// The `*.sql` files of a folder, sorted by name; none when the folder does not exist.
    static func files(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { $0.lowercased().hasSuffix(".sql") && !$0.hasPrefix(".") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }
}
