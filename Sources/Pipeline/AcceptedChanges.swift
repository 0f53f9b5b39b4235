public import Foundation

/// `verify run --accept`: the documents rewritten so that failing output and value
/// claims state what really happened.
public struct AcceptedChanges: Sendable {
    public struct Change: Sendable {
        public var path: String
        public var original: String
        public var rewritten: String
    }

    public var changes: [Change]

    /// Reads each edited document and applies its edits in memory.
    public init(_ edits: [DocumentEdit]) {
        let paths = Array(Set(edits.map(\.path))).sorted()
        changes = paths.compactMap { path in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let original = String(decoding: data, as: UTF8.self)
            let rewritten = DocumentEdit.apply(edits.filter { $0.path == path }, to: original)
            return rewritten == original ? nil : Change(path: path, original: original, rewritten: rewritten)
        }
    }

    /// Writes every rewritten document atomically.
    public func write() throws {
        for change in changes {
            try AtomicFile.write(Data(change.rewritten.utf8), to: change.path)
        }
    }
}
