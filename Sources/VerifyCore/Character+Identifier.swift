package extension Character {
    /// A letter, a digit or `_`: a character of a Python identifier. ASCII is decided
    /// without Unicode's property tables, which cost more than the rest of a claim's
    /// reading.
    var isIdentifierCharacter: Bool {
        if let ascii = asciiValue {
            return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii)
                || ascii == 0x5F
        }
        return isLetter || isNumber
    }
}
