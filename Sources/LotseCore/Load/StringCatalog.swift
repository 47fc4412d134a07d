import Foundation

/// Interface strings ("Skip to content", "Last reviewed: {date}"…) for every
/// language of the site: the templates' defaults in `templates/strings/`,
/// overridden per site by `content/<lang>/strings.yaml`.
public struct StringCatalog: Sendable {
    struct Entry: Sendable {
        var value: String
        var location: SourceLocation
    }

    /// Resolved strings per site language (fallbacks applied).
    public private(set) var strings: [String: [String: String]] = [:]

    /// Loads all string files and resolves each language's table: the
    /// language itself, then the source language, then English. Missing
    /// strings are warnings; a key in `usedKeys` defined nowhere is an error.
    static func load(templatesDir: URL, templatesDisplay: String, contentDir: URL, contentDisplay: String,
                     config: SiteConfig, usedKeys: [String: SourceLocation], log: DiagnosticLog) -> StringCatalog {
        let stringsDir = templatesDir.appendingPathComponent("strings")
        var defaults: [String: [String: Entry]] = [:]
        for file in ContentTree.files(in: stringsDir, displayPrefix: ContentTree.join(templatesDisplay, "strings"))
        where file.relativePath.hasSuffix(".yaml") && !file.relativePath.contains("/") {
            let code = String(file.relativePath.dropLast(5))
            defaults[code] = loadTable(in: file.root, file.relativePath, displayPath: file.displayPath, log: log)
        }
        var overrides: [String: [String: Entry]] = [:]
        var overrideFiles: [String: String] = [:]
        for language in config.languages {
            let relative = "\(language.code)/strings.yaml"
            guard SourceText.entryExists(in: contentDir, relative) else { continue }
            let display = ContentTree.join(contentDisplay, relative)
            overrides[language.code] = loadTable(in: contentDir, relative, displayPath: display, log: log)
            overrideFiles[language.code] = display
        }

        checkPlaceholders(overrides: &overrides, defaults: defaults, log: log)

        // Every key anything defines, for checking overrides and templates.
        var known = Set<String>()
        for table in defaults.values { known.formUnion(table.keys) }
        for (code, table) in overrides {
            for (key, entry) in table where !known.contains(key) && usedKeys[key] == nil {
                log.warning(at: entry.location, "string '\(key)' in \(code)/strings.yaml is not used by the templates\(Suggestion.didYouMean(key, in: known.union(usedKeys.keys)))")
            }
        }
        for (key, location) in usedKeys.sorted(by: { $0.key < $1.key }) {
            let defined = defaults.values.contains { $0[key] != nil } || overrides.values.contains { $0[key] != nil }
            if !defined {
                log.error(at: location, "the templates use string '\(key)', which no strings file defines (add it to templates/strings/<lang>.yaml)")
            }
        }

        var catalog = StringCatalog()
        let allKeys = Set(usedKeys.keys).union(defaults["en"]?.keys ?? [:].keys)
        for language in config.languages {
            let code = language.code
            let primary = primarySubtag(code)
            let own = (defaults[code] ?? defaults[primary] ?? [:]).merging(overrides[code] ?? [:]) { $1 }
            var table: [String: String] = [:]
            var missing: [String] = []
            for key in allKeys.sorted() {
                if let entry = own[key] {
                    table[key] = entry.value
                    continue
                }
                let source = (overrides[config.sourceLanguage]?[key] ?? defaults[config.sourceLanguage]?[key])
                if let fallback = source ?? defaults["en"]?[key] {
                    table[key] = fallback.value
                    missing.append(key)
                }
            }
            catalog.strings[code] = table
            if !missing.isEmpty {
                // Point at a file that exists: the site's strings, the templates', or site.yaml.
                let location = overrideFiles[code].map { SourceLocation(path: $0) }
                    ?? (defaults[code] ?? defaults[primary]).flatMap { $0.values.first?.location }.map { SourceLocation(path: $0.path) }
                    ?? config.location
                let shown = missing.prefix(12).joined(separator: ", ") + (missing.count > 12 ? " and \(missing.count - 12) more" : "")
                log.warning(at: location,
                            "\(missing.count) interface string(s) missing in '\(code)', shown in \(config.sourceLanguage) or English instead: \(shown)")
            }
        }
        return catalog
    }

    /// An override must keep the `{placeholders}` of the text it replaces:
    /// without `{date}` the review date would silently vanish from every
    /// page, and a placeholder nothing fills would be shown as written. Such
    /// an override is reported where it is written and the default is used.
    private static func checkPlaceholders(overrides: inout [String: [String: Entry]], defaults: [String: [String: Entry]],
                                          log: DiagnosticLog) {
        for (code, table) in overrides.sorted(by: { $0.key < $1.key }) {
            for (key, entry) in table.sorted(by: { $0.key < $1.key }) {
                guard let original = defaults[code]?[key] ?? defaults[primarySubtag(code)]?[key] ?? defaults["en"]?[key] else { continue }
                let expected = placeholders(in: original.value)
                let written = placeholders(in: entry.value)
                guard expected != written else { continue }
                var problems: [String] = []
                let missing = expected.subtracting(written).sorted().map { "{\($0)}" }
                let unknown = written.subtracting(expected).sorted().map { "{\($0)}" }
                if !missing.isEmpty { problems.append("leaves out \(missing.joined(separator: ", ")), which Lotse fills in") }
                if !unknown.isEmpty { problems.append("has \(unknown.joined(separator: ", ")), which nothing fills in") }
                log.warning(at: entry.location,
                            "string '\(key)' in \(code)/strings.yaml \(problems.joined(separator: " and ")) (the default text is \"\(original.value)\"); the default text is used until this is fixed")
                overrides[code]?[key] = nil
            }
        }
    }

    /// The names in `{name}` placeholders.
    static func placeholders(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                names.insert(String(name))
                rest = after[after.index(after: close)...]
            } else {
                rest = after
            }
        }
        return names
    }

    static func primarySubtag(_ code: String) -> String {
        String(code.split(separator: "-").first ?? Substring(code))
    }

    private static func loadTable(in folder: URL, _ relative: String, displayPath: String, log: DiagnosticLog) -> [String: Entry] {
        do {
            let text = try SourceText.read(in: folder, relative, displayPath: displayPath)
            let doc = try YAMLDocument(text: text, path: displayPath)
            var table: [String: Entry] = [:]
            for (key, _, value) in doc.entries(doc.root, log: log, what: "a strings file") {
                if let string = doc.string(value, log: log, what: "string '\(key)'") {
                    table[key] = Entry(value: string, location: doc.location(of: value))
                }
            }
            return table
        } catch {
            log.add(contentsOf: error)
            return [:]
        }
    }

    public func table(for language: String) -> [String: String] {
        strings[language] ?? [:]
    }
}

extension String {
    /// Fills `{name}` placeholders of an interface string.
    ///
    /// By bytes where that gives what Foundation's `replacingOccurrences`
    /// (one name after the other) gives; by Foundation otherwise (see
    /// ``fillingBytes(_:)``). Filling went through NSString for every page
    /// and print version (the review line, the QR code's label).
    func filling(_ values: [String: String]) -> String {
        fillingBytes(values) ?? fillingByFoundation(values)
    }

    /// The placeholders filled one name after the other with Foundation's
    /// `replacingOccurrences` (the reference for ``fillingBytes(_:)``).
    func fillingByFoundation(_ values: [String: String]) -> String {
        var result = self
        for (name, value) in values {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// The placeholders filled in one pass over the bytes; nil where that
    /// might differ from ``fillingByFoundation(_:)``:
    /// - a name that is not ASCII lowercase letters, digits and `_` (no
    ///   other text is canonically equivalent to those),
    /// - a value with a brace (filling one name after the other could then
    ///   fill a placeholder made by another value, in an order that varies),
    /// - a placeholder with a non-ASCII byte right before its `{` or after its
    ///   `}` (a combining mark after `}`, or a prepended mark before `{`, joins
    ///   the brace into another Character, where Foundation does not find it),
    ///   or right next to another placeholder being filled (then what it is
    ///   next to depends on the value filled first),
    /// - a value that could make a new placeholder with the text around it.
    func fillingBytes(_ values: [String: String]) -> String? {
        for (name, value) in values {
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isPlaceholderByte) else { return nil }
            if value.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) { return nil }
        }
        var text = self
        return text.withUTF8 { bytes -> String? in
            let count = bytes.count
            var result: [UInt8] = []
            var copied = 0
            var filledEnd = -1
            var index = 0
            while index < count {
                guard bytes[index] == UInt8(ascii: "{") else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < count, Self.isPlaceholderByte(bytes[end]) { end += 1 }
                guard end < count, end > index + 1, bytes[end] == UInt8(ascii: "}"),
                      let value = values[String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)] else {
                    index += 1
                    continue
                }
                let before: UInt8? = index > 0 ? bytes[index - 1] : nil
                let after: UInt8? = end + 1 < count ? bytes[end + 1] : nil
                if let before, before >= 0x80 || filledEnd == index { return nil }
                if let after, after >= 0x80 || after == UInt8(ascii: "{") { return nil }
                // `{da{x}e}` with x = "at" makes a new placeholder, which Foundation may fill next.
                if let before, let after, before == UInt8(ascii: "{") || Self.isPlaceholderByte(before),
                   after == UInt8(ascii: "}") || Self.isPlaceholderByte(after),
                   value.utf8.allSatisfy(Self.isPlaceholderByte) { return nil }
                if result.isEmpty { result.reserveCapacity(count + 64) }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                result.append(contentsOf: value.utf8)
                index = end + 1
                copied = index
                filledEnd = index
            }
            if copied == 0 { return self }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
            return String(decoding: result, as: UTF8.self)
        }
    }

    private static func isPlaceholderByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_")
    }
}
