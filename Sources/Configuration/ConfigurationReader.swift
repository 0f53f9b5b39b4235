import Foundation
import VerifyCore

/// Checks every key of `verify.toml` against what verify understands and fills a
/// `Configuration`.
struct ConfigurationReader {
    let path: String
    let root: String

    private func fail(_ line: Int, _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: line, message: message)
    }

    private func absolute(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : URL(fileURLWithPath: root).appendingPathComponent(relative).standardizedFileURL.path
    }

    func read(_ table: TOMLTable, into configuration: inout Configuration) throws(ConfigurationError) {
        for (key, entry) in table.entries {
            switch key {
            case "include": configuration.include = try strings(entry, key)
            case "exclude": configuration.exclude = try strings(entry, key)
            case "jobs":
                let jobs = try integer(entry, key)
                guard jobs >= 1 else { throw fail(entry.line, "'jobs' must be at least 1") }
                configuration.jobs = jobs
            case "timeout": configuration.timeout = try positive(entry, key)
            case "output-limit":
                let limit = try integer(entry, key)
                guard limit >= 0 else { throw fail(entry.line, "'output-limit' must not be negative") }
                configuration.outputLimit = limit
            case "fixtures": configuration.fixtures = absolute(try string(entry, key))
            case "python-env": configuration.pythonEnvironment = absolute(try string(entry, key))
            case "timeouts":
                for (glob, value) in try subtable(entry, key).entries {
                    configuration.timeouts.append(.init(glob: glob, seconds: try positive(value, "timeouts.\(glob)")))
                }
            case "sql":
                for (subkey, value) in try subtable(entry, key).entries {
                    guard subkey == "fixtures" else { throw unknown("sql.\(subkey)", value.line, known: ["fixtures"]) }
                    configuration.sqlFixtures = try strings(value, "sql.fixtures").map(absolute)
                }
            case "lint": try readLint(try subtable(entry, key), into: &configuration)
            case "bench": try readBench(try subtable(entry, key), into: &configuration)
            default:
                throw unknown(key, entry.line, known: [
                    "include", "exclude", "jobs", "timeout", "output-limit", "fixtures", "python-env", "timeouts", "sql",
                    "lint", "bench",
                ])
            }
        }
    }

    private func readLint(_ table: TOMLTable, into configuration: inout Configuration) throws(ConfigurationError) {
        for (key, entry) in table.entries {
            switch key {
            case "ignore": configuration.lintIgnore = Set(try strings(entry, "lint.ignore"))
            case "severity":
                for (rule, value) in try subtable(entry, "lint.severity").entries {
                    let name = try string(value, "lint.severity.\(rule)")
                    guard let severity = Finding.Severity(rawValue: name) else {
                        throw fail(value.line, "'lint.severity.\(rule)' must be \"error\", \"warning\" or \"info\"")
                    }
                    configuration.lintSeverity[rule] = severity
                }
            default: throw unknown("lint.\(key)", entry.line, known: ["ignore", "severity"])
            }
        }
    }

    private func readBench(_ table: TOMLTable, into configuration: inout Configuration) throws(ConfigurationError) {
        for (key, entry) in table.entries {
            switch key {
            case "regression": configuration.bench.regression = try ratio(entry, "bench.regression", above: true)
            case "warning": configuration.bench.warning = try ratio(entry, "bench.warning", above: false)
            case "thresholds":
                for (name, value) in try subtable(entry, "bench.thresholds").entries {
                    configuration.bench.perBenchmark[name] = try ratio(value, "bench.thresholds.\(name)", above: true)
                }
            default: throw unknown("bench.\(key)", entry.line, known: ["regression", "warning", "thresholds"])
            }
        }
    }

    private func unknown(_ key: String, _ line: Int, known: [String]) -> ConfigurationError {
        fail(line, "unknown key '\(key)'; known keys here: \(known.joined(separator: ", "))")
    }

    private func wrongType(_ entry: TOMLEntry, _ key: String, _ expected: String) -> ConfigurationError {
        fail(entry.line, "'\(key)' must be \(expected), not \(entry.value.typeName)")
    }

    private func string(_ entry: TOMLEntry, _ key: String) throws(ConfigurationError) -> String {
        guard case .string(let text) = entry.value else { throw wrongType(entry, key, "a string") }
        return text
    }

    private func strings(_ entry: TOMLEntry, _ key: String) throws(ConfigurationError) -> [String] {
        guard case .array(let items) = entry.value else { throw wrongType(entry, key, "an array of strings") }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item.value else { throw wrongType(item, key, "an array of strings") }
            texts.append(text)
        }
        return texts
    }

    private func integer(_ entry: TOMLEntry, _ key: String) throws(ConfigurationError) -> Int {
        guard case .integer(let value) = entry.value else { throw wrongType(entry, key, "an integer") }
        return value
    }

    /// A slowdown ratio: above 1 (a regression ratio) or at least 1 (a warning ratio).
    private func ratio(_ entry: TOMLEntry, _ key: String, above: Bool) throws(ConfigurationError) -> Double {
        let value = try positive(entry, key)
        guard above ? value > 1 : value >= 1 else {
            throw fail(entry.line, "'\(key)' is a ratio of current to baseline and must be \(above ? "above" : "at least") 1, not \(value)")
        }
        return value
    }

    private func positive(_ entry: TOMLEntry, _ key: String) throws(ConfigurationError) -> Double {
        let value: Double
        switch entry.value {
        case .integer(let integer): value = Double(integer)
        case .float(let float): value = float
        default: throw wrongType(entry, key, "a number")
        }
        // A day at most: beyond it a time limit is a mistake, and too long for a Duration.
        guard value > 0, value <= 86_400 else { throw fail(entry.line, "'\(key)' must be above 0 and at most 86400") }
        return value
    }

    private func subtable(_ entry: TOMLEntry, _ key: String) throws(ConfigurationError) -> TOMLTable {
        guard case .table(let table) = entry.value else { throw wrongType(entry, key, "a table") }
        return table
    }
}
