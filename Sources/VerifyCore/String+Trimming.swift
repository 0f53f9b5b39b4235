package extension StringProtocol {
    /// The text without the whitespace at its end.
    func trimmingTrailingSpaces() -> String {
        var copy = String(self)
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }

    /// The text without the whitespace at either end.
    func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }).trimmingTrailingSpaces()
    }
}
