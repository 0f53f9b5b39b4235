import Foundation

/// The exec (JSON array) form of `CMD`, `ENTRYPOINT`, `RUN`, `SHELL`, `COPY` and friends.
///
/// BuildKit reads the arguments as a JSON array of strings; when that fails it silently
/// uses the shell form, so `ENTRYPOINT ['python']` runs `/bin/sh -c "['python']"`.
enum ExecForm {
    /// The strings of a valid JSON array, or `nil`.
    static func parse(_ arguments: String) -> [String]? {
        let text = arguments.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("["), let data = text.data(using: .utf8),
            let array = try? JSONSerialization.jsonObject(with: data) as? [Any]
        else { return nil }
        let strings = array.compactMap { $0 as? String }
        return strings.count == array.count ? strings : nil
    }

    /// Whether the text is shaped like an array — `[` elements separated by commas `]`,
    /// each quoted with any kind of quote or a bare word — so that a failed JSON parse is
    /// a mistake rather than a shell test such as `[ -f x ]`.
    static func looksLikeArray(_ arguments: String) -> Bool {
        let text = arguments.trimmingCharacters(in: .whitespaces)
        guard text.count >= 2, text.first == "[", text.last == "]" else { return false }
        let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        if inner.isEmpty { return false }
        let elements = inner.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return elements.allSatisfy { element in
            if isQuoted(element) { return true }
            return elements.count > 1 && !element.isEmpty && !element.contains(where: \.isWhitespace)
        }
    }

    private static let quotePairs: [(Character, Character)] = [("\"", "\""), ("'", "'"), ("“", "”"), ("‘", "’")]

    private static func isQuoted(_ element: String) -> Bool {
        guard element.count >= 2, let first = element.first, let last = element.last else { return false }
        return quotePairs.contains { open, close in
            first == open && last == close && !element.dropFirst().dropLast().contains(close)
        }
    }
}
