import Foundation
public import VerifyCore

/// Turns a bench report into one output format, like `Reporter` for `verify run`.
public protocol BenchReporter: Sendable {
    static var identifier: String { get }
    func report(_ report: BenchReport) -> String
}

/// Columns padded to their widest cell; a row of one cell stands alone, unpadded.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    func render(indent: String = "") -> String {
        let widths = header.indices.map { column in
            ([header] + rows.filter { $0.count > 1 }).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return ([header] + rows).map { row in
            if row.count == 1 { return indent + row[0] }
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            return indent + cells.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
