import Foundation
import Testing
import VerifyCore

/// The embedded CPython as snippets see it, through real worker processes.
@Suite("Python runtime")
struct RuntimeTests {
    private func only(_ report: Report) throws -> SnippetReport {
        try #require(report.documents.first?.snippets.first)
    }

    @Test func outputFromThreadsCCodeAndChildProcessesIsCapturedInOrder() async throws {
        let snippet = try only(try await verify(python("""
            import os, subprocess, threading
            print("one")
            t = threading.Thread(target=lambda: print("two"))
            t.start(); t.join()
            os.write(1, b"three\\n")
            subprocess.run(["echo", "four"])
            os.system("echo five >&2")
            """)))
        #expect(snippet.status == .passed)
        #expect(snippet.stdout == "one\ntwo\nthree\nfour\n")
        #expect(snippet.stderr == "five\n")
    }

    @Test func warningsAndPrintedTracebacksOnStderrNameTheDocumentAndItsLines() async throws {
        let directory = try TemporaryDirectory()
        let first = python("def divide():\n    return 1 / 0\n")
        let second = python("""
            import traceback, warnings
            warnings.warn("careful")
            x = 1
            if x is 1:
                pass
            try:
                divide()
            except ZeroDivisionError:
                traceback.print_exc()
            """)
        let path = try directory.write("# T\n\n" + first + "\n" + second, to: "doc.md")
        let report = try await verify(paths: [path])
        let stderr = try #require(report.documents.first?.snippets.last?.stderr)
        // The first fence holds lines 4 to 6; the second opens on line 9.
        #expect(stderr.contains("\(path):11: UserWarning: careful"), "\(stderr)")
        #expect(stderr.contains("\(path):13: SyntaxWarning: \"is\" with a literal"), "\(stderr)")
        #expect(stderr.contains("File \"\(path)\", line 16, in <module>"), "\(stderr)")
        #expect(stderr.contains("File \"\(path)\", line 5, in divide"), "\(stderr)")
        #expect(!stderr.contains("verify-worker-"), "\(stderr)")
    }

    @Test func exceptionIsDataWithItsDocumentLine() async throws {
        let markdown = "# Title\n\nSome text.\n\n" + python("""
            def inner():
                raise KeyError("missing")

            inner()
            """)
        let snippet = try only(try await verify(markdown))
        #expect(snippet.status == .error)
        #expect(snippet.error?.type == "KeyError")
        #expect(snippet.error?.message == "'missing'")
        #expect(snippet.error?.line == 7)
        #expect(snippet.line == 5)
    }

    @Test func syntaxErrorAtItsDocumentLine() async throws {
        let snippet = try only(try await verify("Intro\n\n" + python("x = 1\nif x\n    pass")))
        #expect(snippet.status == .syntaxError)
        #expect(snippet.error?.line == 5)
        #expect(snippet.error?.type == "SyntaxError")
    }

    /// In a list item the code lost the item's indentation: the column and the lines the
    /// compiler's message names are the document's.
    @Test func syntaxErrorsInAListItemPointAtDocumentColumnsAndLines() async throws {
        let report = try await verify("""
            # T

            - item

                ```python
                def f(:
                    pass
                ```

            - other

              ```python
              x = 1
              if x:
              pass
              ```
            """)
        let errors = try #require(report.documents.first?.snippets).map(\.error)
        #expect(errors.map { $0?.line } == [6, 15])
        #expect(errors.map { $0?.column } == [11, 3])
        #expect(errors.last??.message == "expected an indented block after 'if' statement on line 14")
    }

    @Test func indentationErrorIsASyntaxError() async throws {
        let snippet = try only(try await verify(python("for x in range(3):\n# nothing")))
        #expect(snippet.status == .syntaxError)
        #expect(snippet.error?.type == "IndentationError")
        #expect(snippet.error?.line == 3)
    }

    @Test func runsAsMainFromItsOwnFileWithItsOwnArgv() async throws {
        let snippet = try only(try await verify(python("""
            import os, sys
            print(__name__)
            print(os.path.basename(sys.argv[0]), len(sys.argv))
            print(os.path.basename(__file__))
            print(sys.executable)
            print(os.listdir("."))
            """)))
        #expect(snippet.stdout == "__main__\ndoc_L1.py 1\ndoc_L1.py\n/usr/bin/python3.11\n[]\n")
    }

    @Test func utf8OutputAndEmptyStdin() async throws {
        let snippet = try only(try await verify(python("""
            print("é ü 日本 🐍")
            try:
                input()
            except EOFError:
                print("EOF")
            """)))
        #expect(snippet.status == .passed, "\(snippet)")
        #expect(snippet.stdout == "é ü 日本 🐍\nEOF\n")
    }

    @Test(arguments: ["fork", "spawn", "forkserver"])
    func multiprocessingPoolWorksWithEachStartMethod(method: String) async throws {
        let snippet = try only(try await verify(python("""
            import multiprocessing as mp

            def square(x):
                return x * x

            if __name__ == "__main__":
                with mp.get_context("\(method)").Pool(2) as pool:
                    print(pool.map(square, range(6)))
            """)))
        #expect(snippet.status == .passed)
        #expect(snippet.stdout == "[0, 1, 4, 9, 16, 25]\n")
    }

    /// The worker starts without `site` and imports it before the first snippet that is
    /// not plain: such a snippet, and a process it spawns, see Python as it normally starts.
    @Test func siteIsImportedForASnippetThatMayNeedIt() async throws {
        let report = try await verify(
            python("print(sum(range(4)))  # 6") + "\n"
                + python("""
                    import multiprocessing as mp, site, sys

                    def flag(queue):
                        import sys
                        queue.put((sys.flags.no_site, "site" in sys.modules))

                    if __name__ == "__main__":
                        context = mp.get_context("spawn")
                        queue = context.Queue()
                        child = context.Process(target=flag, args=(queue,))
                        child.start()
                        print(sys.flags.no_site, callable(exit), any(p.endswith("-packages") for p in sys.path))
                        print(*queue.get())
                        child.join()
                    """))
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.map(\.status) == [.passed, .passed], "\(snippets)")
        #expect(snippets.last?.stdout == "0 True True\n0 True\n")
    }

    @Test func fixturesSeedTheWorkingDirectory() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("42\n", to: "fixtures/answer.txt")
        let document = try directory.write(python("print(open('answer.txt').read().strip())"), to: "doc.md")
        let snippet = try only(try await verify(paths: [document]))
        #expect(snippet.stdout == "42\n")
    }

    @Test func eachSnippetGetsAFreshMainAndWorkingDirectory() async throws {
        let report = try await verify(
            python("leak = 1\nopen('written.txt', 'w').write('x')")
                + python("import os\nprint('leak' in globals(), os.listdir('.'))"))
        let second = try #require(report.documents.first?.snippets.last)
        #expect(second.stdout == "False []\n")
    }

    @Test func missingDependencyProgramNeedsFileAndFragmentAreSkipsWithReasons() async throws {
        let report = try await verify(
            python("import not_a_real_module_xyz") + python("open('data/input.csv')") + python("print(nowhere_defined)")
                + python("import subprocess\nsubprocess.run(['no_such_program_xyz', '--version'])"))
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.map(\.status) == [.skipped, .skipped, .skipped, .skipped])
        #expect(snippets.map(\.reason) == [
            "missing-dependency: not_a_real_module_xyz", "needs-file: data/input.csv",
            "fragment: undefined name nowhere_defined", "missing-program: no_such_program_xyz",
        ])
    }

    /// A `>>>` session takes the names of the snippets before it, and gives its own to
    /// the snippets after it.
    @Test func sessionsTakePartInTheDocumentsContext() async throws {
        let report = try await verify(
            python("def helper():\n    return 3") + "```pycon\n>>> helper()\n3\n>>> x = 5\n```\n"
                + python("print(x + helper())"))
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.map(\.status) == [.passed, .passed, .passed])
        #expect(snippets.map(\.context) == [.standalone, .document, .document])
        #expect(snippets[1].claims.map(\.status) == [.holds, .holds])
        #expect(snippets.last?.stdout == "8\n")
    }

    /// A NameError the writer expects is not taken for a fragment, and one that stays with
    /// the earlier snippets' names is the snippet's error.
    @Test func aNameErrorThatIsMeantOrRealIsNoFragment() async throws {
        let report = try await verify(
            python("items = [1, 2]\nx = 1")
                + "<!-- verify: expect-error NameError -->\n" + python("print(items)")
                + python("del x\nprint(x)"))
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.map(\.status) == [.passed, .passed, .error])
        #expect(snippets.map(\.context) == [.standalone, .standalone, .document])
        #expect(snippets.last?.reason == "NameError: name 'x' is not defined")
        #expect(snippets.last?.error?.line == 11)
    }

    /// Replaying the earlier snippets for a fragment does not spend its time limit, and
    /// its duration is its own.
    @Test func theDocumentsContextHasTimeOfItsOwn() async throws {
        let report = try await verify(
            python("import time\ntime.sleep(1.2)\na = 1") + python("import time\ntime.sleep(1.2)\nb = 2")
                + python("print(a + b)"),
            timeout: 2)
        let last = try #require(report.documents.first?.snippets.last)
        #expect(last.status == .passed, "\(last.reason ?? "")")
        #expect(last.context == .document)
        #expect(last.stdout == "3\n")
        #expect(try #require(last.durationSeconds) < 2.4)
    }

    /// A signal sent to the process reaches the snippet's thread, as it reaches a
    /// script's main thread: it interrupts a sleep, and its handler runs at once.
    @Test func signalsSentToTheProcessReachTheSnippet() async throws {
        let report = try await verify(python("""
            import signal, time

            def handler(signum, frame):
                raise TimeoutError("took too long")

            signal.signal(signal.SIGALRM, handler)
            signal.alarm(1)
            try:
                time.sleep(30)
            except TimeoutError as error:
                print("caught:", error)
            """) + python("""
            import os, signal
            signal.signal(signal.SIGUSR1, lambda *arguments: print("handled"))
            os.kill(os.getpid(), signal.SIGUSR1)
            print("after kill")
            """) + python("import os, signal\nos.kill(os.getpid(), signal.SIGINT)\nprint('unreached')"), timeout: 10)
        let snippets = try #require(report.documents.first?.snippets)
        #expect(snippets.map(\.status) == [.passed, .passed, .error])
        #expect(snippets.map(\.stdout) == ["caught: took too long\n", "handled\nafter kill\n", nil])
        #expect(snippets.last?.error?.type == "KeyboardInterrupt")
    }

    @Test func anExceptionWhoseStrRaisesIsStillData() async throws {
        let snippet = try only(try await verify(python("""
            class Unprintable(Exception):
                def __str__(self):
                    raise RuntimeError("no")

            raise Unprintable()
            """)))
        #expect(snippet.status == .error)
        #expect(snippet.error?.type == "Unprintable")
        #expect(snippet.error?.message == "<exception str() failed>")
        #expect(snippet.error?.line == 6)
    }

    @Test func fragmentRunsWithTheNamesOfEarlierSnippets() async throws {
        let report = try await verify(
            python("import copy\noriginal = [[1, 2], [3, 4]]\nprint('first')")
                + "Text between.\n\n"
                + python("deep = copy.deepcopy(original)\ndeep[0][0] = 99\nprint(original[0][0])"))
        let second = try #require(report.documents.first?.snippets.last)
        #expect(second.status == .passed)
        #expect(second.context == .document)
        #expect(second.stdout == "1\n")
    }
}
