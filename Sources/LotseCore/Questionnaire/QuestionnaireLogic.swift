/// The language-neutral logic of a questionnaire, read from
/// `content/questionnaires/<id>.yaml`: which questions are asked in which
/// order, which facts each answer sets, which outcomes a finished path shows,
/// and the scenario tests that pin the behaviour down.
///
/// Load it with ``load(text:id:displayPath:log:)``, then compile it into
/// pages with ``QuestionnaireGraph/explore(_:pageExists:stateLimit:log:)``.
public struct QuestionnaireLogic: Sendable {
    /// A fact and its value, e.g. `status = asylum`. Values are compared as
    /// the raw text of the YAML scalar, so `yes` stays `"yes"`.
    public struct Fact: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }

        public var description: String { "\(name)=\(value)" }

        public static func < (lhs: Fact, rhs: Fact) -> Bool {
            (lhs.name, lhs.value) < (rhs.name, rhs.value)
        }
    }

    /// One question and its answers, in file order.
    public struct Question: Sendable {
        public var id: String
        public var answers: [Answer]
        /// The question's key in the logic file.
        public var location: SourceLocation

        public func answer(_ id: String) -> Answer? {
            answers.first { $0.id == id }
        }
    }

    /// One possible answer to a question.
    public struct Answer: Sendable {
        public var id: String
        /// The facts this answer sets, in file order. They overwrite values
        /// set by earlier answers.
        public var sets: [Fact]
        public var next: Next
        /// The answer's key in the logic file.
        public var location: SourceLocation
    }

    /// Where an answer leads.
    public enum Next: Sendable {
        /// No `next`: the questionnaire ends after this answer.
        case end
        /// `next: <question>`.
        case question(String, at: SourceLocation)
        /// `next: [ { when: …, to: … }, … ]`: the first entry whose `when`
        /// holds decides; an entry without `when` always holds, an entry
        /// without `to` ends the questionnaire, and when no entry holds the
        /// questionnaire ends as well.
        case branches([Branch])

        /// The question this answer leads to given the facts after the
        /// answer (nil: the questionnaire ends).
        public func target(given facts: [String: String]) -> String? {
            resolve(given: facts).target
        }

        /// The target and the index of the branch that decided it (nil when
        /// no branch was involved).
        func resolve(given facts: [String: String]) -> (target: String?, branch: Int?) {
            switch self {
            case .end:
                return (nil, nil)
            case let .question(id, _):
                return (id, nil)
            case let .branches(branches):
                for (index, branch) in branches.enumerated() where branch.when?.holds(facts) ?? true {
                    return (branch.to, index)
                }
                return (nil, nil)
            }
        }

        /// Every question this answer can lead to, with the place naming it.
        var targets: [(id: String, location: SourceLocation)] {
            switch self {
            case .end:
                return []
            case let .question(id, location):
                return [(id, location)]
            case let .branches(branches):
                return branches.compactMap { branch in
                    branch.to.map { ($0, branch.toLocation ?? branch.location) }
                }
            }
        }

        /// The conditions of the branches, in order.
        var conditions: [Condition] {
            guard case let .branches(branches) = self else { return [] }
            return branches.compactMap(\.when)
        }
    }

    /// One entry of a conditional `next` list.
    public struct Branch: Sendable {
        /// nil: the entry always matches.
        public var when: Condition?
        /// nil: the questionnaire ends.
        public var to: String?
        /// The entry in the `next` list.
        public var location: SourceLocation
        /// The `to` value, when there is one.
        public var toLocation: SourceLocation?
    }

    /// A result shown at the end of every path whose facts satisfy `when`.
    public struct Outcome: Sendable {
        public var id: String
        /// nil: the outcome is shown at the end of every path.
        public var when: Condition?
        /// Advice pages to link, as paths below `content/<lang>/` without `.md`.
        public var pages: [String]
        /// Where each of `pages` is written.
        public var pageLocations: [SourceLocation]
        /// The outcome's key in the logic file.
        public var location: SourceLocation

        public func holds(_ facts: [String: String]) -> Bool {
            when?.holds(facts) ?? true
        }
    }

    /// A scenario test: these answers, in order, end the questionnaire with
    /// exactly these outcomes.
    public struct Scenario: Sendable {
        public var answers: [String]
        public var answerLocations: [SourceLocation]
        public var outcomes: [String]
        public var outcomeLocations: [SourceLocation]
        /// The scenario's entry in `tests`.
        public var location: SourceLocation
        /// The `outcomes` list.
        public var outcomesLocation: SourceLocation
    }

    /// The questionnaire's id: its file name without `.yaml`, and its URL segment.
    public var id: String
    /// The first question.
    public var start: String
    public var startLocation: SourceLocation
    /// Questions in file order.
    public var questions: [Question]
    /// Outcomes in file order, which is the order they are shown in.
    public var outcomes: [Outcome]
    public var tests: [Scenario]
    /// The logic file (line 1, column 1).
    public var file: SourceLocation

    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The ids of the outcomes shown for these facts at the end, in outcome order.
    public func outcomes(for facts: [String: String]) -> [String] {
        outcomes.filter { $0.holds(facts) }.map(\.id)
    }

    /// Every value each fact can be set to by some answer.
    var settableValues: [String: Set<String>] {
        var values: [String: Set<String>] = [:]
        for question in questions {
            for answer in question.answers {
                for fact in answer.sets { values[fact.name, default: []].insert(fact.value) }
            }
        }
        return values
    }

    /// Whether `text` can be a question, answer, outcome or fact id:
    /// `[a-z0-9][a-z0-9_-]*`, since ids end up in text keys and file names.
    static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        func isLowerAlnum(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        return isLowerAlnum(first) && text.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "-" || $0 == "_" }
    }
}
