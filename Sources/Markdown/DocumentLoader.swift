import Foundation
public import VerifyCore

/// Finds and reads the Markdown files named on the command line.
///
/// Directories are searched recursively for `.md` and `.markdown` files (symlink loops
/// are cut); a file named explicitly is read whatever its ending. A path that cannot be
/// used becomes an `InputError` naming it, and the other inputs still go through.
public struct DocumentLoader: Sendable {
    /// Files above this size are refused rather than read.
    public var maximumFileSize: Int
    /// 16 MiB: a larger Markdown file is not a document anyone writes by hand, and
    /// refusing it bounds verify's memory (parsing takes about 35 times the file's size).
    public static let defaultMaximumFileSize = 16 << 20

    public init(maximumFileSize: Int = DocumentLoader.defaultMaximumFileSize) {
        self.maximumFileSize = maximumFileSize
    }

    public enum Input: Sendable {
        case document(path: String, source: String)
        case failure(Report.InputError)
    }

    /// The inputs in a stable order: as given, and sorted by path within directories.
    /// `keep` filters the files found below directories (include and exclude globs);
    /// a file named explicitly is always read.
    public func collect(_ paths: [String], keep: (String) -> Bool = { _ in true }) -> [Input] {
        candidates(paths, keep: keep).map { candidate in
            switch candidate {
            case .file(let path): read(path)
            case .failure(let error): .failure(error)
            }
        }
    }

    /// A file to read, or a path that cannot be one.
    public enum Candidate: Sendable {
        case file(String)
        case failure(Report.InputError)

        public var path: String {
            switch self {
            case .file(let path): path
            case .failure(let error): error.path
            }
        }
    }

    /// The files `collect` would read, without reading them (to pick a shard first).
    public func candidates(_ paths: [String], keep: (String) -> Bool = { _ in true }) -> [Candidate] {
        var candidates: [Candidate] = []
        for path in paths {
            switch DocumentFile.kind(path) {
            case .directory: candidates += markdownFiles(under: path).filter(keep).map(Candidate.file)
            case .broken(let reason): candidates.append(.failure(.init(path: path, message: reason)))
            case .file, .other: candidates.append(.file(path))
            }
        }
        return candidates
    }

    /// Reads one file as UTF-8 Markdown.
    public func read(_ path: String) -> Input {
        let data: [UInt8]
        do {
            data = try DocumentFile.read(path, limit: maximumFileSize)
        } catch {
            guard case .message(let message) = error else { return .failure(.init(path: path, message: "\(error)")) }
            return .failure(.init(path: path, message: message))
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return .failure(.init(path: path, message: "UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8"))
        }
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(.init(path: path, message: "binary file (NUL byte on line \(line)), not Markdown"))
        }
        guard let source = String(validating: data, as: UTF8.self) else {
            let line = Self.firstInvalidUTF8Line(data)
            return .failure(.init(path: path, message: "invalid UTF-8 on line \(line)"))
        }
        return .document(path: path, source: source)
    }

    /// The Markdown files below `directory`, sorted; an entry with a Markdown name that
    /// cannot be read (a link that loops or leads nowhere, a FIFO) is among them and
    /// becomes an input error when it is read.
    private func markdownFiles(under directory: String) -> [String] {
        var found: [String] = []
        var visited: Set<String> = []
        var pending = [directory]
        while let current = pending.popLast() {
            let real = URL(fileURLWithPath: current).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted,
                let entries = try? FileManager.default.contentsOfDirectory(atPath: current)
            else { continue }
            for entry in entries where !entry.hasPrefix(".") {
                let path = (current as NSString).appendingPathComponent(entry)
                let isMarkdown = ["md", "markdown"].contains((entry as NSString).pathExtension.lowercased())
                switch DocumentFile.kind(path) {
                case .directory: pending.append(path)
                case .file, .broken, .other: if isMarkdown { found.append(path) }
                }
            }
        }
        return found.sorted()
    }

    private static func firstInvalidUTF8Line(_ data: [UInt8]) -> Int {
        var line = 1
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + max(length, 1)
            if length == 0 || end > data.endIndex || String(validating: data[index..<end], as: UTF8.self) == nil { return line }
            if byte == 0x0A { line += 1 }
            index = end
        }
        return line
    }
}
