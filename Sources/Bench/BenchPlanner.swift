import Claims
import Foundation
public import VerifyCore

/// A performance claim of a document and the benchmark that judges it.
public struct PlannedClaim: Sendable, Hashable {
    public var path: String
    public var line: Int
    public var text: String
    public var pattern: String
    public var benchmark: String
}

/// What `verify bench` measures in a set of documents.
public struct BenchPlan: Sendable {
    public var benchmarks: [BenchmarkSpec]
    public var claims: [PlannedClaim]
    /// Directives that could not be read, at their lines.
    public var problems: [Report.InputError]
}

/// Finds what to measure in documents: one benchmark per performance pattern claimed
/// (shared by every claim of that pattern, unless a claim's own snippet fits the
/// pattern's workload), and one per snippet marked `bench`.
public struct BenchPlanner: Sendable {
    public var workloads: PatternWorkloads
    /// The fixture folder of a document, copied into each sample's working directory.
    public var fixtures: @Sendable (Document) -> String?

    public init(workloads: PatternWorkloads, fixtures: @escaping @Sendable (Document) -> String? = { _ in nil }) {
        self.workloads = workloads
        self.fixtures = fixtures
    }

    public func plan(_ documents: [Document]) -> BenchPlan {
        var benchmarks: [String: BenchmarkSpec] = [:]
        var order: [String] = []
        var claims: [PlannedClaim] = []
        var problems: [Report.InputError] = []
        func add(_ spec: BenchmarkSpec) {
            if benchmarks[spec.id] == nil { order.append(spec.id) }
            benchmarks[spec.id] = spec
        }
        for document in documents {
            let found = ClaimExtractor().performanceClaims(in: document)
            let attached = found.bySnippet.flatMap { index, claims in claims.map { ($0, Optional(index)) } }
            let all = (attached + found.unattached.map { ($0, nil as Int?) }).sorted { $0.0.line < $1.0.line }
            for (claim, owner) in all {
                guard case .performance(let pattern) = claim.check else { continue }
                var spec = snippetWorkload(pattern, for: claim, owner: owner, in: document) ?? workloads.benchmark(for: pattern)
                guard spec != nil else { continue }
                if spec!.source != nil { spec!.fixturesDirectory = fixtures(document) }
                add(spec!)
                claims.append(PlannedClaim(
                    path: document.path, line: claim.line, text: claim.text, pattern: pattern, benchmark: spec!.id))
            }
            var names: [String: Int] = [:]
            for snippet in document.snippets {
                let (directives, _) = DirectiveParser.directives(for: snippet)
                guard let bench = directives.last(.bench) else { continue }
                switch SnippetBenchmark.make(snippet, directive: bench, in: document, names: &names) {
                case .success(var spec):
                    spec.fixturesDirectory = fixtures(document)
                    add(spec)
                case .failure(let problem):
                    problems.append(.init(path: "\(document.path):\(bench.line)", message: problem.description))
                }
            }
        }
        return BenchPlan(benchmarks: order.compactMap { benchmarks[$0] }, claims: claims, problems: problems)
    }

    /// The claim's own snippet as the workload, where it fits the pattern: the claim's
    /// snippet, else the Python snippets under the same heading.
    private func snippetWorkload(_ pattern: String, for claim: Claim, owner: Int?, in document: Document) -> BenchmarkSpec? {
        guard pattern == "generator-memory" else { return nil }
        let heading = document.heading(above: claim.line)
        let candidates = owner.map { [document.snippets[$0]] }
            ?? document.snippets.filter { $0.language == .python && $0.headings.last == heading && heading != nil }
        for snippet in candidates {
            if let spec = SnippetBenchmark.generatorPair(in: snippet, document: document) { return spec }
        }
        return nil
    }
}
