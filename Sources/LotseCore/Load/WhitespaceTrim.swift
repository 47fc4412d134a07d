/// Where trimming whitespace Characters (`Character.isWhitespace`) from the
/// start and end of a text stops, read from its UTF-8 bytes when they alone
/// tell, so the common texts are trimmed without walking grapheme clusters.
///
/// Why: headings, front matter values and source lines are trimmed by
/// Characters, and a text ending in a letter of a non-Latin script (most
/// headings of an Arabic, Cyrillic or Tigrinya page) was walked backwards
/// cluster by cluster: trimming and splitting off heading ids was a tenth of
/// rendering Markdown (issue 10).
///
/// The bytes tell when the text's ends are runs of ASCII whitespace next to
/// a visible ASCII character or a "plain" scalar (``isPlain(_:)``): such a
/// scalar starts no cluster with the whitespace before it (it extends
/// nothing), ends none with the whitespace after it (it is no prefix), and
/// the cluster it is in does not start with whitespace. Otherwise nil, and
/// the text is trimmed by Characters as before; tests compare the two.
enum WhitespaceTrim {
    /// Space, tab, line feed, vertical tab, form feed, carriage return: the ASCII `White_Space` scalars.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// A letter, decimal digit or punctuation mark of a script block where no
    /// scalar of those categories has a grapheme cluster role (prepended,
    /// extending or spacing mark, zero-width joiner): Latin, Greek, Cyrillic,
    /// Armenian, Hebrew, Arabic, Syriac, the Indic scripts to Kannada,
    /// Georgian, Hangul jamo, Ethiopic and the blocks to U+1FFF, kana, CJK
    /// and Hangul syllables. No whitespace scalar is one of these categories.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard (0x80..<0x0D00).contains(value) || (0x1100..<0x2000).contains(value) || (0x3040..<0xD800).contains(value) else {
            return false
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .decimalNumber, .otherPunctuation: return true
        default: return false
        }
    }

    /// The scalar of valid UTF-8 `bytes` that starts at `index`.
    private static func scalar(startingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        let lead = bytes[index]
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// Whether the byte at `index` (a visible ASCII byte or the start of a
    /// scalar) begins a Character that is not whitespace and extends nothing before it.
    private static func startsPlain(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let byte = bytes[index]
        if (0x21...0x7E).contains(byte) { return true }
        guard byte >= 0xC0, let scalar = scalar(startingAt: index, in: bytes) else { return false }
        return isPlain(scalar)
    }

    /// The offset of the first byte left after trimming leading whitespace, or nil when only Characters tell.
    static func trimmedStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        while start < bytes.count, isASCIIWhitespace(bytes[start]) { start += 1 }
        if start == bytes.count { return start }
        return startsPlain(at: start, in: bytes) ? start : nil
    }

    /// The offset after the last byte left after trimming trailing whitespace, or nil when only Characters tell.
    static func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var end = bytes.count
        while end > 0, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        if end == 0 { return 0 }
        // The start of the last scalar before the whitespace (valid UTF-8: at most three continuation bytes).
        var start = end - 1
        while start > 0, end - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard startsPlain(at: start, in: bytes) else { return nil }
        // The scalar must end where the whitespace starts (a visible ASCII byte is one scalar).
        let byte = bytes[start]
        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        return start + length == end ? end : nil
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = self
        let cut = text.withUTF8 { bytes -> (Int, Int)? in
            guard let start = WhitespaceTrim.trimmedStart(bytes) else { return nil }
            if start == bytes.count { return (start, start) }
            guard let end = WhitespaceTrim.trimmedEnd(bytes) else { return nil }
            return (start, end)
        }
        guard let (start, end) = cut else { return trimmingWhitespaceByCharacters }
        if start == 0, end == utf8.count { return self }
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// ``trimmingWhitespace`` by Characters, for any text.
    var trimmingWhitespaceByCharacters: String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }

    var trimmingTrailingWhitespace: String {
        // Ending in a visible ASCII character, the text ends in a Character that is not
        // whitespace (no whitespace scalar starts a cluster that ends in one): nothing to trim.
        if let last = utf8.last, (UInt8(ascii: "!")...UInt8(ascii: "~")).contains(last) { return self }
        var text = self
        guard let end = text.withUTF8({ WhitespaceTrim.trimmedEnd($0) }) else { return trimmingTrailingWhitespaceByCharacters }
        if end == utf8.count { return self }
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<end]), as: UTF8.self) }
    }

    /// ``trimmingTrailingWhitespace`` by Characters, for any text.
    var trimmingTrailingWhitespaceByCharacters: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
