/// Escaping for the XML and HTML reports.
///
/// Captured output can hold anything a program prints: markup such as `</script>`,
/// ANSI colour codes, NUL bytes. XML 1.0 forbids most C0 control characters outright,
/// so they are shown as their Unicode control pictures (`\u{1B}` becomes `␛`) instead of
/// being dropped, and the report still says what was printed.
enum Markup {
    /// `text` made safe inside an element or a double-quoted attribute value.
    ///
    /// In attributes, line breaks and tabs become character references so that XML
    /// attribute normalization does not turn them into spaces; in text, a carriage
    /// return does, since parsers would otherwise fold `\r\n` into `\n`.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(visible(scalar))
            }
        }
        return out
    }

    /// The scalar itself, or a printable stand-in for one that XML does not allow.
    private static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: "\u{2421}"
        case 0xFFFE, 0xFFFF: "\u{FFFD}"
        default: scalar
        }
    }
}
