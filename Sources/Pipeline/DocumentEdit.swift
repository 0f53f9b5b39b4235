public import Claims
import Foundation

/// A change `--accept` makes to a document: the expected text of a failing claim
/// replaced by what really happened, in the claim's own comment style and indentation.
public struct DocumentEdit: Sendable, Hashable {
    public var path: String
    public var location: ExpectedTextLocation
    /// The new expected text; several lines for blocks.
    public var replacement: String

    public init(path: String, location: ExpectedTextLocation, replacement: String) {
        self.path = path
        self.location = location
        self.replacement = replacement
    }

    /// Applies edits to a document's text. Edits are applied from the bottom up so that
    /// line numbers stay right; an edit whose text is no longer where it was is dropped.
    public static func apply(_ edits: [DocumentEdit], to source: String) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ordered = edits.sorted { $0.firstLine > $1.firstLine }
        for edit in ordered {
            edit.apply(to: &lines)
        }
        return lines.joined(separator: "\n")
    }

    /// Leading spaces, tabs and block-quote markers (`> `), but not a `>>>` prompt.
    static func containerPrefix(of line: String) -> String {
        var prefix = ""
        var rest = Substring(line)
        while let first = rest.first {
            if first == " " || first == "\t" {
                prefix.append(first)
                rest = rest.dropFirst()
            } else if first == ">", rest.dropFirst().first != ">" {
                prefix.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        return prefix
    }

    var firstLine: Int {
        switch location {
        case .inline(let line, _): line
        case .commentBlock(let first, _), .fenceContent(let first, _): first
        }
    }

    private func apply(to lines: inout [String]) {
        switch location {
        case .inline(let line, let original):
            guard line >= 1, line <= lines.count, !replacement.contains("\n"),
                let range = lines[line - 1].range(of: original, options: .backwards)
            else { return }
            lines[line - 1].replaceSubrange(range, with: replacement)
        case .commentBlock(let first, let last):
            guard first >= 1, last <= lines.count, first <= last else { return }
            let template = lines[first - 1]
            guard let hash = template.firstIndex(of: "#") else { return }
            let prefix = String(template[...hash])
            let ending = template.hasSuffix("\r") ? "\r" : ""
            let new = replacement.split(separator: "\n", omittingEmptySubsequences: false).map {
                ($0.isEmpty ? prefix : prefix + " " + $0) + ending
            }
            lines.replaceSubrange((first - 1)...(last - 1), with: new)
        case .fenceContent(let first, let last):
            guard first >= 1, first <= lines.count + 1, last < lines.count else { return }
            let fence = lines[first - 2]
            let indentation = Self.containerPrefix(of: fence)
            let ending = fence.hasSuffix("\r") ? "\r" : ""
            let new = replacement.split(separator: "\n", omittingEmptySubsequences: false).map {
                indentation + $0 + ending
            }
            if last >= first {
                lines.replaceSubrange((first - 1)...(last - 1), with: new)
            } else {
                lines.insert(contentsOf: new, at: first - 1)
            }
        }
    }
}
