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
    static func isValidExplicit(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    /// Ids for a page's headings: explicit ones as written, others slugged,
    /// numbered `-1`, `-2`… where a page repeats one.
    static func assign(_ headings: [MarkdownDocument.Heading], reserved: Set<String> = []) -> [String] {
        var used = reserved
        // The next number to try for each base: ids are never freed, so the
        // numbers below it are taken (linear also for 50,000 equal headings).
        var nextNumber: [String: Int] = [:]
        var ids: [String] = []
        ids.reserveCapacity(headings.count)
        for heading in headings {
            let base = heading.explicitID ?? slug(heading.text)
            var id = base
            var n = nextNumber[base] ?? 1
            if used.contains(id) {
                repeat {
                    id = "\(base)-\(n)"
                    n += 1
                } while used.contains(id)
                nextNumber[base] = n
            }
            used.insert(id)
            ids.append(id)
        }
        return ids
    }
}
