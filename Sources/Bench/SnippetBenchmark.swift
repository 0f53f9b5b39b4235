import Foundation
public import VerifyCore

/// Benchmarks made of a document's own snippets.
public enum SnippetBenchmark {
    /// A snippet marked `<!-- verify: bench -->` (or `bench` in its info string), measured
    /// on its own. Directive arguments:
    ///
    /// - `name=NAME`: the benchmark's name in baselines (default: the heading above it);
    /// - `metric=wall|cpu|memory`: the metric comparisons use (CPU time by default);
    /// - `regression=1.2`, `warning=1.1`, `alpha=0.01`, `floor=1.05`: its own thresholds;
    ///   those it does not set come from the run.
    public static func make(
        _ snippet: Snippet, directive: Directive, in document: Document, names: inout [String: Int]
    ) -> Result<BenchmarkSpec, BenchError> {
        var name: String?
        var metric: BenchMetric?
        var thresholds: ThresholdOverrides?
        for argument in directive.arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return .failure(BenchError("bench: expected key=value, got '\(argument)'")) }
            let (key, value) = (parts[0].lowercased(), parts[1])
            switch key {
            case "name":
                name = value
            case "metric":
                guard let chosen = BenchMetric(rawValue: value), [.wall, .cpu, .memory].contains(chosen) else {
                    return .failure(BenchError("bench: metric must be wall, cpu or memory, not '\(value)'"))
                }
                metric = chosen
            case "regression", "warning", "alpha", "floor":
                guard let number = Double(value), number > 0 else {
                    return .failure(BenchError("bench: \(key) must be a positive number, not '\(value)'"))
                }
                var own = thresholds ?? ThresholdOverrides()
                switch key {
                case "regression": own.regressionRatio = number
                case "warning": own.warningRatio = number
                case "alpha": own.alpha = number
                default: own.intervalFloor = number
                }
                thresholds = own
            default:
                return .failure(BenchError("bench: unknown argument '\(key)'; known: name, metric, regression, warning, alpha, floor"))
            }
        }
        let workload: Workload
        switch snippet.language.name {
        case "python": workload = Workload("snippet", body: snippet.code)
        case "sql": workload = sqlScript(snippet.code)
        default: return .failure(BenchError("bench: only Python and SQL snippets can be benchmarked"))
        }
        let base = name ?? snippet.heading.map(slug) ?? "line-\(snippet.line)"
        names[base, default: 0] += 1
        let unique = names[base]! == 1 ? base : "\(base)-\(names[base]!)"
        let id = "\(fileName(document.path))#\(unique)"
        var spec = BenchmarkSpec(
            id: id, title: snippet.heading ?? "snippet at line \(snippet.line)", sides: [workload],
            metric: metric ?? .cpu, thresholds: thresholds,
            source: SourceReference(path: document.path, line: snippet.line))
        spec.comparisonMetric = metric
        return .success(spec)
    }

    /// A SQL snippet run as a script on a fresh in-memory database each loop.
    static func sqlScript(_ sql: String) -> Workload {
        Workload(
            "snippet", setup: "import sqlite3\nSCRIPT = \(PythonHarness.pythonStringLiteral(sql))\n",
            body: "connection = sqlite3.connect(':memory:')\nconnection.executescript(SCRIPT)\nconnection.close()\n")
    }

    /// The generator-memory benchmark on a snippet that builds the same values both ways,
    /// `squares_list = [x*x for x in range(N)]` and `squares_gen = (x*x for x in range(N))`:
    /// each side iterates over its own expression; the rest of the snippet is the setup.
    static func generatorPair(in snippet: Snippet, document: Document) -> BenchmarkSpec? {
        let lines = snippet.code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lists: [String: Int] = [:]
        var generators: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            guard let value = assignedValue(line) else { continue }
            if value.hasPrefix("["), value.hasSuffix("]") { lists[String(value.dropFirst().dropLast()), default: index] = index }
            if value.hasPrefix("("), value.hasSuffix(")") { generators[String(value.dropFirst().dropLast()), default: index] = index }
        }
        guard let inner = lists.keys.filter({ generators[$0] != nil && $0.contains(" for ") }).sorted().first else { return nil }
        let setup = lines.enumerated().filter { $0.offset != lists[inner] && $0.offset != generators[inner] }
            .map(\.element).joined(separator: "\n")
        let id = "generator-memory@\(fileName(document.path))#\(snippet.heading.map(slug) ?? "line-\(snippet.line)")"
        return BenchmarkSpec(
            id: id, title: "the document's generator expression vs. its list comprehension", pattern: "generator-memory",
            sides: [
                Workload("generator", setup: setup, body: "for _ in (\(inner)):\n    pass\n"),
                Workload("list", setup: setup, body: "for _ in [\(inner)]:\n    pass\n"),
            ],
            metric: .memory, expectation: .lower, source: SourceReference(path: document.path, line: snippet.line))
    }

    /// `value` of a line `name = value` (a trailing comment dropped), if it is one.
    private static func assignedValue(_ line: String) -> String? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let target = line[..<equals].trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty, target.allSatisfy(\.isIdentifierCharacter) else { return nil }
        var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("=") { return nil }
        if let hash = value.range(of: "  #") ?? value.range(of: " #") { value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces) }
        return value
    }

    /// `1.8 Q: How would you optimize…?` as `1-8-q-how-would-you-optimize`.
    public static func slug(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return String(result.prefix(60))
    }

    static func fileName(_ path: String) -> String {
        (path as NSString).lastPathComponent
    }
}
