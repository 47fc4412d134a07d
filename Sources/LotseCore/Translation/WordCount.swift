/// Counts the words of a text the way ``SourceSections/wordCount(_:)``
/// always has: runs of characters between whitespace that hold a letter or
/// a digit (`Character.isWhitespace`, `isLetter`, `isNumber`).
///
/// Why a second implementation: going through `Character`s finds grapheme
/// clusters and looks up Unicode properties for every character, and the
/// status of every page in every language counts its source's words; on a
/// site of 10,000 pages that was seconds. Below U+0300 (ASCII, Latin-1,
/// Latin Extended: German, English, Turkish, Kurdish…) every scalar is a
/// character of its own (only `\r\n` joins, and both are whitespace), so the
/// text is read scalar by scalar from a table made from the same Unicode
/// properties `Character` uses. Any other text is counted by characters
/// as before.
enum WordCount {
    /// Bit 0: whitespace; bit 1: letter or number; for each scalar below U+0300.
    private static let classes: [UInt8] = (0..<0x300).map { value in
        let character = Character(Unicode.Scalar(UInt32(value))!)
        return (character.isWhitespace ? 1 : 0) | (character.isLetter || character.isNumber ? 2 : 0)
    }

    static func count(_ text: String) -> Int {
        var text = text
        if let fast = text.withUTF8({ countBelowU0300($0) }) { return fast }
        return byCharacters(text)
    }

    /// The original definition, for texts with scalars from U+0300 on.
    static func byCharacters(_ text: String) -> Int {
        text.split { $0.isWhitespace }.filter { word in word.contains { $0.isLetter || $0.isNumber } }.count
    }

    /// Nil when the text has a scalar from U+0300 on.
    private static func countBelowU0300(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // The table in hand: read through the static in the loop, it was made sure of (`swift_once`) at every byte.
        classes.withUnsafeBufferPointer { countBelowU0300(bytes, classes: $0) }
    }

    private static func countBelowU0300(_ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>) -> Int? {
        var words = 0
        var inWord = false
        var counted = false
        var index = 0
        let n = bytes.count
        while index < n {
            let byte = bytes[index]
            let scalar: Int
            if byte < 0x80 {
                scalar = Int(byte)
                index += 1
            } else if byte >= 0xC2, byte < 0xCC, index + 1 < n {
                // Two-byte UTF-8 below U+0300 (a String's bytes are valid UTF-8).
                scalar = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                index += 2
            } else {
                return nil
            }
            let kind = classes[scalar]
            if kind & 1 != 0 {
                inWord = false
            } else {
                if !inWord {
                    inWord = true
                    counted = false
                }
                if kind & 2 != 0, !counted {
                    counted = true
                    words += 1
                }
            }
        }
        return words
    }
}
