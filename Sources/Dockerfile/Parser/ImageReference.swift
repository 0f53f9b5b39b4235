/// An image reference from a `FROM` line: `registry/namespace/name:tag@digest`.
public struct ImageReference: Sendable, Hashable {
    /// As written after variable substitution.
    public var text: String
    /// The repository without registry or `library/`, such as `python` or `bitnami/redis`.
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(_ text: String) {
        self.text = text
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var parts = rest.split(separator: "/").map(String.init)
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            parts.removeFirst()
        }
        if parts.count > 1, parts.first == "library" { parts.removeFirst() }
        repository = parts.joined(separator: "/").lowercased()
    }

    /// `scratch`, the empty image, which has no tag.
    public var isScratch: Bool { repository == "scratch" }
}
