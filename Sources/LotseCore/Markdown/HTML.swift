/// Escaping for text placed into HTML by Lotse itself (not by Mustache).
enum HTML {
    static func escape(_ text: String) -> String {
        // Most texts (heading ids, URLs) have nothing to escape.
        func isSpecial(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        // On the contiguous bytes: the UTF-8 view's iterator is several times slower.
        let special = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) } ?? text.utf8.contains(where: isSpecial)
        guard special else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A URL escaped for an `href` attribute exactly as cmark escapes link
    /// destinations (its `houdini_escape_href`): URL characters are kept,
    /// `&` and `'` become entities, every other byte becomes `%XX`.
    static func escapeHref(_ url: String) -> String {
        if isHrefSafe(url) { return url }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(url.utf8.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            if hrefSafe(byte) {
                bytes.append(byte)
            } else if byte == UInt8(ascii: "&") {
                bytes.append(contentsOf: "&amp;".utf8)
            } else if byte == UInt8(ascii: "'") {
                bytes.append(contentsOf: "&#x27;".utf8)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// cmark's `HREF_SAFE` table: letters, digits and `-_.+!*(),%#@?=;:/$~`.
    private static let hrefSafeTable: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*(),%#@?=;:/$~".utf8.contains(byte)
        }
    }

    private static func hrefSafe(_ byte: UInt8) -> Bool {
        hrefSafeTable[Int(byte)]
    }

    /// Whether ``escapeHref(_:)`` keeps `url` as it is: its contiguous UTF-8 read with the table in
    /// hand (read through `utf8` byte by byte, the table looked up for each, it was a hundredth of a
    /// build: every link of every page is escaped for each page and print version; issue 10).
    static func isHrefSafe(_ url: String) -> Bool {
        hrefSafeTable.withUnsafeBufferPointer { table in
            url.utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes where !table[Int(byte)] { return false }
                return true
            } ?? url.utf8.allSatisfy { table[Int($0)] }
        }
    }

    /// ``isHrefSafe(_:)`` byte by byte through `utf8`, as before (the reference for it).
    static func isHrefSafeByByte(_ url: String) -> Bool {
        url.utf8.allSatisfy(hrefSafe)
    }
}
