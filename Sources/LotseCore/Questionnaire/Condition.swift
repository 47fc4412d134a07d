/// A `when` of a questionnaire: a test on the facts set so far.
///
/// In YAML a `when` is a mapping; several keys must all hold. The keys
/// `not` (a mapping), `any` and `all` (lists of mappings) are operators,
/// every other key names a fact whose value must be the given text or one
/// of the given list. A fact that was never set has no value, so it equals
/// nothing.
public indirect enum Condition: Sendable, Hashable, CustomStringConvertible {
    case fact(Test)
    case not(Condition)
    case any([Condition])
    case all([Condition])

    /// `fact: value` or `fact: [value, …]`.
    public struct Test: Sendable, Hashable {
        public var fact: String
        /// The test holds when the fact has one of these values.
        public var values: [String]
        /// The fact's key in the file.
        public var location: SourceLocation
        /// Where each of `values` is written.
        public var valueLocations: [SourceLocation]

        public init(fact: String, values: [String], location: SourceLocation, valueLocations: [SourceLocation]? = nil) {
            self.fact = fact
            self.values = values
            self.location = location
            self.valueLocations = valueLocations ?? Array(repeating: location, count: values.count)
        }
    }

    public func holds(_ facts: [String: String]) -> Bool {
        switch self {
        case let .fact(test):
            guard let value = facts[test.fact] else { return false }
            return test.values.contains(value)
        case let .not(condition):
            return !condition.holds(facts)
        case let .any(conditions):
            return conditions.contains { $0.holds(facts) }
        case let .all(conditions):
            return conditions.allSatisfy { $0.holds(facts) }
        }
    }

    /// The facts this condition reads.
    public var facts: Set<String> {
        Set(tests.map(\.fact))
    }

    /// Every fact test inside, in file order.
    public var tests: [Test] {
        switch self {
        case let .fact(test): return [test]
        case let .not(condition): return condition.tests
        case let .any(conditions), let .all(conditions): return conditions.flatMap(\.tests)
        }
    }

    /// The condition in words, for error messages, graphs and proofing pages,
    /// e.g. `status is asylum or duldung and months is over-3`.
    public var description: String {
        switch self {
        case let .fact(test):
            return "\(test.fact) is \(Self.list(test.values, conjunction: "or"))"
        case let .not(.fact(test)):
            switch test.values.count {
            case 1: return "\(test.fact) is not \(test.values[0])"
            case 2: return "\(test.fact) is neither \(test.values[0]) nor \(test.values[1])"
            default: return "\(test.fact) is none of \(test.values.joined(separator: ", "))"
            }
        case let .not(condition):
            return "not (\(condition.description))"
        case let .any(conditions):
            if conditions.isEmpty { return "never" }
            return conditions.map(\.nestedDescription).joined(separator: " or ")
        case let .all(conditions):
            if conditions.isEmpty { return "always" }
            return conditions.map(\.nestedDescription).joined(separator: " and ")
        }
    }

    /// The description, in parentheses when it combines several conditions.
    private var nestedDescription: String {
        switch self {
        case let .any(conditions) where conditions.count > 1, let .all(conditions) where conditions.count > 1:
            return "(\(description))"
        default:
            return description
        }
    }

    /// `a`, `a or b`, `a, b or c`.
    private static func list(_ items: [String], conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}
