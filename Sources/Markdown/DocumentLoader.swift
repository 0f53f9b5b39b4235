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

    public init(maximumFileSize: Int = 256 << 20) {
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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                candidates.append(.failure(.init(path: path, message: "no such file or directory")))
                continue
            }
            if isDirectory.boolValue {
                candidates += markdownFiles(under: path).filter(keep).map(Candidate.file)
            } else {
                candidates.append(.file(path))
            }
        }
        return candidates
    }

    /// Reads one file as UTF-8 Markdown.
    public func read(_ path: String) -> Input {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maximumFileSize {
            return .failure(.init(path: path, message: "file is \(size) bytes, above the limit of \(maximumFileSize)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.init(path: path, message: "cannot read file (permission denied or not a regular file)"))
        }
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(.init(path: path, message: "binary file (NUL byte on line \(line)), not Markdown"))
        }
        guard let source = String(validatingUTF8: data) else {
            let line = Self.firstInvalidUTF8Line(data)
            return .failure(.init(path: path, message: "invalid UTF-8 on line \(line)"))
        }
        return .document(path: path, source: source)
    }

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
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(path)
                } else if ["md", "markdown"].contains((entry as NSString).pathExtension.lowercased()) {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + max(length, 1)
            if length == 0 || end > data.endIndex || String(validatingUTF8: data[index..<end]) == nil { return line }
            if byte == 0x0A { line += 1 }
            index = end
        }
        return line
    }
}

extension String {
    /// Decodes UTF-8, or nil when the bytes are not valid UTF-8.
    init?<Bytes: Collection>(validatingUTF8 bytes: Bytes) where Bytes.Element == UInt8 {
        var valid = true
        let decoded = String(decoding: bytes, as: UTF8.self)
        if decoded.utf8.count != bytes.count || decoded.contains("\u{FFFD}") {
            valid = Array(decoded.utf8) == Array(bytes)
        }
        guard valid else { return nil }
        self = decoded
    }
}
