extension StringProtocol {
    /// The text with control characters (other than tab) in caret notation, as `cat -v`
    /// shows them: `^[` for ESC, `^M` for CR, `^J` for a line feed, `^?` for DEL. A
    /// snippet's output or message then cannot clear the terminal, move the cursor or
    /// overwrite the report's lines.
    var visible: String {
        guard utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else { return String(self) }
        var out = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09: out.unicodeScalars.append(scalar)
            case 0..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value) + 0x40))
            case 0x7F: out += "^?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
