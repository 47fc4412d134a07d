/// A language the site is published in.
public struct Language: Sendable, Hashable {
    public enum Direction: String, Sendable { case ltr, rtl }

    /// BCP 47 tag, e.g. `de`, `ar`, `fa-AF`.
    public var code: String
    /// The language's own name (endonym), e.g. `العربية`.
    public var name: String
    public var direction: Direction
    /// `fallback: [en]`: languages whose translation a reader gets, in this
    /// order, before the source language, where a page is not translated.
    public var fallback: [String] = []
    /// `translate_from: en`: the language `lotse translate` copies new files from.
    public var translateFrom: String?

    public init(code: String, name: String, direction: Direction? = nil, fallback: [String] = [], translateFrom: String? = nil) {
        self.code = code
        self.name = name
        self.direction = direction ?? Language.defaultDirection(for: code)
        self.fallback = fallback
        self.translateFrom = translateFrom
    }

    /// Languages written right to left, by primary subtag.
    static let rightToLeft: Set<String> = ["ar", "fa", "ps", "ckb", "ur", "he", "iw", "dv", "yi", "sd", "ug", "prs", "pes", "arz", "apc", "ary"]

    /// The direction of a BCP 47 tag: right to left for the languages above
    /// and their regional variants (`fa-AF`), and for an explicit Arabic or
    /// Hebrew script subtag (`ku-Arab`); left to right otherwise.
    public static func defaultDirection(for code: String) -> Direction {
        let subtags = code.split(separator: "-").map { $0.lowercased() }
        guard let primary = subtags.first else { return .ltr }
        if subtags.contains(where: { ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"].contains($0) }) { return .rtl }
        if subtags.contains(where: { ["latn", "cyrl"].contains($0) }) { return .ltr }
        return rightToLeft.contains(primary) ? .rtl : .ltr
    }
}

/// The office's contact data, shown in every page's footer. Each field is
/// one text for all languages, or a text per language (`{ de: …, ar: … }`)
/// where readers need it in their own language (opening hours, say).
public struct Office: Sendable, Hashable {
    /// A text for all languages, or per language code.
    public struct Text: Sendable, Hashable {
        public var all: String?
        public var byLanguage: [String: String]

        /// The text for `language`, else the source language's, else any;
        /// with the language it is written in (a text for all languages
        /// counts as the source language's, like the office it names).
        public func value(for language: String, source: String) -> (text: String, language: String)? {
            if let all { return (all, source) }
            if let text = byLanguage[language] { return (text, language) }
            if let text = byLanguage[source] { return (text, source) }
            return byLanguage.sorted { $0.key < $1.key }.first.map { ($0.value, $0.key) }
        }
    }

    public var name: Text?
    public var address: Text?
    public var phone: Text?
    public var email: Text?
    public var openingHours: Text?

    /// The keys of `office:` in site.yaml.
    static let knownKeys = ["name", "address", "phone", "email", "opening_hours"]
}
