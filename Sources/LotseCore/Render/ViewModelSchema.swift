/// What a view model gives a template: each key with the kind of value it holds.
///
/// Mustache renders a name it cannot find as nothing, so a typo in a template
/// (or a key only another page's view model provides) would silently drop
/// text. Each page template has a schema (``ViewModelKeys``); the templates
/// are checked against it when loaded (``TemplateCheck``), and the unit tests
/// check that the view models the renderer builds stay within it.
/// Every key is optional: a view model may leave out any of them.
struct ViewModelSchema: Sendable, ExpressibleByDictionaryLiteral {
    indirect enum Value: Sendable {
        /// A string, escaped by `{{name}}`. `{{#name}}` shows its section when the text is not empty.
        case text
        /// Ready-made HTML (rendered Markdown), for `{{{name}}}`.
        case html
        /// `true` or `false`, for `{{#name}}` and `{{^name}}`.
        case flag
        /// Items with their own keys: `{{#name}}` repeats its section for each.
        case list(ViewModelSchema)
        /// An object such as `office`: `{{#name}}` opens it, `{{name.key}}` reads one key.
        case object(ViewModelSchema)
        /// An object, or `false` when there is none (the `…_mark` keys: `{ lang, dir }`).
        case objectOrFalse(ViewModelSchema)
        /// The interface strings, read as `{{s.key}}`.
        case strings
    }

    var keys: [String: Value]

    init(dictionaryLiteral elements: (String, Value)...) {
        keys = Dictionary(elements, uniquingKeysWith: { $1 })
    }

    init(keys: [String: Value]) {
        self.keys = keys
    }

    /// This schema with the keys of `other` added.
    func adding(_ other: ViewModelSchema) -> ViewModelSchema {
        ViewModelSchema(keys: keys.merging(other.keys) { $1 })
    }

    /// Where a view model the renderer built leaves this schema: keys it does
    /// not declare, or values of another kind. Empty when the model fits.
    func problems(in model: [String: Any], at path: String = "") -> [String] {
        var problems: [String] = []
        for (key, value) in model {
            let here = path.isEmpty ? key : "\(path).\(key)"
            guard let kind = keys[key] else {
                problems.append("'\(here)' is not in the schema")
                continue
            }
            switch kind {
            case .text, .html:
                if !(value is String) { problems.append("'\(here)' should be a string, is \(type(of: value))") }
            case .flag:
                if !(value is Bool) { problems.append("'\(here)' should be true or false, is \(type(of: value))") }
            case .strings:
                if !(value is [String: String]) { problems.append("'\(here)' should be the interface strings, is \(type(of: value))") }
            case let .list(item):
                guard let items = value as? [[String: Any]] else {
                    problems.append("'\(here)' should be a list of objects, is \(type(of: value))")
                    continue
                }
                for (index, element) in items.enumerated() {
                    problems += item.problems(in: element, at: "\(here)[\(index)]")
                }
            case let .object(schema):
                guard let object = value as? [String: Any] else {
                    problems.append("'\(here)' should be an object, is \(type(of: value))")
                    continue
                }
                problems += schema.problems(in: object, at: here)
            case let .objectOrFalse(schema):
                if let flag = value as? Bool, flag == false { continue }
                guard let object = value as? [String: Any] else {
                    problems.append("'\(here)' should be an object or false, is \(type(of: value))")
                    continue
                }
                problems += schema.problems(in: object, at: here)
            }
        }
        return problems.sorted()
    }
}
