/// A value read from a TOML file, with the line it stands on.
public indirect enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLEntry])
    case table(TOMLTable)

    /// The name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A value and its 1-based line in the file.
public struct TOMLEntry: Sendable, Hashable {
    public var value: TOMLValue
    public var line: Int
}

/// A table: its keys in file order, each with its value and line.
public struct TOMLTable: Sendable, Hashable {
    public var entries: [(key: String, entry: TOMLEntry)] = []

    public subscript(key: String) -> TOMLEntry? {
        entries.first { $0.key == key }?.entry
    }

    mutating func set(_ key: String, _ entry: TOMLEntry) throws(TOMLError) {
        if self[key] != nil { throw TOMLError(line: entry.line, message: "key '\(key)' is defined twice") }
        entries.append((key, entry))
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.entry) == rhs.entries.map(\.entry)
    }

    public func hash(into hasher: inout Hasher) {
        for (key, entry) in entries {
            hasher.combine(key)
            hasher.combine(entry)
        }
    }
}

/// A TOML syntax error at a line.
public struct TOMLError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
}
