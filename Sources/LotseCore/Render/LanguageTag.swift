import Foundation

/// Small touches for readers who are new to the site's languages: a visible
/// "(Deutsch)" after a title shown in another language than the reader's,
/// and the language chooser's greeting in every language.
extension RenderContext {
    /// "(Deutsch)" written in the reader's language ("(آلمانی)" for Farsi),
    /// for a title shown in `language`; nil when that is the reader's own.
    func languageTag(_ language: String, reader: String) -> String? {
        guard language != reader else { return nil }
        let name = Locale(identifier: reader).localizedString(forLanguageCode: language) ?? self.language(language).name
        return (strings(reader)["lang_tag"] ?? "({language})").filling(["language": name])
    }

    /// The chooser's greeting, one line per language, each with its `lang` and `dir`.
    func greetings() -> [[String: Any]] {
        config.languages.map { language in
            ["code": language.code, "dir": language.direction.rawValue,
             "text": strings(language.code)["root_greeting"] ?? ""]
        }
    }
}
