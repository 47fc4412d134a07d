/// Which text of the site links to which page (and anchor) or questionnaire,
/// with where each link is written; and the reverse: who links to a page.
///
/// Built from the Markdown of every page and questionnaire text once, at
/// compile time. Anchors are checked on it (with the pages' heading ids),
/// and `lotse serve` uses the reverse edges to find the pages to check again
/// when a page changes.
public struct LinkGraph: Sendable {
    /// Where a link is written: a page file or a questionnaire texts file, in its own language.
    public enum Origin: Sendable, Hashable {
        case page(path: String, language: String)
        case questionnaire(id: String, language: String)

        public var language: String {
            switch self {
            case let .page(_, language), let .questionnaire(_, language): return language
            }
        }
    }

    public struct Edge: Sendable, Hashable {
        public var from: Origin
        public var target: LinkTarget
        /// Where the link is written (`content/de/work.md:12:5`).
        public var location: SourceLocation
    }

    public private(set) var edges: [Edge] = []
    /// Target path (page path or questionnaire id, by kind) → indices into `edges`.
    private var incoming: [LinkTarget.Kind: [String: [Int]]] = [:]
    /// Whether `incoming` is kept, for ``links(to:kind:)``. A one-shot build checks its links'
    /// anchors from `edges` alone and then lets the graph go: indexing them by their targets was
    /// about 0.1 G instructions at 10,000 pages, on one core between the parallel parts (issue 10).
    private let indexesTargets: Bool

    init(indexesTargets: Bool = true) {
        self.indexesTargets = indexesTargets
    }

    /// Room for `count` more links, added at once (not doubled into while adding).
    mutating func reserveCapacity(adding count: Int) {
        edges.reserveCapacity(edges.count + count)
    }

    mutating func add(_ links: [RenderedBody.SiteLink], from origin: Origin) {
        for link in links {
            let index = edges.count
            edges.append(Edge(from: origin, target: link.target, location: link.location))
            if indexesTargets { incoming[link.target.kind, default: [:]][link.target.path, default: []].append(index) }
        }
    }

    /// The links to a page (or, with `kind: .questionnaire`, to a questionnaire), any anchor.
    public func links(to path: String, kind: LinkTarget.Kind = .page) -> [Edge] {
        precondition(indexesTargets, "a link graph made without its index of targets")
        return (incoming[kind]?[path] ?? []).map { edges[$0] }
    }

    /// The links written in a file (its path as in diagnostics).
    public func links(from file: String) -> [Edge] {
        edges.filter { $0.location.path == file }
    }
}

extension LinkGraph {
    /// Replaces the links written in `origin` (`oldLinks`, as its text had
    /// them) with `newLinks`, in place: what `lotse serve` does after a page
    /// changed, without building the graph of the whole site again.
    mutating func replace(linksFrom origin: Origin, old oldLinks: [RenderedBody.SiteLink], with newLinks: [RenderedBody.SiteLink]) {
        precondition(indexesTargets, "a link graph made without its index of targets")
        var old = Set<Int>()
        for link in oldLinks {
            for index in incoming[link.target.kind]?[link.target.path] ?? [] where edges[index].from == origin {
                old.insert(index)
            }
        }
        // Highest first: the last edge, moved into each hole, is never one still to remove.
        for index in old.sorted(by: >) { removeEdge(at: index) }
        add(newLinks, from: origin)
    }

    private mutating func removeEdge(at index: Int) {
        let edge = edges[index]
        incoming[edge.target.kind]?[edge.target.path]?.removeAll { $0 == index }
        if incoming[edge.target.kind]?[edge.target.path]?.isEmpty == true {
            incoming[edge.target.kind]?[edge.target.path] = nil
        }
        let last = edges.count - 1
        if index != last {
            let moved = edges[last]
            edges[index] = moved
            if let i = incoming[moved.target.kind]?[moved.target.path]?.firstIndex(of: last) {
                incoming[moved.target.kind]![moved.target.path]![i] = index
            }
        }
        edges.removeLast()
    }
}
