import Testing
@testable import Supervisor

/// A worker's output cut into jobs at its end-of-job marker, however the bytes arrive.
@Suite("Job output stream")
struct JobOutputStreamTests {
    private let marker = Array("\u{1F}END\u{1F}".utf8)

    private func split(_ chunks: [String], jobs: Int, limit: Int = 1 << 20) -> [String] {
        var stream = JobOutputStream(marker: marker, limit: limit)
        for chunk in chunks { stream.append(Array(chunk.utf8)[...]) }
        return (0..<jobs).map { _ in stream.takeJob().text }
    }

    @Test func markersInOneChunk() {
        #expect(split(["a\n\u{1F}END\u{1F}b\u{1F}END\u{1F}\u{1F}END\u{1F}c"], jobs: 4) == ["a\n", "b", "", "c"])
    }

    @Test func aMarkerCutAcrossChunks() {
        #expect(split(["one\u{1F}E", "N", "D\u{1F}two"], jobs: 2) == ["one", "two"])
    }

    @Test func whatLooksLikeTheStartOfAMarkerButIsNotOneIsOutput() {
        #expect(split(["x\u{1F}EN", "Dy\u{1F}END\u{1F}z"], jobs: 2) == ["x\u{1F}ENDy", "z"])
        #expect(split(["tail\u{1F}E"], jobs: 1) == ["tail\u{1F}E"])
    }

    @Test func theLimitHoldsForEachJob() {
        var stream = JobOutputStream(marker: marker, limit: 3)
        stream.append(Array("abcdef\u{1F}END\u{1F}gh".utf8)[...])
        let first = stream.takeJob()
        #expect(first.bytes == Array("abc".utf8) && first.droppedBytes == 3)
        #expect(stream.takeJob().bytes == Array("gh".utf8))
    }
}
