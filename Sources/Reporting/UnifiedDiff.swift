import VerifyCore

/// A unified diff (`diff -u` style, three lines of context) between two versions of a file.
public enum UnifiedDiff {
    public static func make(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let operations = LineDiff.operations(a, b)
        guard operations.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- \(path)\n+++ \(path)\n"
        var index = 0
        while index < operations.count {
            guard operations[index].kind != .same else {
                index += 1
                continue
            }
            var start = index
            var backtrack = 0
            while start > 0, operations[start - 1].kind == .same, backtrack < context {
                start -= 1
                backtrack += 1
            }
            var end = index
            var quiet = 0
            while end < operations.count {
                if operations[end].kind == .same {
                    quiet += 1
                    if quiet > context * 2 { break }
                } else {
                    quiet = 0
                }
                end += 1
            }
            var trailing = 0
            while trailing < end - index, operations[end - 1 - trailing].kind == .same { trailing += 1 }
            end -= max(trailing - context, 0)
            let hunk = operations[start..<end]
            let oldStart = (hunk.first?.oldLine ?? 0) + 1
            let newStart = (hunk.first?.newLine ?? 0) + 1
            let oldCount = hunk.filter { $0.kind != .inserted }.count
            let newCount = hunk.filter { $0.kind != .deleted }.count
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for operation in hunk {
                switch operation.kind {
                case .same: out += " \(a[operation.oldLine])\n"
                case .deleted: out += "-\(a[operation.oldLine])\n"
                case .inserted: out += "+\(b[operation.newLine])\n"
                }
            }
            index = end
        }
        return out
    }
}
