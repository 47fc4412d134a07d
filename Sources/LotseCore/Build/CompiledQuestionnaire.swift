/// A questionnaire checked and explored, with its texts in every language. (stub)
struct CompiledQuestionnaire: Sendable {
    struct Texts: Sendable {
        var title: String
        var summary: String?
        var isFallback: Bool
    }
    struct Graph: Sendable { var states: [Int] }
    var id: String
    var graph: Graph
    var translatedLanguages: [String]
    func texts(for language: String) -> Texts { Texts(title: id, summary: nil, isFallback: false) }
}

enum QuestionnaireCompiler {
    static func compile(content: SiteContent, markdown: MarkdownRenderer, log: DiagnosticLog) -> [CompiledQuestionnaire] { [] }
}

extension RenderContext {
    func renderQuestionnaire(_ q: CompiledQuestionnaire, reader: String) -> [OutputFile] { [] }
}
public enum QuestionnaireGraphExport {
    public static func dot(id: String, language: String?, content: String, templates: String) throws(LotseError) -> String { "" }
}
