/// Parts of an advice page's view model that are the same for every reader
/// language, made once for the batch that renders all its languages.
///
/// Why: the `hreflang` alternates (the page's address in each language it is
/// translated into) were made again for each of its ten readers: ten
/// translation lookups and ten absolute URLs, for each of the ten (issue 10).
/// One memo belongs to one batch of outputs rendered by one thread
/// (``SiteRenderer``), so it needs no lock, and holds only the last page's parts.
final class PageViewMemo {
    private var path: String?
    private var alternates: [ViewModel] = []
    private var switcherPath: String?
    private var switcherHrefs: [String] = []
    /// The page's bodies, unpacked once for the page and its print versions in every language.
    let bodies = UnpackedBodyMemo()

    /// The alternates view of `path`, made by `make` unless it was the last page asked for.
    func alternates(_ path: String, make: () -> [ViewModel]) -> [ViewModel] {
        if path == self.path { return alternates }
        alternates = make()
        self.path = path
        return alternates
    }

    /// The language switcher's addresses for `path` (the page in each language, in the site's
    /// order), made by `make` unless it was the last page asked for: a page's readers in ten
    /// languages made the same ten URLs ten times (issue 10).
    func switcherHrefs(_ path: String, make: () -> [String]) -> [String] {
        if path == switcherPath { return switcherHrefs }
        switcherHrefs = make()
        switcherPath = path
        return switcherHrefs
    }
}
