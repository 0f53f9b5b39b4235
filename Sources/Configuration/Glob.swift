import Foundation

/// Glob patterns for paths: `*` and `?` within one path component, `**` across any
/// number of them, matched against paths relative to the configuration's folder.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.split(separator: "/", omittingEmptySubsequences: true)),
              Array(path.split(separator: "/", omittingEmptySubsequences: true)))
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = Array(pattern.dropFirst())
            return (0...path.count).contains { match(rest, Array(path.dropFirst($0))) }
        }
        guard let component = path.first, matchComponent(Array(first), Array(component)) else { return false }
        return match(Array(pattern.dropFirst()), Array(path.dropFirst()))
    }

    private static func matchComponent(_ pattern: [Character], _ text: [Character]) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*": return (0...text.count).contains { matchComponent(Array(pattern.dropFirst()), Array(text.dropFirst($0))) }
        case "?": return !text.isEmpty && matchComponent(Array(pattern.dropFirst()), Array(text.dropFirst()))
        default: return text.first == first && matchComponent(Array(pattern.dropFirst()), Array(text.dropFirst()))
        }
    }

    /// `path` relative to `root` when it lies below it, else `path` itself.
    public static func relativePath(_ path: String, to root: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
    }
}
