/// 64-bit FNV-1a: a small, stable hash for fingerprints, seeds and code hashes that
/// are stored in reports and baselines (its values must never change).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public init(_ bytes: some Sequence<UInt8>) { combine(bytes) }

    public mutating func combine(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x100_0000_01b3
    }

    /// Contiguous bytes (a native string's UTF-8 view, an array) are read through a
    /// buffer pointer: the generic iterator costs a call per byte in another module.
    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer { combine(byte) }
        }
        if done == nil {
            for byte in bytes { combine(byte) }
        }
    }

    /// The value as 16 hexadecimal digits.
    public var hex: String { value.paddedHex }
}

extension UInt64 {
    /// The value as 16 hexadecimal digits, leading zeros included.
    public var paddedHex: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
