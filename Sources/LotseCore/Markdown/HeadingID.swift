/// Stable ids for headings, also for headings in non-Latin scripts.
enum HeadingID {
    /// GitHub-style slug: lower case, letters, digits and combining marks of
    /// any script kept, spaces and hyphens become `-`, everything else dropped.
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let props = scalar.properties
            if props.isAlphabetic || props.numericType != nil || props.generalCategory == .nonspacingMark
                || props.generalCategory == .spacingMark || scalar == "_" {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if props.isWhitespace || scalar == "-" {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// An explicit id must be usable in a URL fragment without escaping.
    /// On the bytes: the ASCII scalars that are alphabetic are the letters
    /// `A`–`Z` and `a`–`z` (looking up the property was most of checking ids).
    static func isValidExplicit(_ id: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = id.utf8.first, isLetter(first) else { return false }
        return id.utf8.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// Ids for a page's headings: explicit ones as written, others slugged,
    /// numbered `-1`, `-2`… where a page repeats one.
    ///
    /// Linear in the number of headings (``UniqueNames``): a page repeating
    /// one heading 50,000 times does not try 1, 2, 3… for each.
    static func assign(_ headings: [MarkdownDocument.Heading], reserved: Set<String> = []) -> [String] {
        var names = UniqueNames(firstNumber: 1, reserved: reserved, capacity: headings.count)
        return headings.map { names.claim($0.explicitID ?? slug($0.text)) }
    }
}
