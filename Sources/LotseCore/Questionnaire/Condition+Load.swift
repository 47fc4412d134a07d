import Yams

extension Condition {
    /// Reads a `when` mapping; problems are reported, and nil is returned
    /// when nothing usable remains.
    static func parse(_ node: Node, in doc: YAMLDocument, log: DiagnosticLog) -> Condition? {
        guard case let .mapping(mapping) = node else {
            log.error(at: doc.location(of: node),
                      "when must be a mapping of facts to values, e.g. { status: asylum }, or use not, any, all")
            return nil
        }
        if mapping.count == 0 {
            log.error(at: doc.location(of: node), "when is empty: name at least one fact, or leave out when")
            return nil
        }
        var parts: [Condition] = []
        var failed = false
        for (keyNode, value) in mapping {
            let key = YAMLDocument.keyText(keyNode)
            let part: Condition?
            switch key {
            case "not":
                part = parse(value, in: doc, log: log).map(Condition.not)
            case "any", "all":
                guard case let .sequence(items) = value, items.count > 0 else {
                    log.error(at: doc.location(of: value), "\(key) must be a non-empty list of conditions, e.g. \(key): [ { status: asylum }, { months: over-3 } ]")
                    failed = true
                    continue
                }
                let conditions = items.compactMap { parse($0, in: doc, log: log) }
                if conditions.count < items.count {
                    part = nil
                } else {
                    part = key == "any" ? .any(conditions) : .all(conditions)
                }
            default:
                part = parseTest(fact: key, keyNode: keyNode, value: value, in: doc, log: log)
            }
            if let part { parts.append(part) } else { failed = true }
        }
        if failed { return nil }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private static func parseTest(fact: String, keyNode: Node, value: Node, in doc: YAMLDocument, log: DiagnosticLog) -> Condition? {
        let location = doc.location(of: keyNode)
        guard QuestionnaireLogic.isValidID(fact) else {
            log.error(at: location, "'\(fact)' is not a valid fact name: use lowercase letters, digits, '-' and '_', starting with a letter or digit")
            return nil
        }
        var values: [String] = []
        var valueLocations: [SourceLocation] = []
        switch value {
        case let .scalar(scalar) where value.null == nil:
            values = [scalar.string]
            valueLocations = [doc.location(of: value)]
        case let .sequence(items) where items.count > 0:
            for item in items {
                guard case let .scalar(scalar) = item, item.null == nil else {
                    log.error(at: doc.location(of: item), "a value of fact '\(fact)' in when must be text")
                    return nil
                }
                values.append(scalar.string)
                valueLocations.append(doc.location(of: item))
            }
        default:
            log.error(at: doc.location(of: value),
                      "fact '\(fact)' in when needs a value or a non-empty list of values (one of them must match)")
            return nil
        }
        return .fact(Test(fact: fact, values: values, location: location, valueLocations: valueLocations))
    }
}
