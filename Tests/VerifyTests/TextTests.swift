import Testing
import VerifyCore

/// The small text helpers claims are read with.
@Suite("Text helpers")
struct TextTests {
    /// Published FNV-1a 64 values: fingerprints in saved reports and baselines depend on
    /// them, read through a buffer or byte by byte.
    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")])
    func fnv1aKeepsItsPublishedValues(_ text: String, _ hex: String) {
        #expect(FNV1a(text.utf8).hex == hex)
        #expect(FNV1a(Array(text.utf8)).hex == hex)
        #expect(FNV1a(AnySequence(text.utf8)).hex == hex)
    }

    @Test func trimmingCutsASCIIAndUnicodeWhitespace() {
        #expect("  a b \t\n".trimmingSpaces() == "a b")
        #expect("x\r\n".trimmingTrailingSpaces() == "x")
        #expect("\u{00A0}caf\u{00E9}\u{00A0} ".trimmingSpaces() == "caf\u{00E9}")
        #expect("   ".trimmingSpaces() == "")
        #expect("".trimmingTrailingSpaces() == "")
        #expect("\u{2003}x\u{2003}".trimmingSpaces() == "x")
        #expect("e\u{0301} ".trimmingTrailingSpaces() == "e\u{0301}")
        #expect("  in a substring  ".dropFirst(1).trimmingSpaces() == "in a substring")
    }

    /// Lines are cut on line-feed bytes, as Characters cut text without `\r\n`; a `\r`
    /// before a line feed stays with its line instead of keeping two lines whole.
    @Test(arguments: ["", "a", "a\n", "\n\nb", "x = 1\nprint(x)  # 1\n", "caf\u{00E9}\n\u{1F40D}\nend"])
    func lineSlicesCutWhereSplittingCharactersDoes(_ text: String) {
        let split = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(text.lineSlices() == split)
        #expect(text.dropFirst(0).lineSlices() == split)
        #expect(text.lineFeedCount == split.count - 1)
    }

    @Test func lineSlicesKeepACarriageReturnWithItsLine() {
        #expect("a\r\nb\r\n".lineSlices() == ["a\r", "b\r", ""])
        #expect("a\r\nb".lineFeedCount == 1)
        #expect("xa\nb".dropFirst().lineSlices() == ["a", "b"])
    }

    @Test func containsTextComparesBytes() {
        #expect("raises TypeError".containsText("Type"))
        #expect(!"raises TypeError".containsText("type"))
        #expect("anything".containsText(""))
        #expect("日本語のテキスト".containsText("テキ"))
        #expect(!"short".containsText("longer than short"))
        #expect("a line\nanother"[...].containsText("\n"))
    }
}
