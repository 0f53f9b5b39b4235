public import VerifyCore

extension ClaimReport {
    /// The claim's text on one line: its first line.
    public var headline: String {
        text.split(separator: "\n").first.map(String.init) ?? text
    }

    /// Why a failing claim fails, line by line: the diff of expected and actual output
    /// when the checker made one, otherwise `expected:` and `actual:` with the reason.
    public var explanation: [String] {
        if let reason, reason.hasPrefix("--- expected") {
            return reason.split(separator: "\n").map(String.init)
        }
        if let expected, let actual, expected.contains("\n") || actual.contains("\n") {
            return LineDiff.unified(expected: expected, actual: actual).split(separator: "\n").map(String.init)
                + (reason.map { ["(\($0))"] } ?? [])
        }
        var lines = ["expected: \(expected ?? "")", "actual:   \(actual ?? "")"]
        if let reason { lines.append("(\(reason))") }
        return lines
    }
}
