import Foundation

/// Leaflets: a questionnaire result, or an advice page, made for paper.
///
/// Advisors print a client's result at the desk: the outcomes, the answers
/// that led there, the advice text itself, the office contact, a QR code back
/// to the same result online, a disclaimer and lines for notes. Every result
/// has one at `/<lang>/<q>/<state>/leaflet/`; for readers of a language other
/// than the office's also a bilingual one at `…/leaflet/<office_language>/`,
/// set section by section in rows of two cells, each cell with its own `lang`
/// and `dir`. Every advice page has a bilingual print version at
/// `/<lang>/<path>/leaflet/<office_language>/`. Leaflets are `noindex`, have no
/// `hreflang` alternates and are not in the sitemap.
extension RenderContext {
    static let leafletSegment = "leaflet"

    /// One piece of a leaflet in one language; pieces with the same `key` in
    /// two languages share a row of the bilingual grid.
    struct LeafletPart {
        var key: String
        /// The row's class: heading, outcome, answer, page-title, section, meta, contact, online, disclaimer.
        var kind: String
        /// The part's HTML: a String, or the UTF-8 bytes of a section cut from a page's body.
        var content: Content
        var lang: String

        enum Content {
            case text(String)
            case utf8([UInt8])
        }

        init(key: String, kind: String, html: String, lang: String) {
            self.init(key: key, kind: kind, content: .text(html), lang: lang)
        }

        init(key: String, kind: String, content: Content, lang: String) {
            self.key = key
            self.kind = kind
            self.content = content
            self.lang = lang
        }

        var html: String {
            switch content {
            case let .text(text): return text
            case let .utf8(bytes): return String(decoding: bytes, as: UTF8.self)
            }
        }

        /// The HTML as a view model holds it (bytes stay bytes).
        var value: ViewModel.Value {
            switch content {
            case let .text(text): return .text(text)
            case let .utf8(bytes): return .utf8(bytes)
            }
        }
    }

    /// One language's column of a leaflet, and the headline it gives (text, language written in).
    struct LeafletColumn {
        var parts: [LeafletPart]
        var headline: (String, String)?
        /// Whether no two parts have the same key, when known (``LeafletColumnMemo``, for ``pair(_:rightKeysUnique:)``).
        var uniqueKeys: Bool?
    }

    // MARK: Paths

    func leafletPath(_ page: String, with other: String?) -> String {
        let base = page.isEmpty ? Self.leafletSegment : "\(page)/\(Self.leafletSegment)"
        return other.map { "\(base)/\($0)" } ?? base
    }

    var officeLanguage: String { config.officeLanguage }

    /// The links to a page's leaflets for the result and advice page templates.
    func leafletLinks(for path: String, reader: String, single: Bool) -> [String: Any] {
        let s = strings(reader)
        var model: [String: Any] = [:]
        if single { model["leaflet_href"] = urls.page(leafletPath(path, with: nil), language: reader) }
        if reader != officeLanguage {
            model["leaflet_bilingual_href"] = urls.page(leafletPath(path, with: officeLanguage), language: reader)
            // The same for every page of the reader's language: filled once.
            let key = single ? "leaflet_print_bilingual" : "leaflet_page_bilingual"
            model["leaflet_bilingual_label"] = repeatedTexts.text("\(key)\u{0}\(reader)") {
                (s[key] ?? "").filling(["language": languageName(officeLanguage, in: reader)])
            }
        }
        return model
    }


    // MARK: Site files

    /// The leaflets of every result of a questionnaire in one language.
    func renderLeaflets(_ q: CompiledQuestionnaire, reader: String) -> [OutputFile] {
        var files: [OutputFile] = []
        // The advice pages the results print, made once for all of them.
        let pages = PagePartsMemo()
        for (index, state) in q.graph.states.enumerated() where state.isEnd {
            let content = LeafletContent(q, state: index)
            let resultPath = statePath(q, state)
            var partners: [String?] = [nil]
            if reader != officeLanguage { partners.append(officeLanguage) }
            // Both leaflets of a result lead to the same address: one QR code for the two.
            let qr = qrModel(reader: reader, onlinePath: resultPath)
            // The reader's column is the same in both leaflets: made once.
            let readerColumn = resultColumn(q, content, language: reader, resultPath: resultPath, pages: pages)
            for other in partners {
                let model = resultLeafletModel(q, state: state, content: content, reader: reader, with: other, selfContained: false, qr: qr,
                                               pages: pages, readerColumn: readerColumn)
                files.append(OutputFile(path: urls.file(leafletPath(resultPath, with: other), language: reader),
                                        utf8: templates.renderBytes(model, template: "leaflet")))
            }
        }
        return files
    }

    /// The bilingual print version of an advice page (nil for the office
    /// language's readers and for home pages). With `officeColumns`, the
    /// office language's column (the same for every reader) is made once for
    /// all the readers of a page that share it; `bodies`: the page's bodies as its pages unpacked them;
    /// `served`: the page as ``SiteContent/page(_:in:)`` gives it, when the caller has it.
    func renderPageLeaflet(_ path: String, reader: String, served: (page: PageSource, isFallback: Bool)?? = nil,
                           officeColumns: LeafletColumnMemo? = nil, bodies: UnpackedBodyMemo? = nil) -> OutputFile? {
        guard !path.isEmpty, reader != officeLanguage else { return nil }
        // Whether the page is shown in `reader`'s language (without copying the page when the caller has not looked it up).
        switch served {
        case .some(.none): return nil
        case .none: guard content.servedLanguage(path, in: reader) != nil else { return nil }
        case .some(.some): break
        }
        let model = advicePageLeafletModel(path, reader: reader, with: officeLanguage, served: served, otherColumns: officeColumns,
                                           bodies: bodies)
        return OutputFile(path: urls.file(leafletPath(path, with: officeLanguage), language: reader),
                          utf8: templates.renderBytes(model, template: "leaflet"))
    }

    // MARK: Documents

    /// A result's leaflet; with `other`, bilingual. `selfContained`: the CSS
    /// inline and no links back into the site's navigation (`lotse leaflet`).
    /// `qr`: the QR code's view (``qrModel(reader:onlinePath:)``) when the caller has made it.
    func renderResultLeaflet(_ q: CompiledQuestionnaire, state: QuestionnaireGraph.State, content leaflet: LeafletContent,
                             reader: String, with other: String?, selfContained: Bool, qr: ViewModel?? = nil) -> String {
        templates.render(resultLeafletModel(q, state: state, content: leaflet, reader: reader, with: other, selfContained: selfContained, qr: qr),
                         template: "leaflet")
    }

    /// The view model of ``renderResultLeaflet(_:state:content:reader:with:selfContained:qr:)``.
    /// `pages`: the advice pages' parts made for other results (``PagePartsMemo``);
    /// `readerColumn`: ``resultColumn(_:_:language:resultPath:pages:)`` in `reader`'s language, when the caller has it.
    func resultLeafletModel(_ q: CompiledQuestionnaire, state: QuestionnaireGraph.State, content leaflet: LeafletContent,
                            reader: String, with other: String?, selfContained: Bool, qr: ViewModel?? = nil,
                            pages: PagePartsMemo? = nil, readerColumn: [LeafletPart]? = nil) -> ViewModel {
        let resultPath = statePath(q, state)
        let languages = [reader] + (other.map { [$0] } ?? [])
        let columns = languages.enumerated().map { index, language in
            index == 0 ? readerColumn ?? resultColumn(q, leaflet, language: language, resultPath: resultPath, pages: pages)
                : resultColumn(q, leaflet, language: language, resultPath: resultPath, pages: pages)
        }
        let texts = q.texts(for: reader)
        var model = leafletCommon(reader: reader, other: other, selfContained: selfContained,
                                  onlinePath: resultPath, qr: qr, columns: columns,
                                  headlines: languages.map { (q.texts(for: $0).title, q.texts(for: $0).isFallback || q.texts(for: $0).fallbackKeys.contains("title") ? source : $0) })
        model["page_title"] = "\(texts.title) – \(strings(reader)["leaflet_title"] ?? "")"
        if !selfContained { model["back_href"] = urls.page(resultPath, language: reader) }
        if texts.isFallback { model["fallback"] = fallback(for: reader) }
        return model
    }

    /// An advice page's print version in `reader`'s language; with `other`, bilingual
    /// (`other`'s column taken from `otherColumns` when another reader's leaflet made it).
    func renderAdvicePageLeaflet(_ path: String, reader: String, with other: String?,
                                 otherColumns: LeafletColumnMemo? = nil) -> String {
        templates.render(advicePageLeafletModel(path, reader: reader, with: other, otherColumns: otherColumns), template: "leaflet")
    }

    /// The view model of ``renderAdvicePageLeaflet(_:reader:with:otherColumns:)``.
    /// `served`: the page in `reader`'s language as ``SiteContent/page(_:in:)`` gives it, when the caller has it.
    func advicePageLeafletModel(_ path: String, reader: String, with other: String?, served: (page: PageSource, isFallback: Bool)?? = nil,
                                otherColumns: LeafletColumnMemo? = nil, bodies: UnpackedBodyMemo? = nil) -> ViewModel {
        var columns = [advicePageColumn(path, language: reader, served: served, bodies: bodies)]
        if let other {
            columns.append(otherColumns?.column(path, language: other) { advicePageColumn(path, language: other, bodies: bodies) }
                ?? advicePageColumn(path, language: other, bodies: bodies))
        }
        let headlines = columns.compactMap(\.headline)
        var model = leafletCommon(reader: reader, other: other, selfContained: false, onlinePath: path,
                                  columns: columns.map(\.parts), rightKeysUnique: columns.count == 2 ? columns[1].uniqueKeys : nil,
                                  headlines: headlines)
        model["page_title"] = "\(headlines.first?.0 ?? "") – \(strings(reader)["leaflet_title"] ?? "")"
        model["back_href"] = urls.page(path, language: reader)
        return model
    }

    /// One language's column of an advice page's print version: the page's text,
    /// the office contact, the disclaimer and room for notes; with the page's
    /// title and the language it is written in (nil for a page the site lacks).
    func advicePageColumn(_ path: String, language: String, served: (page: PageSource, isFallback: Bool)?? = nil,
                          bodies: UnpackedBodyMemo? = nil) -> LeafletColumn {
        let s = strings(language)
        // Looked up (copied) once for the column and its text, unless the caller has it.
        let page = served ?? content.page(path, in: language)
        var parts = pageParts(path, served: page, anchors: nil, language: language, shift: 0, withTitle: false, bodies: bodies)
        if let (_, isFallback) = page, isFallback {
            parts.insert(LeafletPart(key: "notice", kind: "notice", html: "<p class=\"fallback\">\(HTML.escape(fallback(for: language)["notice"] as? String ?? ""))</p>", lang: language), at: 0)
        }
        parts += contactParts(language: language)
        parts.append(disclaimerPart(language: language))
        parts.append(heading("notes", s["leaflet_notes"], language: language))
        return LeafletColumn(parts: parts, headline: page.map { ($0.page.title, $0.isFallback ? source : language) })
    }

    /// What both kinds of leaflet share: head, header, QR code and the rows.
    private func leafletCommon(reader: String, other: String?, selfContained: Bool, onlinePath: String, qr: ViewModel?? = nil,
                               columns: [[LeafletPart]], rightKeysUnique: Bool? = nil, headlines: [(String, String)]) -> ViewModel {
        let s = strings(reader)
        // In the order of their keys (``ViewModel``).
        var model = ViewModel(sorted: [
            ("bilingual", .flag(other != nil)),
            ("dir", .text(language(reader).direction.rawValue)),
            ("lang", .text(reader)),
            ("s", .strings(s)),
        ])
        // On the site both stylesheets are files (the Content-Security-Policy allows no inline
        // style, docs/hosting.md); `lotse leaflet`'s single file carries them inline.
        if selfContained {
            model["inline_css"] = templates.css
            if !templates.leafletCSS.isEmpty { model["leaflet_css"] = templates.leafletCSS }
        } else {
            model["css_href"] = urls.css
            if !templates.leafletCSS.isEmpty { model["leaflet_css_href"] = urls.leafletCSS }
        }
        if let qr = qr ?? qrModel(reader: reader, onlinePath: onlinePath) { model[value: "qr"] = .object(qr) }
        if let name = config.office?.name?.value(for: reader, source: source) { model["office_name"] = name.text }
        model[value: "headline"] = .list(headlines.map { Self.marked(text: $0.0, lang: $0.1, dir: language($0.1).direction.rawValue) })
        // The same on every leaflet of a reader (and partner) language: the build's date.
        model[value: "printed"] = .list(repeatedTexts.view("printed\u{0}\(reader)\u{0}\(other ?? "")\u{0}\(today.year)-\(today.month)-\(today.day)") {
            ([reader] + (other.map { [$0] } ?? [])).map { code -> ViewModel in
                Self.marked(text: dateText("leaflet_printed", language: code, date: today), lang: code, dir: language(code).direction.rawValue)
            }
        })
        // Each cell's `dir`: looked up once for the leaflet's languages, not in the site's list for every cell.
        let readerDir = language(reader).direction.rawValue
        let otherDir = other.map { language($0).direction.rawValue }
        func dir(_ code: String) -> String {
            code == reader ? readerDir : code == other ? otherDir! : language(code).direction.rawValue
        }
        // A part is read where it is (by index, not copied out of its column as a zip or an optional would).
        func cell(_ cell: LeafletPart) -> ViewModel {
            ViewModel(sorted: [("dir", .text(dir(cell.lang))), ("html", cell.value), ("lang", .text(cell.lang))])
        }
        func cellOrEmpty(_ part: LeafletPart?) -> ViewModel {
            part.map(cell) ?? ViewModel(sorted: [("dir", .text(dir(reader))), ("html", .text("")), ("lang", .text(reader))])
        }
        func row(kind: String, cells: [ViewModel]) -> ViewModel {
            ViewModel(sorted: [("cells", .list(cells)), ("kind", .text(kind))])
        }
        if Self.pairsSideBySide(columns, rightKeysUnique: rightKeysUnique) {
            // Most print versions (``pair(_:rightKeysUnique:)``): the rows made straight from the two
            // columns, without the pairs of parts in between (an array and two copied parts a row).
            let left = columns[0], right = columns[1]
            model[value: "rows"] = .list(left.indices.map { index in
                row(kind: left[index].kind, cells: [cell(left[index]), cell(right[index])])
            })
        } else {
            model[value: "rows"] = .list(Self.pair(columns, rightKeysUnique: rightKeysUnique).map { row(kind: $0.kind, cells: $0.cells.map(cellOrEmpty)) })
        }
        return model
    }

    /// A text with its `lang` and `dir` (a leaflet's headline and printed line).
    private static func marked(text: String, lang: String, dir: String) -> ViewModel {
        ViewModel(sorted: [("dir", .text(dir)), ("lang", .text(lang)), ("text", .text(text))])
    }

    /// The QR code leading to `onlinePath` in `reader`'s language, with its
    /// address and caption; nil when the address is too long for a QR code.
    /// (libqrencode's search for the best mask is most of a print version's
    /// time: made once per address.)
    func qrModel(reader: String, onlinePath: String) -> ViewModel? {
        let s = strings(reader)
        let online = urls.absolute(onlinePath, language: reader)
        guard let code = qrCodes?.code(online) ?? QRCode(online) else { return nil }
        // A result's path is "<questionnaire>/<state>" (bytes compared: Foundation's `contains` searched by locale).
        // (Each questionnaire's id read where it is: `contains` over the questionnaires copied each of them.)
        let isResult = onlinePath.utf8.contains(UInt8(ascii: "/"))
            && questionnaires.indices.contains { onlinePath.hasPrefix(questionnaires[$0].id + "/") }
        return ViewModel(sorted: [("caption", .text(s[isResult ? "leaflet_online" : "leaflet_page_online"] ?? "")),
                                  ("svg", .utf8(code.svgBytes(label: (s["leaflet_qr_label"] ?? "").filling(["url": online])))),
                                  ("url", .text(online))])
    }

    /// Whether ``pair(_:rightKeysUnique:)`` pairs each part of two columns with the one beside it.
    /// Most print versions: both columns have the same parts in the same order (a translated
    /// page), and then each part pairs with the one beside it: no tables of keys to build. The keys
    /// being the same, the right column's (the office column, the same for every reader) are as unique.
    static func pairsSideBySide(_ columns: [[LeafletPart]], rightKeysUnique: Bool? = nil) -> Bool {
        guard columns.count == 2 else { return false }
        let left = columns[0], right = columns[1]
        guard left.count == right.count, left.indices.allSatisfy({ left[$0].key == right[$0].key }) else { return false }
        return rightKeysUnique ?? (Set(left.map(\.key)).count == left.count)
    }

    /// Rows of the grid: parts with the same key side by side, each column
    /// in its own order; a part one language lacks gets an empty cell.
    /// `rightKeysUnique`: whether the right column's keys are all different, when the caller knows.
    static func pair(_ columns: [[LeafletPart]], rightKeysUnique: Bool? = nil) -> [(kind: String, cells: [LeafletPart?])] {
        guard columns.count == 2 else {
            return (columns.first ?? []).map { (kind: $0.kind, cells: [$0]) }
        }
        let left = columns[0], right = columns[1]
        if pairsSideBySide(columns, rightKeysUnique: rightKeysUnique) {
            return zip(left, right).map { (kind: $0.kind, cells: [$0, $1]) }
        }
        var rightIndex: [String: Int] = [:]
        for (index, part) in right.enumerated() where rightIndex[part.key] == nil { rightIndex[part.key] = index }
        let leftKeys = Set(left.map(\.key))
        var rows: [(kind: String, cells: [LeafletPart?])] = []
        var next = 0
        for part in left {
            if let match = rightIndex[part.key], match >= next {
                // Right parts before the match that have no partner come first.
                for index in next..<match where !leftKeys.contains(right[index].key) {
                    rows.append((right[index].kind, [nil, right[index]]))
                }
                rows.append((part.kind, [part, right[match]]))
                next = match + 1
            } else {
                rows.append((part.kind, [part, nil]))
            }
        }
        for index in next..<right.count where !leftKeys.contains(right[index].key) {
            rows.append((right[index].kind, [nil, right[index]]))
        }
        return rows
    }

    // MARK: Columns

    /// A text taken from the source language, marked with its `lang` and `dir`.
    private func marked(_ html: String, written: String, in language: String, block: Bool) -> String {
        guard let (open, close) = markTags(written: written, in: language, block: block) else { return html }
        return open + html + close
    }

    /// ``marked(_:written:in:block:)`` of a block's UTF-8 bytes.
    private func marked(bytes html: [UInt8], written: String, in language: String) -> [UInt8] {
        guard let (open, close) = markTags(written: written, in: language, block: true) else { return html }
        return Array(open.utf8) + html + Array(close.utf8)
    }

    /// The tags around a text written in another language than the column's (nil: none needed).
    private func markTags(written: String, in language: String, block: Bool) -> (open: String, close: String)? {
        guard written != language else { return nil }
        let tag = block ? "div" : "span"
        return ("<\(tag) lang=\"\(written)\" dir=\"\(self.language(written).direction.rawValue)\">", "</\(tag)>")
    }

    private func heading(_ key: String, _ text: String?, language: String) -> LeafletPart {
        LeafletPart(key: "h-\(key)", kind: "heading \(key)", html: "<h2>\(HTML.escape(text ?? ""))</h2>", lang: language)
    }

    /// One language's column of a result leaflet, in the order the leaflet is read.
    /// `pages`: the advice pages' parts made for other results (``PagePartsMemo``).
    func resultColumn(_ q: CompiledQuestionnaire, _ leaflet: LeafletContent, language: String, resultPath: String,
                      pages: PagePartsMemo? = nil) -> [LeafletPart] {
        let local = q.localized(for: language)
        let texts = local.texts
        let s = strings(language)
        func written(_ key: String) -> String {
            texts.isFallback || texts.fallbackKeys.contains(key) ? source : language
        }
        var parts: [LeafletPart] = [heading("result", s["result_heading"], language: language)]
        for id in leaflet.outcomes {
            guard let outcome = texts.outcomes[id] else { continue }
            let title = marked("<h3>\(HTML.escape(outcome.title))</h3>", written: written("outcomes.\(id).title"), in: language, block: true)
            let bodyHTML = BodySections.absoluteLinks(local.outcomeBodies[id], language: language,
                                                      absoluteBase: urls.absoluteBase, pageURL: urls.absolute(resultPath, language: language))
            let body = marked(BodySections.demoteHeadings(bodyHTML, by: 2), written: written("outcomes.\(id).body"), in: language, block: true)
            parts.append(LeafletPart(key: "outcome-\(id)", kind: "outcome", html: title + body, lang: language))
        }
        if !leaflet.answers.isEmpty {
            parts.append(heading("answers", s["leaflet_answers"], language: language))
            for pair in leaflet.answers {
                guard let question = texts.questions[pair.question] else { continue }
                let label = question.answers[pair.answer] ?? pair.answer
                let q = marked(HTML.escape(question.text), written: written("questions.\(pair.question).text"), in: language, block: false)
                let a = marked(HTML.escape(label), written: written("questions.\(pair.question).answers.\(pair.answer)"), in: language, block: false)
                parts.append(LeafletPart(key: "answer-\(pair.question)", kind: "answer", html: "<dl><dt>\(q)</dt><dd>\(a)</dd></dl>", lang: language))
            }
        }
        if !leaflet.pages.isEmpty {
            parts.append(heading("advice", s["leaflet_advice"], language: language))
            for page in leaflet.pages {
                parts += pages?.parts(page.path, anchors: page.anchors, language: language) {
                    pageParts(page.path, anchors: page.anchors, language: language, shift: 2, withTitle: true)
                } ?? pageParts(page.path, anchors: page.anchors, language: language, shift: 2, withTitle: true)
            }
        }
        parts += contactParts(language: language)
        parts.append(disclaimerPart(language: language))
        parts.append(heading("notes", s["leaflet_notes"], language: language))
        return parts
    }

    /// An advice page's text (whole, or the sections named), then its review date and sources.
    /// `served`: the page as ``SiteContent/page(_:in:)`` gives it, when the caller has it;
    /// `bodies`: the page's bodies as its pages unpacked them.
    func pageParts(_ path: String, served: (page: PageSource, isFallback: Bool)?? = nil, anchors: [String]?, language: String,
                   shift: Int, withTitle: Bool, bodies unpackedBodies: UnpackedBodyMemo? = nil) -> [LeafletPart] {
        guard let (page, isFallback) = served ?? content.page(path, in: language), let body = bodies[Self.bodyKey(page)] else { return [] }
        let s = strings(language)
        let written = isFallback ? source : language
        let key = JoinedString.make("page-", path)
        var parts: [LeafletPart] = []
        let pageURL = urls.absolute(path, language: language)
        if withTitle {
            var title = ""
            if isFallback { title += "<p class=\"fallback\">\(HTML.escape(fallback(for: language)["notice"] as? String ?? ""))</p>" }
            title += marked("<h3>\(HTML.escape(page.title))</h3>", written: written, in: language, block: true)
            parts.append(LeafletPart(key: JoinedString.make(key, "-title"), kind: "page-title", html: title, lang: language))
        }
        // Named sections are cut from the whole text; a whole page is cut and demoted from its bytes.
        let named = anchors.map {
            BodySections.sections(BodySections.absoluteLinks(body, language: language, absoluteBase: urls.absoluteBase, pageURL: pageURL), ids: $0)
        }
        if let named {
            for section in named {
                let html = BodySections.demoteHeadings(section.html, by: shift)
                parts.append(LeafletPart(key: JoinedString.make(key, "-", section.id ?? "_intro"), kind: "section",
                                         html: marked(html, written: written, in: language, block: true), lang: language))
            }
        } else {
            // A whole page: its sections stay bytes to the page (``BodySections/absoluteSectionBytes``).
            let sections = unpackedBodies.map {
                BodySections.absoluteSectionBytes($0.body(Self.bodyKey(page), path: path, of: body), language: language,
                                                  absoluteBase: urls.absoluteBase, pageURL: pageURL, shift: shift)
            } ?? BodySections.absoluteSectionBytes(body, language: language, absoluteBase: urls.absoluteBase, pageURL: pageURL, shift: shift)
            for section in sections {
                parts.append(LeafletPart(key: JoinedString.make(key, "-", section.id ?? "_intro"), kind: "section",
                                         content: .utf8(marked(bytes: section.html, written: written, in: language)), lang: language))
            }
        }
        // Written as bytes into one buffer (a String grown by thirty interpolations a page was an
        // eighth of a page's parts; issue 10), each text escaped as ``HTML/escape(_:)`` escapes it.
        var meta: [UInt8] = []
        func append(_ text: String) {
            var text = text
            text.withUTF8 { meta.append(contentsOf: $0) }
        }
        func appendEscaped(_ text: String) { append(HTML.escape(text)) }
        if let reviewed = page.reviewed {
            append("<p class=\"meta\">")
            appendEscaped(dateText("last_reviewed", language: language, date: reviewed))
            append("</p>")
        }
        // Only some sections printed: only their sources (and those of the whole page).
        let sources = anchors == nil ? page.sources
            : SourceScopes.cited(page, original: content.sourcePages[path], printedIDs: Set((named ?? []).flatMap { BodySections.ids(in: $0.html) }))
        if !sources.isEmpty {
            // One paragraph, not a list: a page may cite sixteen paragraphs of law. On paper a source
            // is cited by its title ("§ 74 AsylG – Klagefrist"), without the address printed after it
            // (class "plain"): the addresses are one scan away (QR code) and stay links in a PDF.
            let tags = markTags(written: written, in: language, block: false)
            meta.reserveCapacity(meta.count + 64 + sources.count * 96)
            append("<p class=\"meta sources\">")
            appendEscaped(s["sources"] ?? "")
            append(": ")
            for (index, item) in sources.enumerated() {
                if index > 0 { append("; ") }
                if let tags { append(tags.open) }
                append("<a class=\"plain\" href=\"")
                appendEscaped(item.url)
                append("\">")
                appendEscaped(item.title)
                append("</a>")
                if let tags { append(tags.close) }
            }
            append("</p>")
        }
        if !meta.isEmpty { parts.append(LeafletPart(key: JoinedString.make(key, "-meta"), kind: "meta", content: .utf8(meta), lang: language)) }
        return parts
    }

    /// The office: address, phone, e-mail, opening hours, how to book, free interpreters
    /// (the same on every leaflet of a language: made once per render).
    func contactParts(language: String) -> [LeafletPart] {
        let html = repeatedTexts.text("contact\u{0}\(language)") { contactHTML(language: language) }
        return [heading("contact", strings(language)["contact"], language: language),
                LeafletPart(key: "contact", kind: "contact", html: html, lang: language)]
    }

    private func contactHTML(language: String) -> String {
        let s = strings(language)
        var lines: [String] = []
        if let office = config.office {
            func text(_ field: Office.Text?) -> (String, String)? { field?.value(for: language, source: source) }
            if let (name, written) = text(office.name) {
                lines.append(marked("<strong>\(HTML.escape(name))</strong>", written: written, in: language, block: false))
            }
            if let (address, written) = text(office.address) {
                // One line on paper: "Marktplatz 1, 12345 Musterstadt".
                let joined = address.split(separator: "\n").map { String($0).trimmingWhitespace }.joined(separator: ", ")
                lines.append(marked(HTML.escape(joined), written: written, in: language, block: false))
            }
            if let (phone, _) = text(office.phone) {
                let href = "tel:" + phone.filter { $0.isNumber || $0 == "+" }
                lines.append("\(HTML.escape(s["phone"] ?? "")): <a href=\"\(HTML.escape(href))\" dir=\"ltr\">\(HTML.escape(phone))</a>")
            }
            if let (email, _) = text(office.email) {
                lines.append("\(HTML.escape(s["email"] ?? "")): <a href=\"mailto:\(HTML.escape(email))\" dir=\"ltr\">\(HTML.escape(email))</a>")
            }
            if let (hours, written) = text(office.openingHours) {
                lines.append("\(HTML.escape(s["opening_hours"] ?? "")): " + marked(HTML.escape(hours), written: written, in: language, block: false))
            }
        }
        var html = lines.isEmpty ? "" : "<address>" + lines.joined(separator: "<br>\n") + "</address>\n"
        html += "<p>\(HTML.escape(s["leaflet_booking"] ?? ""))</p>\n<p>\(HTML.escape(s["leaflet_interpreters"] ?? ""))</p>"
        return html
    }

    private func disclaimerPart(language: String) -> LeafletPart {
        let html = repeatedTexts.text("disclaimer\u{0}\(language)") {
            "<p class=\"disclaimer\">\(HTML.escape(strings(language)["leaflet_disclaimer"] ?? ""))</p>"
        }
        return LeafletPart(key: "disclaimer", kind: "disclaimer", html: html, lang: language)
    }
}
