/// What a leaflet for one result holds, independent of language: the
/// outcomes shown, the answers that led there, and the advice pages (whole,
/// or only the sections named by `page#anchor`) in the order the outcomes
/// name them, each once.
struct LeafletContent: Sendable, Equatable {
    /// One advice page on a leaflet.
    struct IncludedPage: Sendable, Equatable {
        /// The page's path (`""` for the home page).
        var path: String
        /// nil: the whole page; else the ids of the sections to print, in order.
        var anchors: [String]?
    }

    var outcomes: [String]
    /// (question, answer) in the order asked.
    var answers: [Answer]
    var pages: [IncludedPage]

    struct Answer: Sendable, Equatable {
        var question: String
        var answer: String
    }

    /// The leaflet of the result state at `index` in the questionnaire's graph.
    /// `answers`, when given, are the ones actually chosen (`lotse leaflet`);
    /// otherwise the answers the result page shows: those every path to the
    /// state gave (``StatePaths``). Paths merged in one state may differ in an
    /// answer that no longer matters; the page cannot know which was given,
    /// so such a question is left out rather than guessed.
    init(_ q: CompiledQuestionnaire, state index: Int, answers chosen: [Answer]? = nil) {
        let logic = q.logic
        let state = q.graph.states[index]
        outcomes = state.outcomes
        answers = chosen ?? q.paths.answered[index].compactMap { answered in
            answered.answer.map { Answer(question: answered.question, answer: $0) }
        }
        var pages: [IncludedPage] = []
        for id in state.outcomes {
            guard let outcome = logic.outcomes.first(where: { $0.id == id }) else { continue }
            for reference in outcome.pages {
                let path = QuestionnaireLogic.Outcome.sitePath(reference)
                let anchor = QuestionnaireLogic.Outcome.pageAnchor(reference)
                if let index = pages.firstIndex(where: { $0.path == path }) {
                    // Already there: a whole page covers every section; sections add up.
                    guard var anchors = pages[index].anchors else { continue }
                    if let anchor {
                        if !anchors.contains(anchor) { anchors.append(anchor) }
                        pages[index].anchors = anchors
                    } else {
                        pages[index].anchors = nil
                    }
                } else {
                    pages.append(IncludedPage(path: path, anchors: anchor.map { [$0] }))
                }
            }
        }
        self.pages = pages
    }
}
