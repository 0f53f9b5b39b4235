import Foundation
import Pipeline
import Testing
import VerifyCore

/// Claims judged against real runs: the Fixtures document with true and false claims
/// of every kind, the seeds (nothing true may fail), directives and --accept.
@Suite("Claims in real runs")
struct ClaimRunTests {
    static let fixture = Repository.fixtures.appendingPathComponent("claims.md").path

    private func claims(_ report: Report) -> [Int: (ClaimReport.Kind, ClaimReport.Status)] {
        var result: [Int: (ClaimReport.Kind, ClaimReport.Status)] = [:]
        for claim in report.documents.flatMap(\.snippets).flatMap(\.claims) { result[claim.line] = (claim.kind, claim.status) }
        return result
    }

    @Test func fixtureClaimsHoldAndFailWhereTheyShould() async throws {
        let report = try await verify(paths: [Self.fixture])
        let judged = claims(report)
        let expected: [Int: (ClaimReport.Kind, ClaimReport.Status)] = [
            14: (.stdout, .holds), 15: (.stdout, .fails), 16: (.stdout, .holds), 17: (.stdout, .holds),
            26: (.stdout, .holds), 34: (.stdout, .fails), 46: (.stdout, .holds), 56: (.stdout, .fails),
            63: (.value, .holds), 65: (.value, .fails),
            71: (.raises, .holds), 72: (.raises, .holds), 73: (.raises, .holds), 74: (.raises, .holds),
            75: (.raises, .holds), 76: (.raises, .fails),
            82: (.doctest, .holds), 84: (.doctest, .fails), 94: (.prose, .holds), 100: (.prose, .fails),
            117: (.stdout, .holds),
        ]
        #expect(judged.keys.sorted() == expected.keys.sorted())
        for (line, (kind, status)) in expected {
            #expect(judged[line]?.0 == kind, "line \(line)")
            #expect(judged[line]?.1 == status, "line \(line)")
        }
        let failing = report.documents[0].snippets.flatMap(\.claims).filter { $0.status == .fails }
        #expect(failing.allSatisfy { $0.expected != nil && $0.actual != nil })
        let wrongSum = try #require(failing.first { $0.line == 15 })
        #expect((wrongSum.expected, wrongSum.actual) == ("8", "7"))
        let expectedError = try #require(report.documents[0].snippets.last)
        #expect(expectedError.status == .passed)
        #expect(expectedError.reason == "raised ZeroDivisionError as expected")
    }

    @Test func acceptRewritesAFixtureCopySoThatItPasses() async throws {
        let directory = try TemporaryDirectory()
        let copy = directory.url.appendingPathComponent("claims.md").path
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: copy)
        let options = RunOptions(jobs: 1, workerExecutable: BuildProducts.worker)
        let first = try await Verifier(options: options).verify(paths: [copy])
        #expect(first.report.failsGate)
        let accepted = AcceptedChanges(first.edits)
        #expect(accepted.changes.count == 1)
        let rewritten = try #require(accepted.changes.first?.rewritten)
        #expect(rewritten.contains("print(add(3, 4))   # 7, which is wrong"))
        #expect(rewritten.contains("# cubes = [0, 1, 8, 27]"))
        #expect(rewritten.contains("This produces `[1, 3, 5]`."))
        try accepted.write()
        let second = try await Verifier(options: options).run(paths: [copy])
        #expect(!second.failsGate)
        #expect(second.documents[0].snippets.flatMap(\.claims).allSatisfy { $0.status != .fails })
    }

    @Test(.enabled(if: !SeedGoldenTests.seedPaths.isEmpty, "../shared/seeds is not present"))
    func nothingTrueInTheSeedsFails() async throws {
        let report = try await verify(paths: SeedGoldenTests.seedPaths, timeout: 8)
        let claims = report.documents.flatMap(\.snippets).flatMap(\.claims)
        #expect(claims.allSatisfy { $0.status != .fails })
        let checked = claims.filter { $0.kind != .performance && $0.kind != .sqlResult }
        #expect(checked.count == 18)
        #expect(checked.allSatisfy { $0.status == .holds })
        let shallow = try #require(claims.first { $0.text.hasPrefix("print(shallow_copy[0][0])") })
        #expect((shallow.line, shallow.expected, shallow.actual) == (281, "99", "99"))
    }

    /// A generator resumed from two lines prints from the same line of its own each
    /// time: each output still goes to the line that resumed it.
    @Test func outputOfAGeneratorGoesToTheLineThatResumedIt() async throws {
        let report = try await verify(python("""
            def counter():
                n = 0
                while True:
                    n += 1
                    print(n)
                    yield
            count = counter()
            next(count)  # 1
            next(count)  # 2
            """))
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.claims.map(\.status) == [.holds, .holds], "\(snippet.claims)")
        #expect(snippet.claims.map(\.actual) == ["1", "2"])
    }

    /// Watching output for claims keeps no frame alive: a returned function's locals are
    /// freed, and their finalizers print, when they would be without the claim.
    @Test func outputClaimsDoNotDelayFinalizers() async throws {
        let report = try await verify(python("""
            class Noisy:
                def __del__(self):
                    print("deleted")

            def f():
                n = Noisy()
                print("in f")

            f()
            print("after")  # after
            """))
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.stdout == "in f\ndeleted\nafter\n")
        #expect(snippet.claims.map(\.status) == [.holds])
    }

    @Test func outputBeforeATimeoutStillCounts() async throws {
        // Judged from the records the worker streamed, line by line, before it was killed.
        let report = try await verify(python("""
            print("first")  # first
            for i in range(2):
                print(i)  # 0
            print("third")  # third
            while True:
                pass
            """), timeout: 2)
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.status == .timeout)
        #expect(snippet.claims.map(\.status) == [.holds, .fails, .holds])
        #expect(snippet.claims.map(\.actual) == ["first", "0\n1", "third"])
    }

    @Test func directivesChangeHowASnippetRuns() async throws {
        let markdown = """
            <!-- verify: skip -->
            ```python
            raise SystemExit(9)
            ```

            <!-- verify: timeout 1 -->
            ```python
            import time
            time.sleep(5)
            ```

            <!-- verify: expect-error KeyError -->
            ```python
            {}["missing"]
            ```

            <!-- verify: expect-error KeyError -->
            ```python
            print("fine")
            ```

            ```python
            shared = 41
            ```

            <!-- verify: context document -->
            ```python
            print(shared + 1)  # 42
            ```

            <!-- verify: context standalone -->
            ```python
            print(shared)
            ```
            """
        let report = try await verify(markdown, timeout: 20)
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.map(\.status) == [.skipped, .timeout, .passed, .failed, .passed, .passed, .skipped])
        #expect(snippets[0].reason == "directive: skip")
        #expect(snippets[1].reason == "still running after 1 s; stopped")
        #expect(snippets[3].reason == "expected KeyError, but nothing was raised")
        #expect(snippets[5].context == .document)
        #expect(snippets[5].claims.map(\.status) == [.holds])
        #expect(snippets[6].reason == "fragment: undefined name shared")
    }

    @Test func fixtureDirectiveCopiesAFile() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("payload\n", to: "data/input.txt")
        let path = try directory.write(
            "<!-- verify: fixture data/input.txt -->\n" + python("print(open('input.txt').read().strip())  # payload"),
            to: "doc.md")
        let report = try await verify(paths: [path])
        let snippet = try #require(report.documents.first?.snippets.first)
        #expect(snippet.status == .passed)
        #expect(snippet.claims.map(\.status) == [.holds])
    }

    @Test func unknownDirectiveIsAnInputError() async throws {
        let report = try await verify("<!-- verify: skipp -->\n" + python("print(1)"))
        #expect(report.inputErrors.count == 1)
        #expect(report.inputErrors.first?.path.hasSuffix("doc.md:1") == true)
        #expect(report.inputErrors.first?.message.hasPrefix("unknown directive 'skipp'") == true)
    }
}
