/// A short, stable hash of text (64-bit FNV-1a, hexadecimal), with each line's
/// surrounding whitespace ignored so that re-indenting a snippet keeps its fingerprint.
public enum Fingerprint {
    public static func of(_ text: String) -> String {
        var hash = FNV1a()
        let bytes = Array(text.utf8)
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var first = start
            var last = end
            while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 || bytes[last - 1] == 0x0D { last -= 1 }
            if last > first {
                hash.combine(bytes[first..<last])
                hash.combine(0x0A)
            }
            start = end + 1
        }
        return hash.hex
    }
}
