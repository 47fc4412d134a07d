/// The raw result of walking a questionnaire's logic from `start`: every
/// reachable state key, and for each state the edges taken by its answers,
/// with enough detail (which answer, which `next` entry) to point errors at
/// the YAML that caused them.
struct QuestionnaireExploration {
    /// What identifies a state: its question (nil: the end) and the facts that still matter there.
    struct Key: Hashable {
        var question: String?
        /// Sorted by name.
        var facts: [QuestionnaireLogic.Fact]
    }

    struct Edge {
        var from: Int
        /// Index into `logic.questions`.
        var question: Int
        /// Index into that question's answers.
        var answer: Int
        /// Index of the conditional `next` entry that decided the target, if any.
        var branch: Int?
        var target: Int
    }

    var keys: [Key] = []
    /// Per state, one edge per answer in answer order (none at the end).
    var edges: [[Edge]] = []
    /// The edge that first reached each state (breadth first, so it lies
    /// on a shortest path from the start); nil for the start.
    var parent: [Edge?] = []
    /// Set when exploring stopped because the state limit was passed.
    var exceededLimit = false

    /// Walks breadth first from the start; stops when more than `limit` states are found.
    init(_ logic: QuestionnaireLogic, relevance: RelevantFacts, limit: Int) {
        let questionIndex = Dictionary(logic.questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var index: [Key: Int] = [:]
        let startKey = Key(question: logic.start, facts: [])
        index[startKey] = 0
        keys = [startKey]
        edges = [[]]
        parent = [nil]
        var current = 0
        while current < keys.count {
            defer { current += 1 }
            guard let questionID = keys[current].question, let q = questionIndex[questionID] else { continue }
            let facts = Dictionary(keys[current].facts.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
            for (a, answer) in logic.questions[q].answers.enumerated() {
                var after = facts
                for fact in answer.sets { after[fact.name] = fact.value }
                let (target, branch) = answer.next.resolve(given: after)
                let relevant = relevance.facts(at: target)
                let kept = after.filter { relevant.contains($0.key) }.map { QuestionnaireLogic.Fact($0.key, $0.value) }.sorted()
                let key = Key(question: target, facts: kept)
                var edge = Edge(from: current, question: q, answer: a, branch: branch, target: 0)
                if let existing = index[key] {
                    edge.target = existing
                } else {
                    guard keys.count < limit else {
                        exceededLimit = true
                        return
                    }
                    edge.target = keys.count
                    index[key] = edge.target
                    keys.append(key)
                    edges.append([])
                    parent.append(edge)
                }
                edges[current].append(edge)
            }
        }
    }

    /// The answers along the shortest known path from the start to `state`.
    func path(to state: Int, in logic: QuestionnaireLogic) -> [String] {
        var answers: [String] = []
        var current = state
        while let edge = parent[current] {
            answers.append(logic.questions[edge.question].answers[edge.answer].id)
            current = edge.from
        }
        return answers.reversed()
    }

    /// Each fact with the number of distinct values it has across the states
    /// found, most first: what multiplies the states.
    func factValueCounts() -> [(fact: String, count: Int)] {
        var values: [String: Set<String>] = [:]
        for key in keys {
            for fact in key.facts { values[fact.name, default: []].insert(fact.value) }
        }
        return values.map { ($0.key, $0.value.count) }.sorted { ($1.count, $0.fact) < ($0.count, $1.fact) }
    }
}
