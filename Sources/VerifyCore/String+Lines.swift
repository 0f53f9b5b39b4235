// Declared on String and Substring, not StringProtocol: see String+Trimming.swift.

package extension String {
    /// The text cut at every line feed: `split(separator: "\n", omittingEmptySubsequences:
    /// false)` for text without `\r\n`, which Characters keep whole; here a `\r` before a
    /// line feed stays at the end of its line. Works on the UTF-8 bytes, many times faster
    /// than splitting Characters.
    func lineSlices() -> [Substring] { Substring(self).lineSlices() }

    /// How many line feeds the text has.
    var lineFeedCount: Int { utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
}

package extension Substring {
    /// See `String.lineSlices()`.
    func lineSlices() -> [Substring] {
        var lines: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            lines.append(self[start..<newline])
            start = bytes.index(after: newline)
        }
        lines.append(self[start...])
        return lines
    }
}
