/// "Did you mean …?" for a misspelled name: the known name nearest to what
/// was written, when it is near enough to be the likely intent.
///
/// Used wherever a name is looked up in a known set (keys in site.yaml,
/// front matter and questionnaire files; ids and page paths of links), so
/// `openinghours:` says "did you mean 'opening_hours'?" instead of only
/// listing every key. Distance is Damerau–Levenshtein (a swap of two
/// neighbours counts once), on lower-cased text where `_`, `-` and spaces
/// count alike.
public enum Suggestion {
    /// The candidate nearest to `written`, or nil when none is close: at most
    /// one edit for short names, about one per four characters for longer ones.
    public static func closest(to written: String, in candidates: some Sequence<String>) -> String? {
        let target = normalized(written)
        guard !target.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != written {
            let other = normalized(candidate)
            let allowed = max(1, min(target.count, other.count) / 4)
            guard abs(other.count - target.count) <= allowed else { continue }
            let distance = Self.distance(target, other, limit: allowed)
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// ` (did you mean 'x'?)`-style text to append to a message, or "" when nothing is close.
    public static func didYouMean(_ written: String, in candidates: some Sequence<String>) -> String {
        closest(to: written, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    static func normalized(_ text: String) -> [Character] {
        text.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 }
    }

    /// Optimal-string-alignment distance, stopping early past `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a == b { return 0 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return rowMinimum }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
