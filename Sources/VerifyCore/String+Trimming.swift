// Each method is declared on String and on Substring, not on StringProtocol: a generic
// method of another module is called unspecialized, through witness tables, at many
// times the cost (and these run for every line of every snippet).

package extension String {
    /// The text without the whitespace at its end.
    func trimmingTrailingSpaces() -> String { Substring(self).trimmingTrailingSpaces() }

    /// The text without the whitespace at either end.
    func trimmingSpaces() -> String { Substring(self).trimmingSpaces() }
}

package extension Substring {
    /// The text without the whitespace at its end.
    func trimmingTrailingSpaces() -> String {
        // ASCII whitespace is cut on the bytes; anything else goes through Characters.
        let bytes = utf8
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            let byte = bytes[before]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                end = before
            } else if byte < 0x80 {
                return String(self[..<end])
            } else {
                break
            }
        }
        var copy = String(self[..<end])
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }

    /// The text without the whitespace at either end.
    func trimmingSpaces() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == 0x20 || (0x09...0x0D).contains(bytes[start]) {
            start = bytes.index(after: start)
        }
        if start < bytes.endIndex, bytes[start] >= 0x80 {
            // A combining mark may make the last space part of a Character.
            return drop { $0.isWhitespace }.trimmingTrailingSpaces()
        }
        return self[start...].trimmingTrailingSpaces()
    }
}
