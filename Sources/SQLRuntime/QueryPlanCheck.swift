import Foundation
import VerifyCore

/// Checks "uses the index …" and "full table scan" claims against SQLite's
/// `EXPLAIN QUERY PLAN` for the script's last query (or the plan the script itself asked for).
struct QueryPlanCheck {
    let context: ClaimContext

    func judge(_ expectation: PlanExpectation, _ report: inout ClaimReport) {
        guard let details = planDetails() else {
            report.reason = "the script has no query to explain"
            return
        }
        report.actual = "QUERY PLAN: " + details.joined(separator: "; ")
        switch expectation {
        case .usesIndex(let name, let quoted):
            let indexes = context.database.indexNames()
            var named = name.flatMap { name in
                quoted || indexes.contains { $0.caseInsensitiveCompare(name) == .orderedSame } ? name : nil
            }
            if named == nil, createdIndexes.count == 1 { named = createdIndexes.first }
            report.expected = named.map { "uses index \($0)" } ?? "uses an index"
            let holds = details.contains { detail in
                let words = detail.split(separator: " ")
                return zip(words, words.dropFirst()).contains { word, following in
                    word == "INDEX" && (named.map { following.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                }
            }
            report.status = holds ? .holds : .fails
        case .scansTable:
            report.expected = "a full table scan"
            report.status = details.contains { $0.hasPrefix("SCAN ") && !$0.contains(" INDEX ") } ? .holds : .fails
        case .avoidsIndex:
            report.expected = "no index used"
            report.status = details.contains { $0.contains(" INDEX ") } ? .fails : .holds
        }
    }

    /// The `detail` column of the plan: the script's own EXPLAIN QUERY PLAN, else the plan
    /// of its last query or row-changing statement, asked of the database after the script.
    private func planDetails() -> [String]? {
        let statements = context.run.statements.filter { $0.failure == nil }
        if let explained = statements.last(where: { Self.isExplainQueryPlan($0.sql) }),
            let details = explained.result?.values(ofColumn: "detail")
        {
            return details.map(\.display)
        }
        let queryKeywords: Set<String> = ["SELECT", "WITH", "UPDATE", "DELETE", "INSERT", "REPLACE"]
        guard let query = statements.last(where: { queryKeywords.contains(StatementSpan(sql: $0.sql).keyword) }),
            let plan = context.database.query("EXPLAIN QUERY PLAN " + query.sql)
        else { return nil }
        return plan.values(ofColumn: "detail")?.map(\.display)
    }

    private static func isExplainQueryPlan(_ sql: String) -> Bool {
        let words = SQLTokenizer.tokens(sql).prefix(3).map(\.upper)
        return words == ["EXPLAIN", "QUERY", "PLAN"]
    }

    /// Names of the indexes the script creates.
    private var createdIndexes: [String] {
        SQLStatementSplitter.statements(context.code).compactMap { statement in
            let tokens = statement.tokens.filter { !["UNIQUE", "IF", "NOT", "EXISTS"].contains($0.upper) }
            guard tokens.count > 2, tokens[0].isWord("CREATE"), tokens[1].isWord("INDEX") else { return nil }
            return tokens[2].text
        }
    }
}
