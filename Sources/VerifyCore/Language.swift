/// The language of a fenced block, normalized from its info string.
///
/// `python`, `py`, `python3` and `pycon` are Python; `sql`, `sqlite`, `postgresql` and
/// `mysql` are SQL with a dialect; `dockerfile` and `docker` are Dockerfiles; `bash`,
/// `sh`, `shell`, `console` and `zsh` are shell. Anything else keeps its own name.
public struct Language: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    /// The dialect the info string named, such as `pycon`, `postgresql` or `zsh`.
    public var dialect: String?

    public init(name: String, dialect: String? = nil) {
        self.name = name
        self.dialect = dialect
    }

    public static let python = Language(name: "python")
    public static let sql = Language(name: "sql")
    public static let dockerfile = Language(name: "dockerfile")
    public static let shell = Language(name: "shell")
    public static let text = Language(name: "text")

    public var description: String { name }

    /// Normalizes the first word of an info string; `nil` for an empty one.
    public static func fromInfoWord(_ word: String) -> Language? {
        let lowered = word.lowercased()
        switch lowered {
        case "": return nil
        case "python", "py", "python3", "py3": return .python
        case "pycon", "python-console", "pytb", "doctest": return Language(name: "python", dialect: "pycon")
        case "sql", "sqlite", "sqlite3": return Language(name: "sql", dialect: lowered == "sql" ? nil : "sqlite")
        case "postgresql", "postgres", "psql", "pgsql", "plpgsql": return Language(name: "sql", dialect: "postgresql")
        case "mysql", "mariadb": return Language(name: "sql", dialect: "mysql")
        case "tsql", "mssql", "sqlserver": return Language(name: "sql", dialect: "sqlserver")
        case "dockerfile", "docker", "containerfile": return .dockerfile
        case "bash", "sh", "shell", "console", "zsh", "shell-session", "shellsession", "ksh":
            return Language(name: "shell", dialect: ["bash", "sh", "shell"].contains(lowered) ? nil : lowered)
        case "text", "txt", "plain", "plaintext", "output", "none": return .text
        default: return Language(name: lowered)
        }
    }
}
