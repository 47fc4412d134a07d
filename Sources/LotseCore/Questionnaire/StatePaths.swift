/// What a state's page can truthfully say about the way the reader came:
/// which questions were answered and how, where to go back to change an
/// answer, and how far along the reader is.
///
/// A page is static, but a state is shared by every path whose facts that
/// still matter agree (see ``RelevantFacts``), so "the path" of a page is not
/// one path. Everything here holds for *every* path reaching the state:
///
/// - a question is listed when every path here asked it; its answer is
///   given when every path gave the same one (paths merged here may differ
///   in answers that no longer matter, and then the page cannot know it);
/// - its Change link goes to the state where the question was asked, when
///   that is the same state on every path; otherwise to the nearest state
///   every path passes through before asking it (the lowest common
///   dominator of those states). Either way the reader's own path passes
///   through the linked state, so giving the same answers again from there
///   leads back here (the states are deterministic), and other answers
///   continue like any other path;
/// - progress counts the longest way here, so the number never goes back
///   along a path and "at most" is never too small (see ``Progress``).
///
/// Needs a graph without loops, which ``QuestionnaireGraph/explore(_:pageExists:stateLimit:log:)`` guarantees.
public struct StatePaths: Sendable {
    /// One question answered on every path to a state.
    public struct Answered: Sendable, Hashable {
        public var question: String
        /// The answer, when every path here gave the same one; nil when the
        /// paths merged here differ in it (so it no longer matters).
        public var answer: String?
        /// The state to reopen to change the answer (see the type's comment).
        public var changeState: Int
        /// Every state where a path to here asked the question (last time).
        public var askedAt: [Int]
    }

    /// "Question `number` of at most `ofAtMost`".
    public struct Progress: Sendable, Hashable {
        /// 1 + the most questions answered on any path to the state.
        public var number: Int
        /// `number` − 1 + the most questions on any way from the state to an end.
        public var ofAtMost: Int
    }

    /// Per state, the questions answered on every path to it, in the order asked.
    public var answered: [[Answered]]
    /// Per state: nil at the end.
    public var progress: [Progress?]
    /// States in an order where every state comes after all states leading to it.
    public var topologicalOrder: [Int]
    /// Per state, its immediate dominator (nil for the start and unreachable states).
    public var immediateDominator: [Int?]

    public init(_ graph: QuestionnaireGraph) {
        let count = graph.states.count
        var predecessors = Array(repeating: [Int](), count: count)
        var incoming = Array(repeating: 0, count: count)
        for (index, state) in graph.states.enumerated() {
            for target in Set(state.transitions.map(\.target)) {
                predecessors[target].append(index)
                incoming[target] += 1
            }
        }
        // Kahn's algorithm, taking states in index order among the ready ones.
        var order: [Int] = []
        var ready = [graph.start]
        var remaining = incoming
        while !ready.isEmpty {
            ready.sort(by: >)
            let next = ready.removeLast()
            order.append(next)
            for target in Set(graph.states[next].transitions.map(\.target)).sorted() {
                remaining[target] -= 1
                if remaining[target] == 0 { ready.append(target) }
            }
        }
        topologicalOrder = order
        var position = Array(repeating: Int.max, count: count)
        for (index, state) in order.enumerated() { position[state] = index }

        // Immediate dominators: on a graph without loops, the lowest common
        // ancestor of the predecessors in the dominator tree, in topological order.
        var idom = Array(repeating: Int?.none, count: count)
        var depth = Array(repeating: 0, count: count)
        func lca(_ a: Int, _ b: Int) -> Int {
            var (a, b) = (a, b)
            while a != b {
                if depth[a] < depth[b] { swap(&a, &b) }
                guard let up = idom[a] else { return b }
                a = up
            }
            return a
        }
        for state in order where state != graph.start {
            let preds = predecessors[state].filter { position[$0] != Int.max }
            guard var dominator = preds.first else { continue }
            for pred in preds.dropFirst() { dominator = lca(dominator, pred) }
            idom[state] = dominator
            depth[state] = depth[dominator] + 1
        }
        immediateDominator = idom

        // What every path says about each question: answers, where asked, asked on all paths.
        struct Info {
            var answers: Set<String>
            var askedAt: Set<Int>
            var onEveryPath: Bool
        }
        var info = Array(repeating: [String: Info]?.none, count: count)
        info[graph.start] = [:]
        for state in order {
            guard let here = info[state], let question = graph.states[state].question else { continue }
            for transition in graph.states[state].transitions {
                var after = here
                after[question] = Info(answers: [transition.answer], askedAt: [state], onEveryPath: true)
                guard var existing = info[transition.target] else {
                    info[transition.target] = after
                    continue
                }
                for key in Set(existing.keys).union(after.keys) {
                    switch (existing[key], after[key]) {
                    case let (a?, b?):
                        existing[key] = Info(answers: a.answers.union(b.answers), askedAt: a.askedAt.union(b.askedAt),
                                             onEveryPath: a.onEveryPath && b.onEveryPath)
                    case var (a?, nil):
                        a.onEveryPath = false
                        existing[key] = a
                    case var (nil, b?):
                        b.onEveryPath = false
                        existing[key] = b
                    case (nil, nil):
                        break
                    }
                }
                info[transition.target] = existing
            }
        }
        answered = info.map { known in
            guard let known else { return [] }
            return known.compactMap { question, info -> Answered? in
                guard info.onEveryPath else { return nil }
                let askedAt = info.askedAt.sorted { position[$0] < position[$1] }
                let change = askedAt.dropFirst().reduce(askedAt[0]) { lca($0, $1) }
                return Answered(question: question, answer: info.answers.count == 1 ? info.answers.first : nil,
                                changeState: change, askedAt: askedAt)
            }.sorted { (position[$0.askedAt[0]], $0.question) < (position[$1.askedAt[0]], $1.question) }
        }

        // Longest ways to and from each state, in questions.
        var longestTo = Array(repeating: 0, count: count)
        for state in order {
            for target in graph.states[state].transitions.map(\.target) {
                longestTo[target] = max(longestTo[target], longestTo[state] + 1)
            }
        }
        var longestFrom = Array(repeating: 0, count: count)
        for state in order.reversed() where !graph.states[state].isEnd {
            longestFrom[state] = 1 + (graph.states[state].transitions.map { longestFrom[$0.target] }.max() ?? 0)
        }
        progress = (0..<count).map { state in
            graph.states[state].isEnd ? nil
                : Progress(number: longestTo[state] + 1, ofAtMost: longestTo[state] + longestFrom[state])
        }
    }

    /// Whether every path from the start to `state` passes through `dominator`.
    public func dominates(_ dominator: Int, _ state: Int) -> Bool {
        var current: Int? = state
        while let here = current {
            if here == dominator { return true }
            current = immediateDominator[here]
        }
        return false
    }
}
