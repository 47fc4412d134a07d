import Foundation
import Mustache

/// Renders page after page of one shape with one swift-mustache render.
///
/// Why: swift-mustache spends most of a page's time looking names up
/// through `Any` casts and escaping texts character by character (see
/// bench/RESULTS.md), yet the pages one template makes in one language
/// differ only in their texts: their view models have the same *shape* (the
/// same keys, flags and list lengths). So the first model of each shape is
/// rendered by swift-mustache with every text replaced by a numbered marker,
/// the HTML is cut at the markers into a ``Skeleton``, and every page of that
/// shape is the skeleton's pieces joined with the page's own texts, escaped
/// exactly as swift-mustache escapes them wherever the template escapes (the
/// marker carries an `&`, so the skeleton shows whether it was escaped).
///
/// The output is byte for byte what swift-mustache renders, because Mustache
/// without transforms, dynamic partials, lambdas or indented partials never
/// looks inside a text: it only prints it, escaped or not. Template sets that
/// use those (``isUsable(_:)``) are rendered by swift-mustache page by page.
final class TemplateSkeletons: @unchecked Sendable {
    /// A rendered template cut at its texts: the pieces' UTF-8 one after the
    /// other in `bytes`, piece `i` ending at `pieceEnds[i]`; one more piece than `slots`.
    /// (One array, not one per piece: filling a page then retains nothing per
    /// piece, where an array per piece was retained and released for each gap.)
    struct Skeleton {
        var bytes: [UInt8]
        var pieceEnds: [Int]
        /// For each gap: the index of the text, and whether the template escapes it there.
        var slots: [(text: Int, escaped: Bool)]
        var byteCount: Int { bytes.count }
    }

    /// More shapes than this are rendered directly (a bound on memory for odd sites).
    static let maxShapes = 2_048

    /// Guards the caches; a thread that needs a skeleton another is making waits on it (``cached(_:_:make:)``).
    private let lock = NSCondition()
    /// The skeletons being made (``cached(_:_:make:)``): by which cache and key.
    private var making: Set<Making> = []
    /// How many flag and shared skeletons were made, for the tests (each once, however many threads needed it).
    private var madeCount = 0
    private struct Making: Hashable {
        let cache: AnyKeyPath
        let key: String
    }
    /// nil for a shape whose render could not be cut (then it is rendered directly).
    private var skeletons: [ShapeKey: Skeleton?] = [:]
    /// The most texts a model of each template had: room reserved for the next one's.
    private var textCounts: [String: Int] = [:]
    /// The interface strings (`s`) first seen with each `lang`: a model whose `s` is that table
    /// has them written into its skeleton (``sharedSkeletons``) instead of filling them in per page.
    private var languageTables: [String: LanguageTable] = [:]
    /// Each list of interface strings' keys seen, numbered (a table's strings are numbered as its keys are sorted).
    private var tableKeys: [[String]: Int] = [:]
    /// A language's interface strings: the table, the number of its keys' list (``tableKeys``),
    /// those keys sorted, and the strings in that order.
    private struct LanguageTable {
        let strings: [String: String]
        let keys: Int
        let sortedKeys: [String]
        let texts: [String]
    }
    /// Skeletons of models with a language's known strings, with markers for those strings too, by
    /// ``Shape/key`` with the table's keys' number for its `lang`: one swift-mustache render for a
    /// shape in every language whose table has the same keys (a section over a string is shown
    /// whatever the string holds, so only which keys there are decides the render); each language's
    /// skeleton is that skeleton with its strings filled in (``fillStrings(_:texts:strings:)``).
    /// Making a skeleton for each template and language was most of making skeletons (issue 10).
    private var sharedSkeletons: [String: Skeleton?] = [:]
    /// Per process, so no content can spell a marker by chance: 12 ASCII letters (56 bits).
    /// ASCII, and short: swift-mustache escapes a marker character by character, with a
    /// dictionary lookup for each (a third of making a skeleton was escaping its markers).
    private let nonce = String((0..<12).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
    /// Whether whole numbers (`Int`) are texts too: their digits, as swift-mustache prints them.
    /// Only for templates without transforms (`{{#even()}}` reads a number, not only prints it).
    let numbersAreTexts: Bool
    /// Whether no template holds a marker's characters (U+0001, or a scalar from U+F0000 on, which
    /// UTF-8 starts with byte F3 or F4). Then nothing but a marker can print one (every text of a
    /// marker model is a marker, the interface strings too), and a marker is two characters:
    /// `&` and the scalar U+F0000 + its index (``compactMarker(_:)``). swift-mustache escapes a
    /// marker character by character with a dictionary lookup for each (escaping markers was a
    /// third of making a skeleton when they were `\u{1}index&\u{2}`, four to seven; issue 10).
    let templatesLackMarkers: Bool

    /// The templates with marker tags around their `current` sections (``FlagSkeleton/rewrite(_:)``):
    /// with them, pages whose models differ only in `current` flags share one skeleton; nil: they do not.
    let flagLibrary: MustacheLibrary?
    /// ``FlagSkeleton``s by ``Shape/sharedKey(tableKeys:withFlags:)`` without flags; nil where one could not be made.
    private var flagSkeletons: [String: FlagSkeleton?] = [:]

    init(numbersAreTexts: Bool = false, templatesLackMarkers: Bool = false, flagLibrary: MustacheLibrary? = nil) {
        self.numbersAreTexts = numbersAreTexts
        self.templatesLackMarkers = templatesLackMarkers
        self.flagLibrary = templatesLackMarkers ? flagLibrary : nil
    }

    /// The library of ``FlagSkeleton/rewrite(_:)``'s templates, or nil: `base` (the templates as read, all
    /// of them registered) with the rewritten ones registered again (parsing them all again was 1.5 % of a build).
    static func flagLibrary(_ templates: [(name: String, text: String, syntax: TemplateSyntax)],
                            base: MustacheLibrary? = nil) -> MustacheLibrary? {
        guard let rewritten = FlagSkeleton.rewrite(templates) else { return nil }
        var library = base ?? MustacheLibrary()
        let originals = Dictionary(templates.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        for (name, text) in rewritten where base == nil || originals[name] != text {
            guard (try? library.register(text, named: name)) != nil else { return nil }
        }
        return library
    }

    /// Whether none of the templates holds a marker's first character (``templatesLackMarkers``).
    static func lackMarkers(_ templates: [(text: String, syntax: TemplateSyntax)]) -> Bool {
        templates.allSatisfy { !$0.text.utf8.contains { $0 == 1 || $0 >= 0xF3 } }
    }

    /// Whether a template set uses no transforms at all (``numbersAreTexts``).
    static func hasNoTransforms(_ templates: [(text: String, syntax: TemplateSyntax)]) -> Bool {
        templates.allSatisfy { $0.syntax.allNodes().allSatisfy { !$0.name.contains("(") } }
    }

    /// Whether a template set's output can depend on a text's content only by printing it.
    static func isUsable(_ templates: [(text: String, syntax: TemplateSyntax)]) -> Bool {
        for (text, syntax) in templates {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for node in syntax.allNodes() {
                switch node.kind {
                case .dynamicPartial:
                    return false
                case .partial, .parent, .block:
                    // An indented standalone tag indents the lines it renders, which depends on
                    // whether a text is empty or ends a line.
                    guard node.line - 1 < lines.count else { return false }
                    let before = lines[node.line - 1].unicodeScalars.prefix(node.column - 1)
                    if !before.isEmpty && before.allSatisfy({ $0 == " " || $0 == "\t" }) { return false }
                case .variable, .unescaped, .section, .inverted:
                    // Transforms (`{{uppercased(title)}}`) read the text; those of a list's
                    // position (`{{#first()}}`) do not.
                    if node.name.contains("(") {
                        guard node.name.hasSuffix("()"), node.name.dropLast(2).allSatisfy({ $0.isLetter }) else { return false }
                    }
                case .pragma:
                    break
                }
            }
        }
        return true
    }

    func render(_ model: [String: Any], template: String, library: MustacheLibrary) -> String {
        switch prepare(model, template: template, library: library) {
        case let .skeleton(skeleton, texts): return String(decoding: Self.fillBytes(skeleton, texts: texts), as: UTF8.self)
        case let .rendered(html): return html
        }
    }

    /// ``render(_:template:library:)`` as UTF-8 bytes: a page joined from the skeleton's bytes
    /// and its texts' bytes, never checked as a String again.
    func renderBytes(_ model: [String: Any], template: String, library: MustacheLibrary) -> [UInt8] {
        switch prepare(model, template: template, library: library) {
        case let .skeleton(skeleton, texts): return Self.fillBytes(skeleton, texts: texts)
        case let .rendered(html): return Array(html.utf8)
        }
    }

    /// ``render(_:template:library:)`` of a ``ViewModel``: its shape read in the order its
    /// entries are kept (no sort, no cast); the same skeletons, texts and bytes as of its dictionary.
    func render(_ model: ViewModel, template: String, library: MustacheLibrary) -> String {
        String(decoding: renderBytes(model, template: template, library: library), as: UTF8.self)
    }

    /// ``renderBytes(_:template:library:)`` of a ``ViewModel``.
    func renderBytes(_ model: ViewModel, template: String, library: MustacheLibrary) -> [UInt8] {
        let constantStrings: Bool
        if case let .strings(strings)? = model[value: "s"], let lang = model.text("lang") {
            constantStrings = hasKnownStrings(strings, lang: lang)
        } else {
            constantStrings = false
        }
        let prepared = prepare(template: template, constantStrings: constantStrings, library: library,
                               read: { $0.read(model, top: constantStrings) }, dictionary: { model.dictionary })
        switch prepared {
        case let .skeleton(skeleton, texts): return Self.fillBytes(skeleton, texts: texts)
        case let .rendered(html): return Array(html.utf8)
        }
    }

    /// A model's skeleton and texts, or its HTML rendered by swift-mustache.
    private enum Prepared {
        case skeleton(Skeleton, [Text])
        case rendered(String)
    }

    /// A text of a page: a String, or valid UTF-8 bytes (``ViewModel/Value/utf8(_:)``).
    enum Text {
        case string(String)
        case utf8([UInt8])

        var utf8Count: Int {
            switch self {
            case let .string(text): return text.utf8.count
            case let .utf8(bytes): return bytes.count
            }
        }
    }

    private func prepare(_ model: [String: Any], template: String, library: MustacheLibrary) -> Prepared {
        let constantStrings = hasKnownStrings(model)
        return prepare(template: template, constantStrings: constantStrings, library: library,
                       read: { $0.read(model, top: constantStrings) }, dictionary: { model })
    }

    /// `read` reads the model's shape (false: render it directly); `dictionary` is the model for swift-mustache.
    private func prepare(template: String, constantStrings: Bool, library: MustacheLibrary,
                         read: (inout Shape) -> Bool, dictionary: () -> [String: Any]) -> Prepared {
        lock.lock()
        let textCount = textCounts[template] ?? 0
        lock.unlock()
        var shape = Shape(template: template, numbersAreTexts: numbersAreTexts, sharesFlags: flagLibrary != nil, texts: textCount)
        guard read(&shape) else {
            return .rendered(library.render(dictionary(), withTemplate: template) ?? "")
        }
        let model = dictionary
        let key = shape.key
        lock.lock()
        let known = skeletons[key]
        if shape.texts.count > textCount { textCounts[template] = shape.texts.count }
        lock.unlock()
        let skeleton: Skeleton
        switch known {
        case let .some(.some(found)):
            skeleton = found
        case .some(.none):
            return .rendered(library.render(model(), withTemplate: template) ?? "")
        case .none:
            let made = constantStrings
                ? languageSkeleton(shape, model: model, template: template, library: library)
                : makeSkeleton(model(), template: template, texts: shape.texts.count, stringKeys: nil, library: library)
            lock.lock()
            if skeletons.count < Self.maxShapes { skeletons[key] = .some(made) }
            lock.unlock()
            guard let made else { return .rendered(library.render(model(), withTemplate: template) ?? "") }
            skeleton = made
        }
        return .skeleton(skeleton, shape.texts)
    }

    /// How many flag skeletons were made (each two swift-mustache renders), for the tests.
    var flagSkeletonCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return flagSkeletons.values.filter { $0 != nil }.count
    }

    /// How many flag and shared skeletons were made in all, for the tests.
    var skeletonsMade: Int {
        lock.lock()
        defer { lock.unlock() }
        return madeCount
    }

    /// How many shared skeletons were made (each one swift-mustache render), for the tests.
    var sharedSkeletonCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return sharedSkeletons.count
    }

    /// The skeleton of a model with its language's known strings: the shared skeleton of its shape
    /// (made once for the languages whose tables have the same keys) with the language's strings filled in.
    private func languageSkeleton(_ shape: borrowing Shape, model: () -> [String: Any], template: String,
                                  library: MustacheLibrary) -> Skeleton? {
        lock.lock()
        let table = shape.language.flatMap { languageTables[$0] }
        lock.unlock()
        guard let table, let sharedKey = shape.sharedKey(tableKeys: table.keys, withFlags: true) else { return nil }
        if let flagLibrary, shape.flagsShared, !shape.flags.isEmpty, !table.sortedKeys.contains(FlagSkeleton.flag),
           let flagKey = shape.sharedKey(tableKeys: table.keys, withFlags: false) {
            let flagSkeleton = cached(\.flagSkeletons, flagKey) {
                makeFlagSkeleton(model(), template: template, texts: shape.texts.count, stringKeys: table.sortedKeys,
                                 flags: shape.flags.count, library: flagLibrary)
            }
            if let spliced = flagSkeleton?.skeleton(flags: shape.flags) {
                return Self.fillStrings(spliced, texts: shape.texts.count, strings: table.texts)
            }
        }
        let shared = cached(\.sharedSkeletons, sharedKey) {
            makeSkeleton(model(), template: template, texts: shape.texts.count, stringKeys: table.sortedKeys, library: library)
        }
        return shared.map { Self.fillStrings($0, texts: shape.texts.count, strings: table.texts) }
    }

    /// The value kept in `cache` under `key`, or `make`'s, kept (nil too: it is not made again) while the cache has room.
    ///
    /// Made once: a thread that needs a value another thread is making waits for it. The threads
    /// render pages in the same order, so both met each new shape at once and each made its
    /// skeleton (seven of seventeen swift-mustache skeletons made twice at 10,000 pages; issue 10).
    private func cached<Value>(_ cache: ReferenceWritableKeyPath<TemplateSkeletons, [String: Value?]>, _ key: String,
                               make: () -> Value?) -> Value? {
        let making = Making(cache: cache, key: key)
        lock.lock()
        while true {
            if let known = self[keyPath: cache][key] {
                lock.unlock()
                return known
            }
            guard self.making.contains(making) else { break }
            lock.wait()
        }
        self.making.insert(making)
        lock.unlock()
        let made = make()
        lock.lock()
        self.making.remove(making)
        madeCount += 1
        if self[keyPath: cache].count < Self.maxShapes { self[keyPath: cache][key] = .some(made) }
        lock.broadcast()
        lock.unlock()
        return made
    }

    /// A shared skeleton (markers `texts...` for the interface strings) with `strings` in place of
    /// those markers, escaped where the template escapes them, each joined to the pieces around it.
    static func fillStrings(_ shared: Skeleton, texts: Int, strings: [String]) -> Skeleton {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(shared.byteCount * 2)
        var pieceEnds: [Int] = []
        var slots: [(text: Int, escaped: Bool)] = []
        var start = 0
        for (index, slot) in shared.slots.enumerated() {
            bytes.append(contentsOf: shared.bytes[start..<shared.pieceEnds[index]])
            start = shared.pieceEnds[index]
            if slot.text < texts {
                pieceEnds.append(bytes.count)
                slots.append(slot)
            } else {
                let text = strings[slot.text - texts]
                bytes.append(contentsOf: (slot.escaped ? MustacheEscape.html(text) : text).utf8)
            }
        }
        bytes.append(contentsOf: shared.bytes[start..<shared.pieceEnds[shared.slots.count]])
        pieceEnds.append(bytes.count)
        return Skeleton(bytes: bytes, pieceEnds: pieceEnds, slots: slots)
    }

    /// The skeleton's pieces joined with the texts, as UTF-8 (bytes copied, no String grown piece by piece).
    /// The texts are read in place (no copy of a String, so no retain and release for each gap:
    /// that was half of filling a page).
    ///
    /// Two passes: the first escapes the texts that need it (each once) and counts the page's bytes,
    /// the second copies pieces and texts through a pointer into an array of that size. (Appending
    /// to a growing array from nested functions that captured it cost a check of exclusive access
    /// for each piece and text, a sixth of filling a page; issue 10.)
    static func fillBytes(_ skeleton: Skeleton, texts: [Text]) -> [UInt8] {
        // Escaped texts by index: empty until one is needed; nil for a text not escaped anywhere.
        var escaped: [String?] = []
        var total = skeleton.byteCount
        for slot in skeleton.slots {
            let text = texts[slot.text]
            if slot.escaped, needsEscaping(text) {
                if escaped.isEmpty { escaped = Array(repeating: nil, count: texts.count) }
                if escaped[slot.text] == nil { escaped[slot.text] = escape(text) }
                total += escaped[slot.text]!.utf8.count
            } else {
                total += text.utf8Count
            }
        }
        guard total > 0 else { return [] }
        let escapes = escaped
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            let out = buffer.baseAddress!
            count = skeleton.bytes.withUnsafeBufferPointer { bytes in
                skeleton.pieceEnds.withUnsafeBufferPointer { ends in
                    texts.withUnsafeBufferPointer { texts in
                        var written = 0
                        var start = 0
                        for (index, slot) in skeleton.slots.enumerated() {
                            written += copy(bytes, start..<ends[index], to: out + written)
                            start = ends[index]
                            // A text escaped where the first pass found it needs escaping: only there is it in `escapes`.
                            if slot.escaped, !escapes.isEmpty, let text = escapes[slot.text] {
                                written += copy(text, to: out + written)
                            } else {
                                written += copy(texts[slot.text], to: out + written)
                            }
                        }
                        written += copy(bytes, start..<ends[skeleton.slots.count], to: out + written)
                        return written
                    }
                }
            }
            precondition(count == total, "a filled skeleton is as long as counted")
        }
    }

    private static func needsEscaping(_ text: Text) -> Bool {
        switch text {
        case let .string(string): return MustacheEscape.needsEscaping(string)
        case let .utf8(bytes): return MustacheEscape.needsEscaping(bytes)
        }
    }

    private static func escape(_ text: Text) -> String {
        switch text {
        case let .string(string): return MustacheEscape.html(string)
        case let .utf8(bytes): return MustacheEscape.html(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Copies `range` of `bytes` to `out`; the number of bytes copied.
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard !range.isEmpty, let base = bytes.baseAddress else { return 0 }
        out.initialize(from: base + range.lowerBound, count: range.count)
        return range.count
    }

    /// Copies a text's UTF-8 to `out`; the number of bytes copied.
    private static func copy(_ text: Text, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch text {
        case let .string(string): return copy(string, to: out)
        case let .utf8(bytes): return bytes.withUnsafeBufferPointer { copy($0, 0..<$0.count, to: out) }
        }
    }

    private static func copy(_ text: String, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if let count = text.utf8.withContiguousStorageIfAvailable({ copy($0, 0..<$0.count, to: out) }) { return count }
        var count = 0
        for byte in text.utf8 {
            (out + count).initialize(to: byte)
            count += 1
        }
        return count
    }

    /// Whether the model's `s` is the table first seen with its `lang` (then the shape's key names the `lang`).
    private func hasKnownStrings(_ model: [String: Any]) -> Bool {
        guard let strings = model["s"] as? [String: String], let lang = model["lang"] as? String else { return false }
        return hasKnownStrings(strings, lang: lang)
    }

    private func hasKnownStrings(_ strings: [String: String], lang: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let known = languageTables[lang] { return known.strings == strings }
        let keys = strings.keys.sorted()
        let number = tableKeys[keys] ?? tableKeys.count
        tableKeys[keys] = number
        languageTables[lang] = LanguageTable(strings: strings, keys: number, sortedKeys: keys, texts: keys.map { strings[$0]! })
        return true
    }

    private func marker(_ index: Int, nonce: String) -> String { "\u{1}\(nonce)\(index)&\u{2}" }

    /// The first scalar of compact markers, and how many texts they number.
    private static let compactBase: UInt32 = 0xF0000
    static let compactCount = 0x20000

    /// A marker where no template holds one (``templatesLackMarkers``): `&` and the scalar U+F0000 + `index`.
    /// Escaped it is `&amp;` and the scalar, unescaped `&` and the scalar: the byte before the scalar
    /// (`;` or `&`) tells which, whatever the template prints around it. Two characters for
    /// swift-mustache to escape (a single-scalar Character each: `&` never joins the scalar after it).
    static func compactMarker(_ index: Int) -> String {
        "&" + String(Character(Unicode.Scalar(compactBase + UInt32(index))!))
    }

    /// Renders the model with markers for its texts and cuts the result; nil when it cannot be cut.
    /// With `stringKeys` (the sorted keys of its interface strings, `s`), those are markers `texts...`
    /// in the order of their keys (``fillStrings(_:texts:strings:)`` fills them in).
    ///
    /// Markers need no nonce where no template holds their first character (``templatesLackMarkers``):
    /// then nothing else prints one, since every text of the model rendered is a marker.
    private func makeSkeleton(_ model: [String: Any], template: String, texts: Int, stringKeys: [String]?,
                              library: MustacheLibrary) -> Skeleton? {
        markerRender(model, template: template, texts: texts, stringKeys: stringKeys, library: library)?.skeleton
    }

    /// ``makeSkeleton(_:template:texts:stringKeys:library:)`` with every `current` flag `forcedFlag` and
    /// the ``FlagSkeleton`` marker keys beside it (then only with compact markers); also how many objects have a flag.
    private func markerRender(_ model: [String: Any], template: String, texts: Int, stringKeys: [String]?,
                              forcedFlag: Bool? = nil, library: MustacheLibrary) -> (skeleton: Skeleton, objects: Int)? {
        var next = 0
        var objects = 0
        var failed = false
        let total = texts + (stringKeys?.count ?? 0)
        let nonce = templatesLackMarkers ? "" : self.nonce
        let compact = templatesLackMarkers && total <= Self.compactCount
        guard forcedFlag == nil || compact else { return nil }
        func marker(_ index: Int) -> String { compact ? Self.compactMarker(index) : self.marker(index, nonce: nonce) }
        /// A dictionary's values replaced; with `forcedFlag`, its `current` flag forced and marked.
        func object(_ dictionary: [String: Any], top: Bool = false) -> [String: Any] {
            var result: [String: Any] = [:]
            result.reserveCapacity(dictionary.count + (forcedFlag == nil ? 0 : 3))
            for key in dictionary.keys.sorted() {
                let value = dictionary[key]!
                if let forcedFlag {
                    if key.hasPrefix("__lotse") { failed = true }
                    if key == FlagSkeleton.flag {
                        guard ObjectIdentifier(type(of: value)) == ObjectIdentifier(Bool.self) else {
                            failed = true
                            continue
                        }
                        let first = total + 3 * objects
                        objects += 1
                        result[key] = forcedFlag
                        result[FlagSkeleton.before] = marker(first)
                        result[FlagSkeleton.beforeInverted] = marker(first + 1)
                        result[FlagSkeleton.end] = marker(first + 2)
                        continue
                    }
                }
                result[key] = replace(value, top: top, key: key)
            }
            return result
        }
        func replace(_ value: Any, top: Bool = false, key: String = "") -> Any {
            if top, key == "s", let stringKeys, value is [String: String] {
                var result: [String: Any] = [:]
                result.reserveCapacity(stringKeys.count)
                for (index, key) in stringKeys.enumerated() { result[key] = marker(texts + index) }
                return result
            }
            // Texts and flags by their exact type first (no dynamic cast for most values).
            switch ObjectIdentifier(type(of: value)) {
            case ObjectIdentifier(String.self):
                defer { next += 1 }
                return marker(next)
            case ObjectIdentifier(Bool.self):
                return value
            default:
                break
            }
            switch value {
            case is String:
                defer { next += 1 }
                return marker(next)
            case is Int where numbersAreTexts:
                defer { next += 1 }
                return marker(next)
            case let dictionary as [String: Any]:
                return object(dictionary)
            case let dictionary as [String: String]:
                if forcedFlag != nil, dictionary[FlagSkeleton.flag] != nil { failed = true }
                var result: [String: Any] = [:]
                for key in dictionary.keys.sorted() { result[key] = replace(dictionary[key]!) }
                return result
            case let list as [[String: Any]]:
                return list.map { replace($0) }
            case let list as [Any]:
                return list.map { replace($0) }
            default:
                return value
            }
        }
        let markers = object(model, top: stringKeys != nil)
        guard next == texts, !failed, total + 3 * objects <= Self.compactCount || forcedFlag == nil,
              let html = library.render(markers, withTemplate: template) else { return nil }
        let skeleton = compact ? Self.cutCompact(html, texts: total + 3 * objects) : cut(html, texts: total, nonce: nonce)
        return skeleton.map { ($0, objects) }
    }

    /// The ``FlagSkeleton`` of a model (its skeletons for any `current` flags), from two renders with
    /// ``flagLibrary``; nil where the templates or the model do not allow it.
    private func makeFlagSkeleton(_ model: [String: Any], template: String, texts: Int, stringKeys: [String],
                                  flags: Int, library: MustacheLibrary) -> FlagSkeleton? {
        guard let off = markerRender(model, template: template, texts: texts, stringKeys: stringKeys, forcedFlag: false, library: library),
              off.objects == flags,
              let on = markerRender(model, template: template, texts: texts, stringKeys: stringKeys, forcedFlag: true, library: library)
        else { return nil }
        return FlagSkeleton(falseRender: off.skeleton, trueRender: on.skeleton, texts: texts + stringKeys.count)
    }

    /// Cuts rendered HTML at compact markers (``compactMarker(_:)``, found by ``compactMarkers(_:count:)``).
    static func cutCompact(_ html: String, texts: Int) -> Skeleton? {
        let bytes = Array(html.utf8)
        guard let markers = compactMarkers(bytes, count: texts) else { return nil }
        var pieces: [UInt8] = []
        pieces.reserveCapacity(bytes.count)
        var pieceEnds: [Int] = []
        var slots: [(text: Int, escaped: Bool)] = []
        var start = 0
        for marker in markers {
            pieces.append(contentsOf: bytes[start..<marker.start])
            pieceEnds.append(pieces.count)
            slots.append((marker.marker, marker.escaped))
            start = marker.end
        }
        pieces.append(contentsOf: bytes[start...])
        pieceEnds.append(pieces.count)
        return Skeleton(bytes: pieces, pieceEnds: pieceEnds, slots: slots)
    }

    /// The compact markers in rendered bytes, in order: at each scalar from U+F0000 on (4 UTF-8
    /// bytes, F3 B0–BF or F4 80–8F first), the `&amp;` or `&` before it is the marker's (escaped or
    /// not); `start..<end` is the whole marker. Nil for a marker numbered `count` or more, or one
    /// without its `&`. (Also how ``ListSkeleton`` cuts the status page.)
    static func compactMarkers(_ bytes: [UInt8], count: Int) -> [(start: Int, end: Int, marker: Int, escaped: Bool)]? {
        var result: [(start: Int, end: Int, marker: Int, escaped: Bool)] = []
        var index = 0
        var start = 0
        while index < bytes.count {
            let lead = bytes[index]
            guard lead >= 0xF3, index + 3 < bytes.count else {
                index += 1
                continue
            }
            let scalar = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
            guard scalar >= compactBase else {
                index += 1
                continue
            }
            let number = Int(scalar - compactBase)
            guard number < count, index > start else { return nil }
            if bytes[index - 1] == UInt8(ascii: ";"), index - 5 >= start, bytes[(index - 5)..<index].elementsEqual("&amp;".utf8) {
                result.append((index - 5, index + 4, number, true))
            } else if bytes[index - 1] == UInt8(ascii: "&") {
                result.append((index - 1, index + 4, number, false))
            } else {
                return nil
            }
            index += 4
            start = index
        }
        return result
    }

    /// Cuts rendered HTML at the markers (`\u{1}nonce index&\u{2}`, the `&` escaped or not).
    private func cut(_ html: String, texts: Int, nonce: String) -> Skeleton? {
        let open = Array("\u{1}\(nonce)".utf8)
        let close = Array("\u{2}".utf8)
        var pieces: [UInt8] = []
        var pieceEnds: [Int] = []
        var slots: [(text: Int, escaped: Bool)] = []
        let bytes = Array(html.utf8)
        var start = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == open[0], bytes[index...].starts(with: open) else {
                index += 1
                continue
            }
            var cursor = index + open.count
            var number = 0
            var digits = 0
            while cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]), digits < 9 {
                number = number * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                cursor += 1
                digits += 1
            }
            guard digits > 0, number < texts else { return nil }
            let escaped: Bool
            if bytes[cursor...].starts(with: "&amp;".utf8) {
                escaped = true
                cursor += 5
            } else if bytes[cursor...].starts(with: "&".utf8) {
                escaped = false
                cursor += 1
            } else {
                return nil
            }
            guard bytes[cursor...].starts(with: close) else { return nil }
            pieces.append(contentsOf: bytes[start..<index])
            pieceEnds.append(pieces.count)
            slots.append((number, escaped))
            index = cursor + close.count
            start = index
        }
        pieces.append(contentsOf: bytes[start...])
        pieceEnds.append(pieces.count)
        return Skeleton(bytes: pieces, pieceEnds: pieceEnds, slots: slots)
    }
}

/// HTML escaping exactly as swift-mustache's (`String.htmlEscape`): by
/// Character, `<` `>` `&` `"` `'`; but a text without those is returned as it is.
enum MustacheEscape {
    static func html(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var bytes = text
        if let escaped = bytes.withUTF8({ escapeBytes($0) }) { return escaped }
        return htmlByCharacter(text)
    }

    /// ``html(_:)`` read by Character, as swift-mustache does.
    static func htmlByCharacter(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// ``html(_:)`` on UTF-8 bytes: one pass to count, one to write (reading a long text by
    /// Character was most of filling the pages that escape one; issue 10). Nil where a special
    /// byte touches a non-ASCII one: a combining mark after it (or a prepended mark before it)
    /// makes it part of another Character, which the Character-reading path leaves as it is.
    static func escapeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let count = bytes.count
        var extra = 0
        for index in 0..<count {
            switch bytes[index] {
            case UInt8(ascii: "<"), UInt8(ascii: ">"): extra += 3
            case UInt8(ascii: "&"), UInt8(ascii: "'"): extra += 4
            case UInt8(ascii: "\""): extra += 5
            default: continue
            }
            if index > 0, bytes[index - 1] >= 0x80 {
                // The scalar before: back over continuation bytes to its lead byte.
                var start = index - 1
                while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                if oneCharacter(bytes, start..<(index + 1)) { return nil }
            }
            if index + 1 < count, bytes[index + 1] >= 0x80 {
                let lead = bytes[index + 1]
                let end = min(index + 1 + (lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4), count)
                if oneCharacter(bytes, index..<end) { return nil }
            }
        }
        return String(unsafeUninitializedCapacity: count + extra) { out in
            var written = 0
            func put(_ text: StaticString) {
                text.withUTF8Buffer { piece in
                    for byte in piece { out[written] = byte; written += 1 }
                }
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): put("&lt;")
                case UInt8(ascii: ">"): put("&gt;")
                case UInt8(ascii: "&"): put("&amp;")
                case UInt8(ascii: "\""): put("&quot;")
                case UInt8(ascii: "'"): put("&#39;")
                default: out[written] = byte; written += 1
                }
            }
            return written
        }
    }

    /// Whether the two scalars at `range` make one Character: whether a special byte and the scalar
    /// beside it join (a combining mark, a joiner, a prepended mark). Between an ASCII special byte and
    /// its neighbour only the pair decides (no other rule of grapheme breaking reaches it).
    private static func oneCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).count == 1
    }

    /// Whether the text has a byte to escape (read from its contiguous UTF-8
    /// where it has some: the byte-by-byte `contains` was most of filling a page).
    static func needsEscaping(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { hasSpecialByte($0) }
        return found ?? text.utf8.contains(where: isSpecial)
    }

    /// ``needsEscaping(_:)`` of a text's UTF-8 bytes.
    static func needsEscaping(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { hasSpecialByte($0) }
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Whether any byte is one to escape, read eight at a time: a word without a byte `b` where
    /// `b | 5 == 0x27` (`"` `#` `&` `'`) or `b | 2 == 0x3E` (`<` `>`) has none; a word with one is read
    /// byte by byte (`#` is a false alarm). (Reading texts byte by byte was half of filling a page; issue 10.)
    static func hasSpecialByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if hasZeroByte((word | (ones &* 0x05)) ^ (ones &* 0x27)) || hasZeroByte((word | (ones &* 0x02)) ^ (ones &* 0x3E)) {
                for offset in 0..<8 where isSpecial(base[index + offset]) { return true }
            }
            index += 8
        }
        while index < count {
            if isSpecial(base[index]) { return true }
            index += 1
        }
        return false
    }
}
