/// Line-by-line differences between two texts: the edit script behind the diffs
/// shown for failing output claims and printed by `--accept`.
public enum LineDiff {
    public struct Operation: Sendable {
        public enum Kind: Sendable { case same, deleted, inserted }
        public var kind: Kind
        /// Index in the old lines (for inserted: the old position it is inserted at).
        public var oldLine: Int
        public var newLine: Int
    }

    /// The edit script between two line arrays: common prefix and suffix trimmed, the
    /// middle by longest common subsequence (edits are small, so the middle is too).
    public static func operations(_ a: [String], _ b: [String]) -> [Operation] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)])
        let newMiddle = Array(b[prefix..<(b.count - suffix)])
        var table = Array(repeating: Array(repeating: 0, count: newMiddle.count + 1), count: oldMiddle.count + 1)
        for i in stride(from: oldMiddle.count - 1, through: 0, by: -1) {
            for j in stride(from: newMiddle.count - 1, through: 0, by: -1) {
                table[i][j] = oldMiddle[i] == newMiddle[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var operations = (0..<prefix).map { Operation(kind: .same, oldLine: $0, newLine: $0) }
        var i = 0
        var j = 0
        while i < oldMiddle.count || j < newMiddle.count {
            if i < oldMiddle.count, j < newMiddle.count, oldMiddle[i] == newMiddle[j] {
                operations.append(Operation(kind: .same, oldLine: prefix + i, newLine: prefix + j))
                i += 1
                j += 1
            } else if i < oldMiddle.count, j == newMiddle.count || table[i + 1][j] >= table[i][j + 1] {
                operations.append(Operation(kind: .deleted, oldLine: prefix + i, newLine: prefix + j))
                i += 1
            } else {
                operations.append(Operation(kind: .inserted, oldLine: prefix + i, newLine: prefix + j))
                j += 1
            }
        }
        for k in 0..<suffix {
            operations.append(Operation(kind: .same, oldLine: a.count - suffix + k, newLine: b.count - suffix + k))
        }
        return operations
    }

    /// `-` lines are expected, `+` lines are actual; unchanged lines start with a space.
    public static func unified(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let body = operations(old, new).map { operation in
            switch operation.kind {
            case .same: " " + old[operation.oldLine]
            case .deleted: "-" + old[operation.oldLine]
            case .inserted: "+" + new[operation.newLine]
            }
        }
        return (["--- expected", "+++ actual"] + body).joined(separator: "\n")
    }
}
