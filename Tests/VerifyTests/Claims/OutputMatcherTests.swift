import Claims
import Testing

@Suite("Output matching")
struct OutputMatcherTests {
    @Test(arguments: [
        ("a\nb", "a  \nb\n\n", nil as String?),
        ("<Obj at 0x7f3a12cd>", "<Obj at 0x55aa00ff11>", nil),
        ("3.14", "3.14159", "numbers within the stated precision"),
        ("Took ... seconds", "Took 0.25 seconds", "'...' matched"),
        ("3", "3.0", "numbers within the stated precision"),
    ])
    func equalUnderTheRules(expected: String, actual: String, note: String?) {
        #expect(OutputMatcher.compare(expected: expected, actual: actual) == .equal(note: note))
    }

    @Test(arguments: [("3.14", "3.15"), ("3", "3.5"), ("a\nb", "b\na"), ("x", "")])
    func different(expected: String, actual: String) {
        #expect(OutputMatcher.compare(expected: expected, actual: actual) == .different)
    }

    @Test func linesAsAMultisetOnlyWhenUnordered() {
        #expect(OutputMatcher.compare(expected: "a\nb", actual: "b\na", unordered: true) == .equal(note: "unordered"))
        #expect(OutputMatcher.compare(expected: "a\na", actual: "a\nb", unordered: true) == .different)
    }
}
