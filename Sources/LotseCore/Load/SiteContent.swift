import Foundation

/// Everything read from `content/` and `templates/`, before validation and rendering.
struct SiteContent: Sendable {
    struct TextFile: Sendable {
        var text: String
        var displayPath: String
    }

    var config: SiteConfig
    /// Source-language pages by path (drafts left out), the pages that define the site.
    var sourcePages: [String: PageSource]
    /// Translations: language → path → page (source language not included).
    var translations: [String: [String: PageSource]]
    /// `content/questionnaires/<id>.yaml` by id.
    var questionnaireLogic: [String: TextFile]
    /// `content/<lang>/questionnaires/<id>.yaml`: language → id → file.
    var questionnaireTexts: [String: [String: TextFile]]

    /// Translations marked `draft: true` (being translated, not built): language → path → page.
    var draftTranslations: [String: [String: PageSource]] = [:]
    /// `content/facts.yaml` (and the office block of site.yaml).
    var facts = FactTable()
    /// `content/glossary.yaml`.
    var glossary = Glossary()
    /// Each language's record of the source versions its translations follow.
    var records: [String: SourceRecord] = [:]
    /// Translations whose source changed since they were made: language → page paths.
    var outdatedPages: [String: Set<String>] = [:]
    /// The sections of source pages (see ``SourceSections/page(_:)``), by
    /// path, computed once for translation tracking: hashing them is its slow
    /// part, and every language compares against the same source. Whoever
    /// replaces a source page replaces (or removes) its entry too.
    var sourceSections: [String: [TextSection]] = [:]

    /// All page paths, sorted.
    var pagePaths: [String] = []
    /// Source pages with `draft: true` (not built).
    var draftPaths: Set<String> = []
    /// Source-language pages whose file could not be read or parsed (already
    /// reported): links, translations and outcomes naming them are not
    /// reported again, so one broken file gives one error, not a cascade.
    var unreadablePaths: Set<String> = []
    /// The pages listed on each home or section page, by `order` then path:
    /// a page belongs to its nearest ancestor folder that has an index page
    /// (`work/index.md` lists `work/permit.md`), else to the home page.
    var children: [String: [String]] = [:]

    /// Every page that is built: source pages, then translations, each by
    /// path, languages in code order (a stable order for deterministic work).
    var allPages: [PageSource] {
        // By sorted keys (each page's path), copying each page once: sorting the pages
        // themselves moved every one several times (issue 10).
        var pages: [PageSource] = []
        pages.reserveCapacity(translations.values.reduce(sourcePages.count) { $0 + $1.count })
        forEachPage { pages.append($0) }
        return pages
    }

    /// Hands every page of ``allPages`` to `body`, in its order, without
    /// making that array (a copy of every page: about 3 MB at 10,000 pages,
    /// made while the checks held the most; issue 10).
    func forEachPage(_ body: (PageSource) -> Void) {
        for path in sortedPaths(of: sourcePages) { body(sourcePages[path]!) }
        for code in translations.keys.sorted() {
            let pages = translations[code]!
            for path in sortedPaths(of: pages) { body(pages[path]!) }
        }
    }

    /// `pages`' paths, sorted: those of ``pagePaths`` (sorted once) that `pages` has, when
    /// that is all of them, as it is for the source pages and (nearly always) for each
    /// language's translations; else its keys sorted. Every build walks all pages three
    /// times, and sorting each language's paths again each time was half a percent of it (issue 10).
    private func sortedPaths(of pages: [String: PageSource]) -> [String] {
        var found: [String] = []
        found.reserveCapacity(pages.count)
        for path in pagePaths where pages.index(forKey: path) != nil { found.append(path) }
        // `pagePaths` holds each path once: finding as many as `pages` has is finding them all.
        return found.count == pages.count ? found : pages.keys.sorted()
    }

    /// Empties every page's Markdown and the source sections kept for
    /// tracking: for a build, once tracking is done and the pages are being
    /// rendered (their Markdown is read no more; see ``CompileOptions/keepsMarkdown``).
    mutating func dropMarkdown() {
        sourcePages.changeEachValue { $0.body = "" }
        Self.changeEach(&translations) { $0.body = "" }
        Self.changeEach(&draftTranslations) { $0.body = "" }
        sourceSections = [:]
    }

    /// Forgets where each translation's Markdown is to be read again
    /// (``DeferredBody``, with the file's URL and paths): for a build, once
    /// every page's Markdown is rendered.
    mutating func dropDeferredBodies() {
        Self.changeEach(&translations) { $0.deferredBody = nil }
        Self.changeEach(&draftTranslations) { $0.deferredBody = nil }
    }

    /// Changes every page of these languages in place, through the dictionaries' values: no key
    /// hashed, no list of keys made (this runs on one core between the parallel parts; issue 10).
    private static func changeEach(_ pages: inout [String: [String: PageSource]], _ change: (inout PageSource) -> Void) {
        pages.changeEachValue { $0.changeEachValue(change) }
    }

    /// The nearest section page above `path` ("" is the home page).
    func section(of path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        while !parts.isEmpty {
            parts.removeLast()
            let candidate = parts.joined(separator: "/")
            if sourcePages[candidate] != nil { return candidate }
        }
        return ""
    }

    mutating func indexPages() {
        pagePaths = sourcePages.keys.sorted()
        var lists: [String: [String]] = [:]
        for path in pagePaths where !path.isEmpty {
            lists[section(of: path), default: []].append(path)
        }
        children = lists.mapValues { paths in
            paths.sorted { (sourcePages[$0]?.order ?? Int.max, $0) < (sourcePages[$1]?.order ?? Int.max, $1) }
        }
    }

    /// The page readers of `language` get at `path`: its translation; else
    /// the translation in the first of the language's `fallback` languages
    /// that has one; else the source page. A `critical: true` source page is
    /// served from the source while a translation of it is outdated. The
    /// page's `language` says which one it is.
    func page(_ path: String, in language: String) -> (page: PageSource, isFallback: Bool)? {
        guard let (code, isFallback) = servedLanguage(path, in: language) else { return nil }
        let page = code == config.sourceLanguage ? sourcePages[path] : translations[code]?[path]
        return page.map { ($0, isFallback) }
    }

    /// The language of the page ``page(_:in:)`` gives, without copying the
    /// page (a large value): the link checks ask this for every link in every
    /// language, and copying the page for it was most of their time (issue 10).
    func servedLanguage(_ path: String, in language: String) -> (language: String, isFallback: Bool)? {
        guard let sourceIndex = sourcePages.index(forKey: path) else { return nil }
        let sourceLanguage = config.sourceLanguage
        guard language != sourceLanguage else { return (language, false) }
        let fallback = config.fallback(of: language)
        // The language itself, then its fallbacks.
        for index in -1..<fallback.count {
            let code = index < 0 ? language : fallback[index]
            guard code != sourceLanguage, translations[code]?.index(forKey: path) != nil else { continue }
            // `critical` through the index found above, and asked first: most pages are not critical,
            // and looking up the outdated pages hashed the path twice more for each (issue 10).
            if sourcePages.values[sourceIndex].critical, isOutdated(path, in: code) { break }
            return (code, code != language)
        }
        return (sourceLanguage, true)
    }

    /// `page(path, in: language)?.page.reviewed` without copying the page: the
    /// sitemap asks it for every page in every language (issue 10).
    func reviewed(_ path: String, in language: String) -> Day? {
        guard let (code, _) = servedLanguage(path, in: language) else { return nil }
        let pages = code == config.sourceLanguage ? sourcePages : translations[code]
        guard let pages, let index = pages.index(forKey: path) else { return nil }
        return pages.values[index].reviewed
    }

    func isOutdated(_ path: String, in language: String) -> Bool {
        outdatedPages[language]?.contains(path) ?? false
    }
}

/// Reads the content folder: `site.yaml`, each language's pages, strings and questionnaires.
enum ContentLoader {
    /// - Parameters:
    ///   - defersTranslationBodies: let each translation's Markdown go once
    ///     parsed, to be read again when rendered (``DeferredBody``; a one-shot build).
    ///   - marksOutdatedTranslations: find the translations whose source changed
    ///     (``SiteContent/markOutdatedTranslations()``) now; false leaves that to the
    ///     caller, who has the source pages' sections later (``SiteCompiler``).
    static func load(contentDir: URL, displayPath: String, log: DiagnosticLog,
                     defersTranslationBodies: Bool = false, marksOutdatedTranslations: Bool = true) throws(LotseError) -> SiteContent {
        let siteDisplay = ContentTree.join(displayPath, "site.yaml")
        guard SourceText.entryExists(in: contentDir, "site.yaml") else {
            throw LotseError(at: SourceLocation(path: siteDisplay), "no site.yaml: is '\(displayPath)' a Lotse content folder?")
        }
        let config = try SiteConfig.load(text: try SourceText.read(in: contentDir, "site.yaml", displayPath: siteDisplay), path: siteDisplay, log: log)
        let codes = Set(config.languages.map(\.code))

        var content = SiteContent(config: config, sourcePages: [:], translations: [:], questionnaireLogic: [:], questionnaireTexts: [:])
        content.facts = FactTable.load(contentDir: contentDir, displayPath: displayPath, config: config, log: log)
        content.config.office = content.facts.office
        content.glossary = Glossary.load(contentDir: contentDir, displayPath: displayPath, config: config, log: log)
        struct PageFile: Sendable {
            var file: ContentTree.File
            var language: String
            var path: String
            var relativePath: String
        }
        var pageFiles: [PageFile] = []
        let files = ContentTree.files(in: contentDir, displayPrefix: displayPath)
        var warnedFolders = Set<String>()
        for file in files {
            // Substrings of the path: a String for each part of 10,000 paths was a tenth of loading, on one core.
            let parts = ContentTree.segments(file.relativePath[...])
            guard parts.count >= 2 else {
                if !["site.yaml", FactTable.fileName, Glossary.fileName].contains(file.relativePath) {
                    log.warning(at: SourceLocation(path: file.displayPath), "file is not used (content files go into a language folder or questionnaires/)")
                }
                continue
            }
            let top = String(parts[0])
            if top == "questionnaires" {
                if parts.count == 2, parts[1].hasSuffix(".yaml") {
                    let id = String(parts[1].dropLast(5))
                    if let text = read(file, log: log) {
                        content.questionnaireLogic[id] = .init(text: text, displayPath: file.displayPath)
                    }
                } else {
                    log.warning(at: SourceLocation(path: file.displayPath), "file is not used (questionnaires/ holds <id>.yaml files)")
                }
                continue
            }
            guard codes.contains(top) else {
                if warnedFolders.insert(top).inserted {
                    log.warning(at: SourceLocation(path: ContentTree.join(displayPath, top)),
                                "folder '\(top)' is not a language listed in site.yaml; its files are not used")
                }
                continue
            }
            let inner = String(file.relativePath[parts[1].startIndex...])
            if inner == "strings.yaml" { continue }  // read by StringCatalog
            if parts.count == 3, parts[1] == "questionnaires", parts[2].hasSuffix(".yaml") {
                let id = String(parts[2].dropLast(5))
                if let text = read(file, log: log) {
                    content.questionnaireTexts[top, default: [:]][id] = .init(text: text, displayPath: file.displayPath)
                }
                continue
            }
            guard inner.hasSuffix(".md") else {
                log.warning(at: SourceLocation(path: file.displayPath), "file is not used (pages are .md files)")
                continue
            }
            let segments = ContentTree.segments(inner.dropLast(3))
            guard segments.allSatisfy(ContentTree.isSafeSegment) else {
                log.error(at: SourceLocation(path: file.displayPath),
                          "file and folder names become URLs: use only ASCII letters, digits, '-', '_' and '.' (not at the start)")
                continue
            }
            // The page's path: the file's without `.md`, and without a last segment `index`.
            let stem = inner.dropLast(3)
            let path = segments.last == "index" ? String(stem.dropLast(segments.count > 1 ? 6 : 5)) : String(stem)
            pageFiles.append(PageFile(file: file, language: top, path: path, relativePath: inner))
        }
        // Reading and parsing front matter is the slow part of loading: do it on all cores.
        let folders = SourceFolders(root: contentDir)
        var parsed = pageFiles.parallelMap { job -> PageSource? in
            let data: Data
            let text: String
            let defers = defersTranslationBodies && job.language != config.sourceLanguage
            // A body read again when rendered need not be made a String now: only its front matter is.
            var head: (text: String, bodyOffset: Int)?
            do throws(LotseError) {
                data = try SourceText.readData(in: job.file.root, job.file.relativePath, displayPath: job.file.displayPath,
                                               folders: folders)
                head = defers ? SourceText.decodeHead(data) : nil
                if let head { text = head.text } else { text = try SourceText.decode(data, displayPath: job.file.displayPath) }
            } catch {
                log.add(contentsOf: error)
                return nil
            }
            var page = PageSource.parse(text: text, language: job.language, path: job.path, relativePath: job.relativePath,
                                        displayPath: job.file.displayPath, log: log, keepsBody: !defers)
            if defers, page != nil {
                page!.deferredBody = head.map { DeferredBody(file: job.file, data: data, bodyOffset: $0.bodyOffset) }
                    ?? DeferredBody(file: job.file, data: data, text: text)
            }
            return page
        }
        // The pages are moved out of `parsed` (`take()`) into the site's dictionaries: a page holds a
        // dozen texts, and copying 10,000 of them into another array and then into the dictionaries
        // (growing as they filled) was a sixth of loading, on one core (issue 10).
        var languageCounts: [String: Int] = [:]
        for (index, job) in pageFiles.enumerated() {
            if parsed[index] == nil {
                if job.language == config.sourceLanguage { content.unreadablePaths.insert(job.path) }
            } else {
                languageCounts[job.language, default: 0] += 1
            }
        }

        // `work.md` and `work/index.md` would both be /<lang>/work/.
        var seen: [String: String] = [:]
        seen.reserveCapacity(parsed.count)
        content.sourcePages.reserveCapacity(languageCounts[config.sourceLanguage] ?? 0)
        var drafts = Set<String>()
        for index in parsed.indices {
            guard let page = parsed[index] else { continue }
            let key = "\(page.language)/\(page.path)"
            if let first = seen[key] {
                log.error(at: page.file, "this file and \(first) would both be the page /\(key)/; remove or rename one")
            } else {
                seen[key] = page.file.path
            }
            // Facts are filled into page bodies and questionnaire texts; a title or summary is shown
            // as written (it is also a list entry, a <title> and a link text in every language), so
            // a placeholder there would reach readers as `{{office.phone}}`.
            // No `{{` in the bytes, no placeholder: the pattern search was a tenth of loading, on one core.
            if page.title.containsBytes("{{") || page.summary?.containsBytes("{{") == true {
                for (field, text) in [("title", page.title), ("summary", page.summary ?? "")]
                where text.containsBytes("{{") && !FactTable.placeholders(in: text).isEmpty {
                    log.warning(at: page.file, "\(field) uses a fact placeholder, which titles and summaries do not fill in: write the text itself (facts work in the page's text)")
                }
            }
            guard page.language == config.sourceLanguage else { continue }
            // The source language defines the site.
            if page.draft {
                drafts.insert(page.path)
            } else if content.sourcePages[page.path] == nil {
                content.sourcePages[page.path] = parsed[index].take()
            }
        }
        content.draftPaths = drafts
        for index in parsed.indices {
            guard let page = parsed[index], page.language != config.sourceLanguage else { continue }
            if page.draft {
                if content.sourcePages[page.path] != nil {
                    content.draftTranslations[page.language, default: [:]][page.path] = parsed[index].take()
                }
            } else if content.sourcePages[page.path] != nil {
                if content.translations[page.language] == nil {
                    content.translations[page.language] = Dictionary(minimumCapacity: languageCounts[page.language] ?? 0)
                }
                content.translations[page.language]![page.path] = parsed[index].take()
            } else if !drafts.contains(page.path) && !content.unreadablePaths.contains(page.path) {
                let expected = ContentTree.join(ContentTree.join(displayPath, config.sourceLanguage), page.path.isEmpty ? "index.md" : page.path + ".md")
                log.error(at: page.file, "translation of a page that does not exist in the source language (\(config.sourceLanguage)): there is no \(expected)")
            }
        }
        content.indexPages()
        if marksOutdatedTranslations {
            content.trackSourceVersions(contentDir: contentDir, displayPath: displayPath, log: log)
        } else {
            content.loadSourceRecords(contentDir: contentDir, displayPath: displayPath, log: log)
        }
        if content.sourcePages[""] == nil, !config.languages.isEmpty, !content.unreadablePaths.contains("") {
            log.error(at: SourceLocation(path: ContentTree.join(displayPath, "\(config.sourceLanguage)/index.md")),
                      "the source language has no home page (index.md)")
        }
        return content
    }

    private static func read(_ file: ContentTree.File, log: DiagnosticLog) -> String? {
        do {
            return try SourceText.read(file)
        } catch {
            log.add(contentsOf: error)
            return nil
        }
    }
}
