/// A pull reader over the UTF-8 bytes of one JSON text (RFC 8259, plus the `NaN` and
/// `Infinity` Python writes), with nesting limited so that hostile input cannot exhaust
/// the stack. A message is decoded straight into its type, member by member, without
/// building a `JSONValue` tree on the way.
///
/// ```swift
/// let id = try JSONReader.read(bytes) { reader in
///     var id = 0
///     try reader.readObject { reader, key in
///         if key == "id" { id = try reader.int() } else { try reader.skipValue() }
///     }
///     return id
/// }
/// ```
public struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    static let maximumDepth = 512

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads the one value of `bytes` with `body`; whitespace around it is allowed,
    /// anything else after it is an error.
    public static func read<T>(_ bytes: some Collection<UInt8>, _ body: (inout JSONReader) throws -> T) throws -> T {
        func document(_ buffer: UnsafeBufferPointer<UInt8>) throws -> T {
            var reader = JSONReader(buffer)
            let value = try body(&reader)
            reader.skipWhitespace()
            guard reader.index == buffer.count else { throw reader.error("unexpected text after the value") }
            return value
        }
        if let result = try bytes.withContiguousStorageIfAvailable(document) { return result }
        return try Array(bytes).withUnsafeBufferPointer(document)
    }

    // MARK: Typed values

    /// Calls `member` with each member's name, in order; it must read or skip the value.
    public mutating func readObject(_ member: (inout JSONReader, JSONKey) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "expected an object")
        try enter()
        defer { depth -= 1 }
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let key = try parseKey()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':'")
            try member(&self, key)
            skipWhitespace()
            if try endOfList(closing: UInt8(ascii: "}"), "expected ',' or '}'") { return }
        }
    }

    /// Calls `element` for each element of an array, in order; it must read or skip it.
    public mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["), "expected an array")
        try enter()
        defer { depth -= 1 }
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            if try endOfList(closing: UInt8(ascii: "]"), "expected ',' or ']'") { return }
        }
    }

    /// Reads `null` if it comes next; whether it did.
    public mutating func readNull() throws -> Bool {
        skipWhitespace()
        guard peek == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    public mutating func string() throws -> String {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw error("expected a string") }
        return try parseString()
    }

    /// A string, or nil for null.
    public mutating func optionalString() throws -> String? { try readNull() ? nil : string() }

    /// The strings of an array.
    public mutating func strings() throws -> [String] {
        var strings: [String] = []
        try readArray { reader in strings.append(try reader.string()) }
        return strings
    }

    /// A whole number; a number with a fraction or exponent is taken when it is whole.
    public mutating func int() throws -> Int {
        guard let value = try value().int else { throw error("expected a whole number") }
        return value
    }

    /// A whole number, or nil for null.
    public mutating func optionalInt() throws -> Int? { try readNull() ? nil : int() }

    public mutating func double() throws -> Double {
        guard let value = try value().double else { throw error("expected a number") }
        return value
    }

    public mutating func bool() throws -> Bool {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default: throw error("expected true or false")
        }
    }

    /// A Boolean, or nil for null.
    public mutating func optionalBool() throws -> Bool? { try readNull() ? nil : bool() }

    /// Reads the next value, whatever it is, and forgets it.
    public mutating func skipValue() throws { _ = try value() }

    // MARK: Any value

    /// The next value as a tree.
    public mutating func value() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        // Python writes these for floats that are not finite.
        case UInt8(ascii: "N"): try literal("NaN"); return .double(.nan)
        case UInt8(ascii: "I"): try literal("Infinity"); return .double(.infinity)
        case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
            index += 1
            try literal("Infinity")
            return .double(-.infinity)
        default: return try number()
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        do {
            try readObject { reader, key in members[key.string] = try reader.value() }
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw self.error("\(error)")  // not reached: only the reader throws here
        }
        return .object(members)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        var items: [JSONValue] = []
        do {
            try readArray { reader in items.append(try reader.value()) }
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw self.error("\(error)")  // not reached: only the reader throws here
        }
        return .array(items)
    }

    // MARK: Tokens

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(JSONParseError) {
        skipWhitespace()
        guard peek == byte else { throw error(reason) }
        index += 1
    }

    /// After a member or element: true at the closing bracket, false after a comma.
    private mutating func endOfList(closing: UInt8, _ reason: String) throws(JSONParseError) -> Bool {
        guard let byte = peek else { throw error("unexpected end") }
        index += 1
        if byte == UInt8(ascii: ",") { return false }
        if byte == closing { return true }
        index -= 1
        throw error(reason)
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw error("unknown literal")
        }
        index += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
    }

    /// The member name whose opening quote is at `index`: its bytes where they need no
    /// decoding, which is how the glue writes every name.
    private mutating func parseKey() throws(JSONParseError) -> JSONKey {
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { index = end + 1 }
            return JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]))
        }
        return JSONKey(decoded: try parseString())
    }

    /// The string whose opening quote is at `index`.
    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // The common case: no escapes, so the bytes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw error("control character in a string") }
            index += 1
        }
        var scalars = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("unexpected end") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"): UTF8.encode(try unicodeEscape()) { scalars.append($0) }
                default: throw error("unknown escape")
                }
            default:
                guard byte >= 0x20 else { throw error("control character in a string") }
                scalars.append(byte)
                index += 1
            }
        }
        throw error("unterminated string")
    }

    /// The character of a `\uXXXX` escape (the `\u` already read), joining a surrogate
    /// pair; a lone surrogate becomes U+FFFD, as Python's `errors="replace"`.
    private mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        var value = try hexQuad()
        if (0xD800..<0xDC00).contains(value), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
        {
            let save = index
            index += 2
            let low = try hexQuad()
            if (0xDC00..<0xE000).contains(low) {
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else {
                index = save
            }
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private mutating func hexQuad() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unexpected end") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        scan: while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): index += 1
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                integral = false
                index += 1
            default: break scan
            }
        }
        guard index > digits else { throw error("unexpected character") }
        // Most numbers are small whole ones: read without making a string.
        if integral, index - digits <= 18 {
            var value = 0
            for position in digits..<index { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
            return .integer(digits > start ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let value = Int(text) { return .integer(value) }
        guard let value = Double(text) else { throw error("bad number") }
        return .double(value)
    }
}

/// A member name as `JSONReader.readObject` passes it, valid during the call only.
/// Matched against string literals byte by byte: `switch key { case "id": … }`.
public struct JSONKey {
    private let bytes: UnsafeBufferPointer<UInt8>?
    private let decoded: String?

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.decoded = nil
    }

    init(decoded: String) {
        self.bytes = nil
        self.decoded = decoded
    }

    public var string: String { decoded ?? String(decoding: bytes!, as: UTF8.self) }

    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        guard let bytes = key.bytes else { return key.decoded == pattern.description }
        guard bytes.count == pattern.utf8CodeUnitCount else { return false }
        let name = pattern.utf8Start
        for offset in 0..<bytes.count where bytes[offset] != name[offset] { return false }
        return true
    }

    public static func == (key: JSONKey, name: StaticString) -> Bool { name ~= key }
}
