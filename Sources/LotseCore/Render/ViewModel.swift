/// A view model as a page template reads it: its keys kept in sorted order,
/// its texts, flags, string tables, nested view models and lists of them typed.
///
/// Why: view models were `[String: Any]`, and the template skeletons
/// (``TemplateSkeletons``) read each one again to find the page's shape,
/// sorting every dictionary's keys and casting every value (about a tenth of
/// a 10,000-page build's CPU time, issue 10). A view model keeps its entries
/// in order as they are set, so its shape is read in one pass, with no sort
/// and no cast. swift-mustache, the recorder and the tests see it as the
/// `[String: Any]` it stands for (``dictionary``), the same values of the same
/// types apart from nested view models, which become `[String: Any]` and
/// `[[String: Any]]`.
struct ViewModel {
    enum Value {
        case text(String)
        /// A text as its UTF-8 bytes (valid UTF-8: a rendered body), never made a String on its way to the page.
        case utf8([UInt8])
        case flag(Bool)
        case object(ViewModel)
        case list([ViewModel])
        /// A table of texts (the interface strings, `s`).
        case strings([String: String])
        /// Anything else (numbers, `[String: Any]`, lists of them), read as before. Boxed
        /// (`indirect`), so copying a value is a retain, not a copy through `Any`'s witnesses.
        indirect case other(Any)

        /// A value as set with a key: by its exact type (a nested `[String: Any]` stays as it is).
        init(_ value: Any) {
            switch ObjectIdentifier(type(of: value)) {
            case ObjectIdentifier(String.self): self = .text(value as! String)
            case ObjectIdentifier(Bool.self): self = .flag(value as! Bool)
            case ObjectIdentifier(ViewModel.self): self = .object(value as! ViewModel)
            case ObjectIdentifier([ViewModel].self): self = .list(value as! [ViewModel])
            case ObjectIdentifier([String: String].self): self = .strings(value as! [String: String])
            default: self = .other(value)
            }
        }

        /// The value as a `[String: Any]` model holds it.
        var any: Any {
            switch self {
            case let .text(text): return text
            case let .utf8(bytes): return String(decoding: bytes, as: UTF8.self)
            case let .flag(flag): return flag
            case let .object(model): return model.dictionary
            case let .list(models): return models.map(\.dictionary)
            case let .strings(table): return table
            case let .other(value): return value
            }
        }
    }

    /// Sorted by key (as `keys.sorted()` sorts them), each key once.
    private(set) var entries: [(key: String, value: Value)]

    init() {
        entries = []
    }

    /// From entries already sorted by key, each key once (the hot paths write them in order).
    init(sorted entries: [(key: String, value: Value)]) {
        assert(zip(entries, entries.dropFirst()).allSatisfy { $0.key < $1.key }, "view model keys out of order")
        self.entries = entries
    }

    init(_ dictionary: [String: Any]) {
        entries = dictionary.keys.sorted().map { ($0, Value(dictionary[$0]!)) }
    }

    /// Where `key` is, or would be inserted.
    private func position(of key: String) -> (index: Int, found: Bool) {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let here = entries[middle].key
            if here == key { return (middle, true) }
            if here < key { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    /// A value as a `[String: Any]` model holds it; setting one reads its type once.
    subscript(key: String) -> Any? {
        get { self[value: key]?.any }
        set { self[value: key] = newValue.map(Value.init) }
    }

    subscript(value key: String) -> Value? {
        get {
            let (index, found) = position(of: key)
            return found ? entries[index].value : nil
        }
        set {
            let (index, found) = position(of: key)
            switch (newValue, found) {
            case let (value?, true): entries[index].value = value
            case let (value?, false): entries.insert((key, value), at: index)
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// The text set with `key`, if a text is.
    func text(_ key: String) -> String? {
        if case let .text(text)? = self[value: key] { return text }
        return nil
    }

    /// `other`'s entries set here, replacing those with the same keys.
    mutating func merge(_ other: [String: Any]) {
        for (key, value) in other { self[key] = value }
    }

    var count: Int { entries.count }

    /// The model as swift-mustache and the schema checks read it.
    var dictionary: [String: Any] {
        var result: [String: Any] = [:]
        result.reserveCapacity(entries.count)
        for (key, value) in entries { result[key] = value.any }
        return result
    }
}

// Not Sendable (it may hold `Any`, as `[String: Any]` does); said so explicitly, as
// inferring it loops through the nested view models.
@available(*, unavailable)
extension ViewModel: Sendable {}

@available(*, unavailable)
extension ViewModel.Value: Sendable {}
