/// Short, opaque, stable ids for questionnaire states, used in their URLs.
///
/// An id is derived from the questionnaire id and the state's key (its
/// question and the facts that still matter), never from the order states
/// were found in, so it stays the same across builds and languages as long
/// as the state exists. It never spells out answers: it is a 64-bit FNV-1a
/// hash of the canonical key, of which 49 bits are written as 10 characters
/// without confusable ones (no `l`, `o`, `0`, `1`), starting with a letter.
enum StateID {
    /// Letters for the first character (4 bits).
    private static let letters = Array("abcdefghijkmnpqr")
    /// The base32 alphabet of the other nine characters (5 bits each).
    private static let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")

    /// `"<questionnaire>\n<question or #end>\n<fact>=<value>\n…"`, facts sorted.
    static func canonicalKey(questionnaire: String, question: String?, facts: [QuestionnaireLogic.Fact]) -> String {
        var key = questionnaire + "\n" + (question ?? "#end") + "\n"
        for fact in facts.sorted() { key += fact.name + "=" + fact.value + "\n" }
        return key
    }

    static func make(questionnaire: String, question: String?, facts: [QuestionnaireLogic.Fact]) -> String {
        render(fnv1a64(canonicalKey(questionnaire: questionnaire, question: question, facts: facts)))
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The top 49 bits of `hash`: 4 as a letter, then 9 × 5 in base32.
    static func render(_ hash: UInt64) -> String {
        var id = [letters[Int(hash >> 60)]]
        for index in 0..<9 {
            id.append(alphabet[Int((hash >> UInt64(55 - 5 * index)) & 31)])
        }
        return String(id)
    }
}
