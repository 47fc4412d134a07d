import Foundation

/// A page's rendered body cut into sections at its headings, and made fit
/// for paper.
///
/// Leaflets print advice text in pieces: one section named by `page#anchor`,
/// or a whole page as rows of a bilingual grid, section beside section. The
/// body is rendered once (see ``RenderedBody``); in cmark's safe output every
/// `<hN id="…">` is a heading Lotse numbered, so cutting at those tags is exact.
enum BodySections {
    struct Section: Equatable {
        /// The heading's id; nil for the text before the first heading.
        var id: String?
        var level: Int
        var html: String
    }

    /// Positions of the headings: (start offset of `<hN`, level, id).
    ///
    /// Scans the UTF-8 bytes (Foundation's `range(of:)` per tag was a fifth of
    /// a build with leaflets); a tag whose bytes a combining mark joins to the
    /// next character is left to ``headingsByCharacter(in:)``, which reads
    /// Characters as before.
    private static func headings(in html: String) -> [(start: String.Index, level: Int, id: String)] {
        var result: [(String.Index, Int, String)] = []
        let utf8 = html.utf8
        var index = utf8.startIndex
        while let open = firstIndex(of: UInt8(ascii: "<"), in: html, from: index) {
            index = utf8.index(after: open)
            guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "h") else { continue }
            let digitIndex = utf8.index(after: index)
            guard digitIndex < utf8.endIndex else { continue }
            let digit = utf8[digitIndex]
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else {
                if digit >= 0x80 { return headingsByCharacter(in: html) }
                continue
            }
            let afterDigit = utf8.index(after: digitIndex)
            if afterDigit < utf8.endIndex, utf8[afterDigit] >= 0x80,
               joins("0", html.unicodeScalars[afterDigit]) { return headingsByCharacter(in: html) }
            let level = Int(digit - UInt8(ascii: "0"))
            guard (1...6).contains(level), utf8[afterDigit...].starts(with: " id=\"".utf8) else { continue }
            let idStart = utf8.index(afterDigit, offsetBy: 5)
            if idStart < utf8.endIndex, utf8[idStart] >= 0x80,
               joins("\"", html.unicodeScalars[idStart]) { return headingsByCharacter(in: html) }
            guard let quote = firstIndex(of: UInt8(ascii: "\""), in: html, from: idStart) else { continue }
            let afterQuote = utf8.index(after: quote)
            if afterQuote < utf8.endIndex, utf8[afterQuote] >= 0x80,
               joins("\"", html.unicodeScalars[afterQuote]) { return headingsByCharacter(in: html) }
            result.append((open, level, String(html[idStart..<quote])))
        }
        return result
    }

    /// The first `byte` at or after `index`, found with `memchr` in the text's contiguous UTF-8
    /// (the generic search of the UTF-8 view stepped index by index: most of ``headings(in:)``).
    private static func firstIndex(of byte: UInt8, in html: String, from index: String.Index) -> String.Index? {
        let utf8 = html.utf8
        let start = utf8.distance(from: utf8.startIndex, to: index)
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard start < bytes.count, let base = bytes.baseAddress,
                  let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let found else { return utf8[index...].firstIndex(of: byte) }
        return found.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// ``headings(in:)`` read by Character, for texts where a tag's bytes join with what follows.
    static func headingsByCharacter(in html: String) -> [(start: String.Index, level: Int, id: String)] {
        var result: [(String.Index, Int, String)] = []
        var rest = html.startIndex
        while let open = html.range(of: "<h", range: rest..<html.endIndex) {
            rest = open.upperBound
            guard let digit = html[open.upperBound...].first, let level = digit.wholeNumberValue, (1...6).contains(level) else { continue }
            let afterDigit = html.index(after: open.upperBound)
            guard html[afterDigit...].hasPrefix(" id=\"") else { continue }
            let idStart = html.index(afterDigit, offsetBy: 5)
            guard let quote = html[idStart...].firstIndex(of: "\"") else { continue }
            result.append((open.lowerBound, level, String(html[idStart..<quote])))
        }
        return result
    }

    /// The body cut before every heading of level `level` or higher (`##` by
    /// default): the text before the first one, then one section per heading.
    static func split(_ html: String, level: Int = 2) -> [Section] {
        split(html, level: level, cuts: headings(in: html))
    }

    /// ``split(_:level:)`` with the headings read by Character (tests compare both).
    static func splitByCharacter(_ html: String, level: Int = 2) -> [Section] {
        split(html, level: level, cuts: headingsByCharacter(in: html))
    }

    private static func split(_ html: String, level: Int, cuts all: [(start: String.Index, level: Int, id: String)]) -> [Section] {
        let cuts = all.filter { $0.level <= level }
        var sections: [Section] = []
        var start = html.startIndex
        var current: (id: String?, level: Int) = (nil, 0)
        for cut in cuts {
            let piece = String(html[start..<cut.start])
            if current.id != nil || !piece.trimmingWhitespace.isEmpty {
                sections.append(Section(id: current.id, level: current.level, html: piece))
            }
            start = cut.start
            current = (cut.id, cut.level)
        }
        let last = String(html[start...])
        if current.id != nil || !last.trimmingWhitespace.isEmpty {
            sections.append(Section(id: current.id, level: current.level, html: last))
        }
        return sections
    }

    /// The section that starts at the heading with this id and runs to the
    /// next heading of the same or a higher level; nil when there is none.
    static func section(_ html: String, id: String) -> Section? {
        let all = headings(in: html)
        guard let index = all.firstIndex(where: { $0.id == HTML.escape(id) }) else { return nil }
        let start = all[index]
        let end = all[(index + 1)...].first { $0.level <= start.level }?.start ?? html.endIndex
        return Section(id: id, level: start.level, html: String(html[start.start..<end]))
    }

    /// The sections with these ids, each piece of text once: a section that
    /// lies inside another one named (a `###` below a named `##`) is left out,
    /// since its parent prints it; a parent named after one of its
    /// sub-sections takes the place of the first of them. Unknown ids are
    /// skipped. Several outcomes of one result may name a section and a part
    /// of it; the leaflet must not print that part twice.
    static func sections(_ html: String, ids: [String]) -> [Section] {
        let all = headings(in: html)
        var chosen: [(range: Range<String.Index>, section: Section)] = []
        for id in ids {
            guard let index = all.firstIndex(where: { $0.id == HTML.escape(id) }) else { continue }
            let start = all[index]
            let end = all[(index + 1)...].first { $0.level <= start.level }?.start ?? html.endIndex
            let range = start.start..<end
            if chosen.contains(where: { $0.range.contains(range.lowerBound) && range.upperBound <= $0.range.upperBound }) { continue }
            let section = Section(id: id, level: start.level, html: String(html[range]))
            let inside = chosen.indices.filter { range.contains(chosen[$0].range.lowerBound) && chosen[$0].range.upperBound <= range.upperBound }
            if let first = inside.first {
                chosen[first] = (range, section)
                for index in inside.dropFirst().reversed() { chosen.remove(at: index) }
            } else {
                chosen.append((range, section))
            }
        }
        return chosen.map(\.section)
    }

    /// The ids of every heading in `html` (as written in the HTML, escaped).
    static func ids(in html: String) -> [String] {
        headings(in: html).map(\.id)
    }

    /// Headings moved `by` levels down (an `##` of a page printed below the
    /// leaflet's own headings), at most to `<h6>`, and their ids dropped: one
    /// leaflet holds several pages, and a bilingual one every page twice.
    ///
    /// Scans the UTF-8 bytes; a text where a non-ASCII character follows a
    /// heading tag's `<`, `h`, digit or `>` (which a combining mark could join
    /// into one Character) is left to ``demoteHeadingsByCharacter(_:by:)``,
    /// which reads Characters as before, so the output is the same.
    static func demoteHeadings(_ html: String, by shift: Int) -> String {
        // The string's own UTF-8 (no copy into an array: this runs for every section printed).
        var text = html
        switch text.withUTF8({ demote($0, by: shift) }) {
        case .unchanged: return html
        case let .changed(bytes): return String(decoding: bytes, as: UTF8.self)
        case .byCharacter: return demoteHeadingsByCharacter(html, by: shift)
        }
    }

    /// What ``demote(_:by:)`` made of a text.
    private enum Demoted {
        case unchanged
        case changed([UInt8])
        /// A tag's bytes might join with a combining mark: read it by Character.
        case byCharacter
    }

    /// ``demoteHeadings(_:by:)`` on UTF-8 bytes.
    private static func demote(_ bytes: UnsafeBufferPointer<UInt8>, by shift: Int) -> Demoted {
        // Reserved at the first heading changed: most sections have one, but not all.
        var result: [UInt8] = []
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            // The next `<`, by memchr.
            guard let base = bytes.baseAddress, let hit = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else { break }
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var cursor = index + 1
            if cursor < count, bytes[cursor] >= 0x80 { return .byCharacter }
            let closing = cursor < count && bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            guard cursor + 2 < count, bytes[cursor] == UInt8(ascii: "h") else {
                if cursor < count, bytes[cursor] >= 0x80 { return .byCharacter }
                index += 1
                continue
            }
            let digit = bytes[cursor + 1]
            let next = bytes[cursor + 2]
            if digit >= 0x80 || next >= 0x80 { return .byCharacter }
            guard digit >= UInt8(ascii: "1"), digit <= UInt8(ascii: "6"),
                  next == UInt8(ascii: ">") || next == UInt8(ascii: " ") else {
                index += 1
                continue
            }
            if next == UInt8(ascii: " "), cursor + 3 < count, bytes[cursor + 3] >= 0x80,
               joins(" ", String(decoding: bytes[(cursor + 3)..<min(cursor + 7, count)], as: UTF8.self).unicodeScalars.first!) {
                return .byCharacter
            }
            // The tag ends at the first `>`; a combining mark right after it would make it another Character.
            guard let end = bytes[(cursor + 2)...].firstIndex(of: UInt8(ascii: ">")) else {
                return .byCharacter
            }
            if end + 1 < count, bytes[end + 1] >= 0x80,
               joins(">", String(decoding: bytes[(end + 1)..<min(end + 5, count)], as: UTF8.self).unicodeScalars.first!) {
                return .byCharacter
            }
            if result.isEmpty { result.reserveCapacity(count) }
            result.append(contentsOf: bytes[start..<index])
            let newLevel = min(Int(digit - UInt8(ascii: "0")) + shift, 6)
            if (0...9).contains(newLevel) {
                // The tag written byte by byte (no String made for it).
                result.append(UInt8(ascii: "<"))
                if closing { result.append(UInt8(ascii: "/")) }
                result.append(UInt8(ascii: "h"))
                result.append(UInt8(ascii: "0") + UInt8(newLevel))
                result.append(UInt8(ascii: ">"))
            } else {
                result.append(contentsOf: (closing ? "</h\(newLevel)>" : "<h\(newLevel)>").utf8)
            }
            index = end + 1
            start = index
        }
        if start == 0 { return .unchanged }
        result.append(contentsOf: bytes[start...])
        return .changed(result)
    }

    /// Whether `scalar` after the ASCII `character` makes one Character with it (a combining mark does).
    private static func joins(_ character: Character, _ scalar: Unicode.Scalar) -> Bool {
        var text = String(character)
        text.unicodeScalars.append(scalar)
        return text.count == 1
    }

    /// An advice page's body as a print version shows it whole: links made
    /// absolute (``absoluteLinks(_:language:absoluteBase:pageURL:)``), cut
    /// into sections (``split(_:level:)``), each demoted by `shift`
    /// (``demoteHeadings(_:by:)``); the same sections, made from the bytes
    /// with one String per section instead of a String for the body, one
    /// per section and one per demoted section.
    static func absoluteSections(_ body: RenderedBody, language: String, absoluteBase: String, pageURL: String,
                                 level: Int = 2, shift: Int) -> [Section] {
        let bytes = absoluteBytes(body.htmlBytes(reader: language, resolver: SiteLinkResolver(prefix: absoluteBase)), pageURL: pageURL)
        let sections = bytes.withUnsafeBufferPointer { splitDemoted($0, level: level, shift: shift) }
        if let sections { return sections }
        // A tag a combining mark may join: the Character-reading paths, as before.
        let html = String(decoding: bytes, as: UTF8.self)
        return split(html, level: level).map { Section(id: $0.id, level: $0.level, html: demoteHeadings($0.html, by: shift)) }
    }

    /// A section whose HTML is UTF-8 bytes (valid UTF-8: cut from a rendered body at ASCII tags).
    struct ByteSection: Equatable {
        var id: String?
        var level: Int
        var html: [UInt8]
    }

    /// ``absoluteSections(_:language:absoluteBase:pageURL:level:shift:)`` with each section's HTML
    /// as bytes: for a print version, which puts them into its page as bytes (no String made and
    /// checked for each section; issue 10).
    static func absoluteSectionBytes(_ body: RenderedBody, language: String, absoluteBase: String, pageURL: String,
                                     level: Int = 2, shift: Int) -> [ByteSection] {
        sectionBytes(absoluteBytes(body.htmlBytes(reader: language, resolver: SiteLinkResolver(prefix: absoluteBase)), pageURL: pageURL),
                     level: level, shift: shift)
    }

    /// ``absoluteSectionBytes(_:language:absoluteBase:pageURL:level:shift:)`` of a body the
    /// page has unpacked already (``UnpackedBody``).
    static func absoluteSectionBytes(_ body: UnpackedBody, language: String, absoluteBase: String, pageURL: String,
                                     level: Int = 2, shift: Int) -> [ByteSection] {
        sectionBytes(absoluteBytes(body.htmlBytes(reader: language, resolver: SiteLinkResolver(prefix: absoluteBase)), pageURL: pageURL),
                     level: level, shift: shift)
    }

    /// A body's HTML with absolute links (``absoluteBytes(_:pageURL:)``) cut into sections, each demoted by `shift`.
    private static func sectionBytes(_ bytes: [UInt8], level: Int, shift: Int) -> [ByteSection] {
        let sections = bytes.withUnsafeBufferPointer { splitDemoted($0, level: level, shift: shift, bytes: { Array($0) }, demoted: { $0 }) }
        if let sections { return sections.map { ByteSection(id: $0.id, level: $0.level, html: $0.html) } }
        let html = String(decoding: bytes, as: UTF8.self)
        return split(html, level: level).map { ByteSection(id: $0.id, level: $0.level, html: Array(demoteHeadings($0.html, by: shift).utf8)) }
    }

    /// A body's HTML `joined` for its language with absolute links (``SiteLinkResolver``),
    /// with its `#fragment` links made absolute too.
    private static func absoluteBytes(_ joined: [UInt8], pageURL: String) -> [UInt8] {
        let replacement = "href=\"\(pageURL)#"
        let token = Array("href=\"#".utf8)
        return joined.withUnsafeBufferPointer { String.replacingBytes(token, with: replacement, in: $0) } ?? joined
    }

    /// ``split(_:level:)`` of UTF-8 bytes with each section demoted; nil where
    /// the byte scans would hand a text to the Character-reading paths.
    static func splitDemoted(_ bytes: UnsafeBufferPointer<UInt8>, level: Int = 2, shift: Int) -> [Section]? {
        splitDemoted(bytes, level: level, shift: shift, bytes: { String(decoding: $0, as: UTF8.self) },
                     demoted: { String(decoding: $0, as: UTF8.self) })?
            .map { Section(id: $0.id, level: $0.level, html: $0.html) }
    }

    /// ``splitDemoted(_:level:shift:)`` with each section's HTML made by `bytes` (a piece of the
    /// text as it is) or `demoted` (a piece with its headings demoted).
    private static func splitDemoted<HTML>(_ bytes: UnsafeBufferPointer<UInt8>, level: Int, shift: Int,
                                           bytes piece: (UnsafeBufferPointer<UInt8>) -> HTML,
                                           demoted: ([UInt8]) -> HTML) -> [(id: String?, level: Int, html: HTML)]? {
        guard let all = headingOffsets(in: bytes) else { return nil }
        var sections: [(id: String?, level: Int, html: HTML)] = []
        var start = 0
        var current: (id: String?, level: Int) = (nil, 0)
        func add(_ range: Range<Int>) -> Bool {
            let text = UnsafeBufferPointer(rebasing: bytes[range])
            // A visible ASCII character (a tag's `<`) is never trimmed as whitespace: the text is not
            // empty, without making it a String to ask (no whitespace scalar joins one; issue 10).
            if current.id == nil, !text.contains(where: { $0 > 0x20 && $0 < 0x7F }),
               String(decoding: text, as: UTF8.self).trimmingWhitespace.isEmpty { return true }
            let html: HTML
            switch demote(text, by: shift) {
            case .unchanged: html = piece(text)
            case let .changed(demotedBytes): html = demoted(demotedBytes)
            case .byCharacter: return false
            }
            sections.append((current.id, current.level, html))
            return true
        }
        for cut in all where cut.level <= level {
            guard add(start..<cut.start) else { return nil }
            start = cut.start
            current = (cut.id, cut.level)
        }
        guard add(start..<bytes.count) else { return nil }
        return sections
    }

    /// ``headings(in:)`` on UTF-8 bytes, with byte offsets; nil where that
    /// hands the text to ``headingsByCharacter(in:)``.
    static func headingOffsets(in bytes: UnsafeBufferPointer<UInt8>) -> [(start: Int, level: Int, id: String)]? {
        var result: [(start: Int, level: Int, id: String)] = []
        guard let base = bytes.baseAddress else { return result }
        let count = bytes.count
        func scalar(at offset: Int) -> Unicode.Scalar {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<min(offset + 4, count)]), as: UTF8.self).unicodeScalars.first!
        }
        func find(_ byte: UInt8, from offset: Int) -> Int? {
            guard offset < count, let hit = memchr(base + offset, Int32(byte), count - offset) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        var index = 0
        while let open = find(UInt8(ascii: "<"), from: index) {
            index = open + 1
            guard index < count, bytes[index] == UInt8(ascii: "h") else { continue }
            let digitIndex = index + 1
            guard digitIndex < count else { continue }
            let digit = bytes[digitIndex]
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else {
                if digit >= 0x80 { return nil }
                continue
            }
            let afterDigit = digitIndex + 1
            if afterDigit < count, bytes[afterDigit] >= 0x80, joins("0", scalar(at: afterDigit)) { return nil }
            let level = Int(digit - UInt8(ascii: "0"))
            guard (1...6).contains(level), bytes[afterDigit...].starts(with: " id=\"".utf8) else { continue }
            let idStart = afterDigit + 5
            if idStart < count, bytes[idStart] >= 0x80, joins("\"", scalar(at: idStart)) { return nil }
            guard let quote = find(UInt8(ascii: "\""), from: idStart) else { continue }
            let afterQuote = quote + 1
            if afterQuote < count, bytes[afterQuote] >= 0x80, joins("\"", scalar(at: afterQuote)) { return nil }
            result.append((open, level, String(decoding: UnsafeBufferPointer(rebasing: bytes[idStart..<quote]), as: UTF8.self)))
        }
        return result
    }

    /// ``demoteHeadings(_:by:)`` read by Character.
    static func demoteHeadingsByCharacter(_ html: String, by shift: Int) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var rest = html[...]
        while let open = rest.range(of: "<") {
            result += rest[..<open.lowerBound]
            let tag = rest[open.upperBound...]
            let closing = tag.hasPrefix("/")
            let afterSlash = closing ? tag.dropFirst() : tag
            if afterSlash.first == "h", let level = afterSlash.dropFirst().first?.wholeNumberValue, (1...6).contains(level),
               let next = afterSlash.dropFirst(2).first, next == ">" || next == " " {
                let newLevel = min(level + shift, 6)
                result += closing ? "</h\(newLevel)>" : "<h\(newLevel)>"
                // Skip the rest of the tag (its id).
                guard let end = afterSlash.firstIndex(of: ">") else { rest = rest[open.upperBound...]; continue }
                rest = rest[rest.index(after: end)...]
            } else {
                result += "<"
                rest = tag
            }
        }
        result += rest
        return result
    }

    /// Links made absolute for paper: links to pages of the site lead to
    /// `language`'s version below the whole `base_url` (resolved by an
    /// absolute ``SiteLinkResolver``), and `#fragment` links to the page they
    /// are on (`pageURL`).
    static func absoluteLinks(_ body: RenderedBody?, language: String, absoluteBase: String, pageURL: String) -> String {
        guard let body else { return "" }
        // As bytes until the fragment links are replaced: one String made, not two.
        let bytes = body.htmlBytes(reader: language, resolver: SiteLinkResolver(prefix: absoluteBase))
        return bytes.withUnsafeBufferPointer { buffer in
            String.replacing(Array("href=\"#".utf8), with: "href=\"\(pageURL)#", in: buffer)
                ?? String(decoding: buffer, as: UTF8.self)
        }
    }
}
