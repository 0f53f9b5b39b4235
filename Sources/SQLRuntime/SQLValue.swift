import Foundation

/// One value of a result set, with SQLite's storage class.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The value as sqllogictest prints it: `NULL`, integers as written, reals with three
    /// decimals, an empty string as `(empty)`, blobs as `x'…'`.
    public var normalized: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): Self.fixed(value)
        case .text(let value): value.isEmpty ? "(empty)" : value
        case .blob(let bytes): "x'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }

    /// The value as a reader expects to see it in a result: reals without trailing noise.
    public var display: String {
        switch self {
        case .real(let value): value == value.rounded() && abs(value) < 1e15 ? String(format: "%.1f", value) : String(value)
        case .text(let value): value
        default: normalized
        }
    }

    /// A real to the fixed precision results are compared at.
    static func fixed(_ value: Double) -> String {
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }
}

/// The rows one statement returned, with its column names.
public struct ResultSet: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[SQLValue]]
    /// Rows the statement returned in all, including any beyond those kept.
    public var rowCount: Int

    public init(columns: [String], rows: [[SQLValue]], rowCount: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount ?? rows.count
    }

    /// Values of the column with this name (case-insensitive), or nil when there is no such column.
    public func values(ofColumn name: String) -> [SQLValue]? {
        guard let index = columns.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
        return rows.map { $0[index] }
    }

    /// Header and rows separated by ` | `, one row a line, as in the sqlite3 shell's list mode.
    public func rendered(maximumRows: Int = 200) -> String {
        var lines = [columns.joined(separator: " | ")]
        lines += rows.prefix(maximumRows).map { $0.map(\.display).joined(separator: " | ") }
        if rowCount > maximumRows { lines.append("… \(rowCount - maximumRows) more rows") }
        return lines.joined(separator: "\n")
    }
}
