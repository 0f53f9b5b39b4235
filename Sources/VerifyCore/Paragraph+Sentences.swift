package extension String {
    /// The range of the sentence holding `range`: from after the previous `.`, `!` or `?`
    /// that ends a sentence to the next one, without leading whitespace.
    func sentenceRange(around range: Range<Index>) -> Range<Index> {
        var start = range.lowerBound
        while start > startIndex {
            let previous = index(before: start)
            if ".!?".contains(self[previous]), start < endIndex, self[start].isWhitespace { break }
            start = previous
        }
        var end = range.upperBound
        while end < endIndex {
            let character = self[end]
            end = index(after: end)
            if ".!?".contains(character), end == endIndex || self[end].isWhitespace { break }
        }
        while start < end, self[start].isWhitespace { start = index(after: start) }
        return start..<end
    }
}

package extension Paragraph {
    /// The Markdown line of a position in the paragraph's text: one line further per
    /// newline before it.
    func line(of index: String.Index) -> Int {
        line + text[..<index].count { $0 == "\n" }
    }
}
