/// Every reachable situation of a questionnaire: one state per page.
///
/// A state is a question (or the end) together with the facts set so far
/// that still matter there (see ``RelevantFacts``). Equivalent states share
/// one page. Build it with ``explore(_:pageExists:stateLimit:log:)``.
public struct QuestionnaireGraph: Sendable {
    /// Answering `answer` leads to `states[target]`.
    public struct Transition: Sendable, Hashable {
        public var answer: String
        public var target: Int
    }

    public struct State: Sendable {
        /// Short, opaque and stable: the state's URL segment, the same in
        /// every language (see ``StateID``).
        public var id: String
        /// The question asked on this state's page; nil at the end.
        public var question: String?
        /// The facts that still matter here, sorted by name.
        public var facts: [QuestionnaireLogic.Fact]
        /// At the end: the outcomes shown, in outcome order. Empty otherwise.
        public var outcomes: [String]
        /// One per answer of the question, in answer order. Empty at the end.
        public var transitions: [Transition]

        public var isEnd: Bool { question == nil }

        /// `facts` as a dictionary, for ``Condition/holds(_:)``.
        public var factValues: [String: String] {
            Dictionary(uniqueKeysWithValues: facts.map { ($0.name, $0.value) })
        }

        /// The state a given answer leads to.
        public func target(of answer: String) -> Int? {
            transitions.first { $0.answer == answer }?.target
        }
    }

    /// The questionnaire's id.
    public var questionnaire: String
    /// States in the order they were found (breadth first from `start`).
    public var states: [State]
    /// The state asking the first question.
    public var start: Int

    /// The index of the state with this id.
    public func index(ofID id: String) -> Int? {
        states.firstIndex { $0.id == id }
    }

    /// Follows answers from the start. Stops at the first answer that is
    /// not one of the current state's (also: any answer after the end);
    /// `failedStep` is that answer's index then, nil when all were followed.
    public func walk(_ answers: [String]) -> (state: Int, failedStep: Int?) {
        var current = start
        for (step, answer) in answers.enumerated() {
            guard let next = states[current].target(of: answer) else { return (current, step) }
            current = next
        }
        return (current, nil)
    }

    /// Follows answers from `state`; nil when one of them is not an answer there.
    public func walk(_ answers: [String], from state: Int) -> Int? {
        var current = state
        for answer in answers {
            guard let next = states[current].target(of: answer) else { return nil }
            current = next
        }
        return current
    }
}
