public import Foundation

/// Counts the instructions one loop of a workload executes, under valgrind's callgrind
/// with `PYTHONHASHSEED=0`: the program runs once with the loops and once without, and
/// the difference divided by the loops is the count. Interpreter start-up, imports and
/// setup cancel out; what remains changed by less than 0.1% between runs here. Each run
/// starts in a fresh working directory seeded with the benchmark's fixtures, as a sample does.
///
/// It runs `/usr/bin/python3.11` (the build the worker embeds) directly rather than a
/// worker, because a worker's own start-up under valgrind takes far longer.
public struct InstructionCounter: Sendable {
    public var valgrind: String
    public var python: String

    public init(valgrind: String, python: String = "/usr/bin/python3.11") {
        self.valgrind = valgrind
        self.python = python
    }

    /// The counter when valgrind and the Python executable are installed.
    public static func available() -> InstructionCounter? {
        let python = "/usr/bin/python3.11"
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in paths {
            let candidate = "\(directory)/valgrind"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return InstructionCounter(valgrind: candidate, python: python)
            }
        }
        return nil
    }

    /// Instructions per loop of `workload`, a side of `benchmark`, run `loops` times;
    /// `directory` holds the program, callgrind's output and the working directories.
    public func instructionsPerLoop(
        _ workload: Workload, of benchmark: BenchmarkSpec, loops: Int, in directory: URL
    ) throws(BenchError) -> Double {
        let with = try count(workload, fixtures: benchmark.fixtures, loops: max(loops, 1), in: directory)
        let without = try count(workload, fixtures: benchmark.fixtures, loops: 0, in: directory)
        return max(0, with - without) / Double(max(loops, 1))
    }

    private func count(_ workload: Workload, fixtures: [String], loops: Int, in directory: URL) throws(BenchError) -> Double {
        let workingDirectory = try WorkingDirectory.make(in: directory, fixtures: fixtures)
        defer { try? FileManager.default.removeItem(at: workingDirectory) }
        let script = directory.appendingPathComponent("verify_bench.py")
        let output = directory.appendingPathComponent("callgrind.out")
        let program = PythonHarness.program(PythonHarness.Request(mode: .count, workload: workload, loops: loops))
        do {
            try program.write(to: script, atomically: true, encoding: .utf8)
        } catch {
            throw BenchError("cannot write \(script.path): \(error)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = [
            "--tool=callgrind", "--callgrind-out-file=\(output.path)", "-q", python, "-s", script.path,
        ]
        process.currentDirectoryURL = workingDirectory
        // As in a worker, modules among the fixtures can be imported.
        var environment = ["PYTHONHASHSEED": "0", "LANG": "C.UTF-8", "PYTHONPATH": workingDirectory.path]
        for key in ["PATH", "HOME"] { environment[key] = ProcessInfo.processInfo.environment[key] }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BenchError("cannot start valgrind: \(error)")
        }
        let stdout = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, PythonHarness.answer(in: stdout) != nil else {
            throw BenchError("the workload failed under valgrind (status \(process.terminationStatus))")
        }
        guard let text = try? String(contentsOf: output, encoding: .utf8),
            let total = Self.total(inCallgrindOutput: text)
        else {
            throw BenchError("callgrind wrote no instruction total")
        }
        return total
    }

    /// The `summary:` (or `totals:`) line of a callgrind output file.
    static func total(inCallgrindOutput text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix("summary:") || line.hasPrefix("totals:") {
            if let value = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) { return value }
        }
        return nil
    }
}
