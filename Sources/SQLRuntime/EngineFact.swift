import VerifyCore

/// A general statement about SQL whose truth depends on the engine, and how SQLite can
/// show what it does. The verdict is never a failure of the document: it reports what
/// SQLite does, marked `engine-specific`.
enum EngineFact: String, Sendable, Hashable, CaseIterable {
    /// "a unique key can contain a single NULL".
    case uniqueAllowsNulls = "unique-nulls"
    /// "a primary key cannot be NULL".
    case primaryKeyRejectsNull = "primary-key-null"

    /// What the sentence must name; it must also mention NULL, and `condition` when there is one.
    private var subject: Regex<Substring> {
        switch self {
        case .uniqueAllowsNulls: FactPatterns.unique
        case .primaryKeyRejectsNull: FactPatterns.primaryKey
        }
    }

    private var condition: Regex<Substring>? {
        switch self {
        case .uniqueAllowsNulls: nil
        case .primaryKeyRejectsNull: FactPatterns.negation
        }
    }

    /// Built once, as those of `Patterns`.
    private enum FactPatterns {
        nonisolated(unsafe) static let unique = #/\bunique\b/#.ignoresCase()
        nonisolated(unsafe) static let primaryKey = #/\bprimary\s+key\b/#.ignoresCase()
        nonisolated(unsafe) static let negation = #/\b(?:cannot|can't|never|not\s+be|must\s+not|no)\b/#.ignoresCase()
        nonisolated(unsafe) static let nulls = #/\bnulls?\b/#.ignoresCase()
    }

    /// Each fact `text` states, with the range of its subject, in the order of `allCases`.
    /// Every fact is about NULL, most prose never says it, and the regexes of `match` are
    /// not cheap: text without "null" is not searched.
    static func stated(in text: String) -> [(fact: EngineFact, range: Range<String.Index>)] {
        guard text.utf8.count >= 4, text.lowercased().containsText("null") else { return [] }
        return allCases.compactMap { fact in fact.match(in: text).map { (fact, $0) } }
    }

    /// The range of the subject in the first sentence of `text` that states this fact.
    private func match(in text: String) -> Range<String.Index>? {
        for found in text.matches(of: subject) {
            let sentence = Prose.sentence(around: found.range, in: text)
            guard sentence.firstMatch(of: FactPatterns.nulls) != nil else { continue }
            if let condition, sentence.firstMatch(of: condition) == nil { continue }
            return found.range
        }
        return nil
    }

    /// Runs the demonstration in a scratch database and says what SQLite does, for the
    /// sentence `text`.
    func demonstrate(for text: String, limits: SQLLimits) -> String {
        guard let database = try? SQLiteConnection(limits: limits) else { return "SQLite could not be opened" }
        switch self {
        case .uniqueAllowsNulls:
            let run = database.execute("""
                CREATE TABLE t(u UNIQUE);
                INSERT INTO t VALUES (NULL);
                INSERT INTO t VALUES (NULL);
                SELECT count(*) FROM t WHERE u IS NULL;
                """)
            if let failure = run.failure {
                return "SQLite refuses a second NULL in a UNIQUE column (\(failure.message))"
            }
            let count = run.resultSets.last?.rows.first?.first?.normalized ?? "0"
            let single = text.firstMatch(of: #/\b(?:single|one|only\s+one)\s+`?null/#.ignoresCase()) != nil
            return "SQLite accepts several NULLs in a UNIQUE column (\(count) NULL rows inserted)"
                + (single ? "; the text says a single NULL" : "")
        case .primaryKeyRejectsNull:
            let plain = database.execute("CREATE TABLE p(k TEXT PRIMARY KEY); INSERT INTO p VALUES (NULL);")
            if let failure = plain.failure {
                return "SQLite refuses NULL in a PRIMARY KEY column (\(failure.message))"
            }
            let strict = database.execute("CREATE TABLE s(k TEXT PRIMARY KEY) WITHOUT ROWID; INSERT INTO s VALUES (NULL);")
            let refused = strict.failure.map { " (a WITHOUT ROWID table refuses it: \($0.message))" } ?? ""
            return "SQLite accepts NULL in a PRIMARY KEY column that is not INTEGER PRIMARY KEY\(refused)"
        }
    }
}
