import Mustache

/// Renders a page made of long lists (the translation status page: a row for each page of each
/// language) with one swift-mustache render of a small model.
///
/// Why: the status page of a 10,000-page site was 6 % of a build, nearly all of it swift-mustache
/// looking names up through `Any` casts and escaping texts by Character, row after row (issue 10).
/// Yet rows differ mostly in their texts. So each list named in `lists` is cut down to one item per
/// *shape* (keys, flags, and the shapes its own lists hold), every text of the model is replaced by
/// a numbered marker, and that model is rendered with ``ListMarkers``' templates, which print a
/// marker at the start and the end of each item's section body. The render is cut into a tree
/// (pieces of bytes, texts, and runs of item bodies), and the page is written by walking the real
/// model: each real item gets the body of the item of its shape, with its own texts filled in,
/// escaped where the template escapes them (``MustacheEscape``).
///
/// That is what swift-mustache renders because it renders a section over a list as the body
/// rendered for each item, one after the other, each alike for items of one shape apart from the
/// texts it prints (no transforms, `{{.}}` or lambdas read a text: ``TemplateSkeletons/isUsable(_:)``
/// and ``ListMarkers`` check that); names an item lacks are found in the enclosing objects, which
/// are the real counterparts of the small model's. Anything unexpected makes ``render`` return nil.
struct ListSkeleton {
    /// The list keys, the library from ``ListMarkers/library(_:template:lists:base:)`` and its template.
    let lists: Set<String>
    let library: MustacheLibrary
    let template: String

    /// The page, or nil (then render it as it is).
    func render(_ model: [String: Any]) -> [UInt8]? {
        var reduction = Reduction(lists: lists)
        guard let small = reduction.reduce(model, id: 0), !reduction.overflow,
              let html = library.render(small, withTemplate: template) else { return nil }
        let rendered = Array(html.utf8)
        var cut = Cut(bytes: rendered, reduction: reduction)
        guard let tree = cut.tree() else { return nil }
        var expansion = Expansion(rendered: rendered, reduction: reduction, top: model)
        guard expansion.expand(tree) else { return nil }
        return expansion.out
    }

    /// What a marker stands for.
    enum Marker {
        /// The text under `key` in an object of the small model.
        case text(object: Int, key: String)
        /// The start or end of a list item's section body.
        case begin(object: Int)
        case end(object: Int)
    }

    /// An object of the small model: the model (0), an item standing for the items of its shape
    /// in a list (`list`), or an object reached from its `parent` by `key` (and `index` in a list not cut down).
    struct Object {
        var parent: Int
        var key: String
        var index: Int?
        var list: Int?
        var position = 0
    }

    /// A list cut down: whose (`owner`, `key`), its items' objects in order, their positions by shape.
    struct List {
        var owner: Int
        var key: String
        var items: [Int] = []
        var byShape: [Int: Int] = [:]
    }

    /// The small model, made from the real one, and what its markers and objects stand for.
    struct Reduction {
        let lists: Set<String>
        let shapes: Shapes
        var markers: [Marker] = []
        var objects: [Object] = [Object(parent: -1, key: "")]
        var reduced: [List] = []

        init(lists: Set<String>) {
            self.lists = lists
            shapes = Shapes(lists: lists)
        }

        /// Set when there are more markers than compact markers can number.
        private(set) var overflow = false

        private mutating func marker(_ marker: Marker) -> String {
            guard markers.count < TemplateSkeletons.compactCount else {
                overflow = true
                return ""
            }
            markers.append(marker)
            return TemplateSkeletons.compactMarker(markers.count - 1)
        }

        /// The small model of the object numbered `id`; nil for a value it cannot stand for.
        mutating func reduce(_ object: Any, id: Int) -> [String: Any]? {
            var result: [String: Any] = [:]
            guard let entries = ListSkeleton.entries(object) else { return nil }
            for (key, value) in entries {
                guard !key.hasPrefix("__lotse") else { return nil }
                if lists.contains(key) {
                    guard let items = ListSkeleton.items(value), let itemShapes = shapes.items(value) else { return nil }
                    let number = reduced.count
                    reduced.append(List(owner: id, key: key))
                    var small: [[String: Any]] = []
                    for (item, shape) in zip(items, itemShapes) {
                        if reduced[number].byShape[shape] != nil { continue }
                        let child = objects.count
                        objects.append(Object(parent: id, key: key, list: number, position: reduced[number].items.count))
                        reduced[number].byShape[shape] = reduced[number].items.count
                        reduced[number].items.append(child)
                        guard var smallItem = reduce(item, id: child) else { return nil }
                        smallItem[ListMarkers.begin] = marker(.begin(object: child))
                        smallItem[ListMarkers.end] = marker(.end(object: child))
                        small.append(smallItem)
                    }
                    result[key] = small
                    continue
                }
                switch ObjectIdentifier(type(of: value)) {
                case ObjectIdentifier(String.self):
                    result[key] = marker(.text(object: id, key: key))
                case ObjectIdentifier(Bool.self):
                    result[key] = value
                default:
                    if ListSkeleton.entries(value) != nil {
                        let child = objects.count
                        objects.append(Object(parent: id, key: key))
                        guard let small = reduce(value, id: child) else { return nil }
                        result[key] = small
                    } else if let items = ListSkeleton.items(value) {
                        var small: [[String: Any]] = []
                        for (index, item) in items.enumerated() {
                            let child = objects.count
                            objects.append(Object(parent: id, key: key, index: index))
                            guard let smallItem = reduce(item, id: child) else { return nil }
                            small.append(smallItem)
                        }
                        result[key] = small
                    } else {
                        return nil
                    }
                }
            }
            return result
        }
    }

    /// A dictionary's entries (of the two kinds view models hold), or nil.
    static func entries(_ value: Any) -> [(String, Any)]? {
        switch ObjectIdentifier(type(of: value)) {
        case ObjectIdentifier([String: Any].self): return (value as! [String: Any]).map { ($0.key, $0.value) }
        case ObjectIdentifier([String: String].self): return (value as! [String: String]).map { ($0.key, $0.value as Any) }
        default: return nil
        }
    }

    /// A list's items if it holds only dictionaries of those two kinds (by their exact types: a
    /// cast would convert a list of one kind into the other, element by element), or nil.
    static func items(_ value: Any) -> [Any]? {
        switch ObjectIdentifier(type(of: value)) {
        case ObjectIdentifier([[String: Any]].self): return (value as! [[String: Any]]).map { $0 }
        case ObjectIdentifier([[String: String]].self): return (value as! [[String: String]]).map { $0 }
        case ObjectIdentifier([Any].self):
            let list = value as! [Any]
            return list.allSatisfy { entries($0) != nil } ? list : nil
        default: return nil
        }
    }

    /// The shapes of the real model's list items: what an item's render depends on beyond its
    /// texts (its keys, flags, and the shapes its own lists hold), numbered. A cut-down list is the
    /// set of its items' shapes (each item of a shape renders alike); another list, its items' shapes in order.
    ///
    /// Each long cut-down list's shapes are kept by the address of its items (the model holds them, and so
    /// does this), so each item's shape is made once a page (a language's shape holds its rows' shapes;
    /// making them again for the language, its rows and the walk was most of the fast path's time).
    final class Shapes {
        let lists: Set<String>
        private var numbers: [String: Int] = [:]
        private var known: [UnsafeRawPointer: (list: Any, shapes: [Int])] = [:]
        /// The shortest list whose shapes are kept.
        static let keptLength = 16

        init(lists: Set<String>) {
            self.lists = lists
        }

        /// The shapes of a cut-down list's items, or nil (a value that is no such list, or an item of no shape).
        func items(_ value: Any) -> [Int]? {
            let address: UnsafeRawPointer?
            switch ObjectIdentifier(type(of: value)) {
            case ObjectIdentifier([[String: Any]].self): address = (value as! [[String: Any]]).withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            case ObjectIdentifier([[String: String]].self): address = (value as! [[String: String]]).withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            case ObjectIdentifier([Any].self): address = (value as! [Any]).withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            default: return nil
            }
            if let address, let found = known[address] { return found.shapes }
            guard let items = ListSkeleton.items(value) else { return nil }
            var shapes: [Int] = []
            shapes.reserveCapacity(items.count)
            for item in items {
                guard let shape = shape(item) else { return nil }
                shapes.append(shape)
            }
            // Long lists only: short ones (a row's changed sections) are quick to read again, and kept
            // they would be an entry per row.
            if let address, shapes.count >= Self.keptLength { known[address] = (value, shapes) }
            return shapes
        }

        /// An item's shape, or nil for a value the fast path cannot stand for.
        func shape(_ item: Any) -> Int? {
            // Built as bytes: appending to a String was most of making a shape.
            var key: [UInt8] = []
            key.reserveCapacity(128)
            guard add(item, to: &key, cut: false) else { return nil }
            let text = String(decoding: key, as: UTF8.self)
            if let number = numbers[text] { return number }
            numbers[text] = numbers.count
            return numbers.count - 1
        }

        private func add(_ value: Any, to key: inout [UInt8], cut: Bool) -> Bool {
            switch ObjectIdentifier(type(of: value)) {
            case ObjectIdentifier(String.self):
                key.append(UInt8(ascii: "$"))
            case ObjectIdentifier(Bool.self):
                key.append(UInt8(ascii: value as! Bool ? "T" : "F"))
            case ObjectIdentifier([String: String].self):
                let dictionary = value as! [String: String]
                key.append(UInt8(ascii: "{"))
                for name in dictionary.keys.sorted() {
                    key.append(contentsOf: name.utf8)
                    key.append(UInt8(ascii: ":"))
                    key.append(UInt8(ascii: lists.contains(name) ? "!" : "$"))
                    key.append(UInt8(ascii: ";"))
                }
                key.append(UInt8(ascii: "}"))
            case ObjectIdentifier([String: Any].self):
                let dictionary = value as! [String: Any]
                key.append(UInt8(ascii: "{"))
                for name in dictionary.keys.sorted() {
                    key.append(contentsOf: name.utf8)
                    key.append(UInt8(ascii: ":"))
                    guard add(dictionary[name]!, to: &key, cut: lists.contains(name)) else { return false }
                    key.append(UInt8(ascii: ";"))
                }
                key.append(UInt8(ascii: "}"))
            default:
                if cut {
                    guard let shapes = items(value) else { return false }
                    key.append(UInt8(ascii: "<"))
                    for shape in (shapes.count < 2 ? shapes : Set(shapes).sorted()) {
                        key.append(contentsOf: String(shape).utf8)
                        key.append(UInt8(ascii: ","))
                    }
                    key.append(UInt8(ascii: ">"))
                } else {
                    guard let items = ListSkeleton.items(value) else { return false }
                    key.append(UInt8(ascii: "["))
                    for item in items {
                        guard add(item, to: &key, cut: false) else { return false }
                        key.append(UInt8(ascii: ","))
                    }
                    key.append(UInt8(ascii: "]"))
                }
            }
            return true
        }
    }

    /// A piece of the cut render.
    indirect enum Piece {
        case bytes(Range<Int>)
        case text(marker: Int, escaped: Bool)
        /// A section over a cut-down list: the body of each of its items, in order.
        case run(list: Int, bodies: [[Piece]])
    }

    /// Cuts the small model's render at its markers into pieces; nil unless every list item's body
    /// is where its markers say and the items of each list follow one another, all of them.
    struct Cut {
        let bytes: [UInt8]
        let reduction: Reduction
        private var events: [(start: Int, end: Int, marker: Int, escaped: Bool)] = []
        private var next = 0
        private var position = 0

        init(bytes: [UInt8], reduction: Reduction) {
            self.bytes = bytes
            self.reduction = reduction
        }

        mutating func tree() -> [Piece]? {
            guard let found = TemplateSkeletons.compactMarkers(bytes, count: reduction.markers.count) else { return nil }
            events = found
            return sequence(until: nil)
        }

        /// Pieces up to the end marker of `object` (nil: to the end of the render).
        private mutating func sequence(until object: Int?) -> [Piece]? {
            var pieces: [Piece] = []
            var run: (list: Int, bodies: [[Piece]])?
            /// Whether the run, if any, has all its items (then it becomes a piece).
            func close() -> Bool {
                guard let open = run else { return true }
                guard open.bodies.count == reduction.reduced[open.list].items.count else { return false }
                pieces.append(.run(list: open.list, bodies: open.bodies))
                run = nil
                return true
            }
            while true {
                let start = next < events.count ? events[next].start : bytes.count
                if start > position {
                    guard close() else { return nil }
                    pieces.append(.bytes(position..<start))
                }
                guard next < events.count else {
                    position = bytes.count
                    return object == nil && close() ? pieces : nil
                }
                let event = events[next]
                next += 1
                position = event.end
                switch reduction.markers[event.marker] {
                case .text:
                    guard close() else { return nil }
                    pieces.append(.text(marker: event.marker, escaped: event.escaped))
                case let .end(ended):
                    return ended == object && close() ? pieces : nil
                case let .begin(begun):
                    let item = reduction.objects[begun]
                    // (An item may begin inside its own body: a section over its list inside it renders the list again.)
                    guard let list = item.list else { return nil }
                    if let open = run, open.list == list, open.bodies.count < reduction.reduced[list].items.count {
                        guard item.position == open.bodies.count else { return nil }
                    } else {
                        guard close(), item.position == 0 else { return nil }
                        run = (list, [])
                    }
                    guard let body = sequence(until: begun) else { return nil }
                    run!.bodies.append(body)
                }
            }
        }
    }

    /// Writes the page from the tree and the real model.
    struct Expansion {
        let rendered: [UInt8]
        let reduction: Reduction
        let top: [String: Any]
        var out: [UInt8] = []
        /// The real item each item of the small model stands for at this point of the walk.
        private var current: [Any?]

        init(rendered: [UInt8], reduction: Reduction, top: [String: Any]) {
            self.rendered = rendered
            self.reduction = reduction
            self.top = top
            current = Array(repeating: nil, count: reduction.objects.count)
        }

        /// The real object standing where the small model's object `id` stands, or nil.
        private func real(_ id: Int) -> Any? {
            if id == 0 { return top }
            let object = reduction.objects[id]
            if object.list != nil { return current[id] }
            guard let parent = real(object.parent), let value = ListSkeleton.value(parent, object.key) else { return nil }
            guard let index = object.index else { return value }
            guard let items = ListSkeleton.items(value), index < items.count else { return nil }
            return items[index]
        }

        mutating func expand(_ pieces: [Piece]) -> Bool {
            for piece in pieces {
                switch piece {
                case let .bytes(range):
                    out.append(contentsOf: rendered[range])
                case let .text(marker, escaped):
                    guard case let .text(object, key) = reduction.markers[marker], let owner = real(object),
                          let text = ListSkeleton.value(owner, key) as? String else { return false }
                    if escaped, MustacheEscape.needsEscaping(text) {
                        out.append(contentsOf: MustacheEscape.html(text).utf8)
                    } else {
                        out.append(contentsOf: text.utf8)
                    }
                case let .run(number, bodies):
                    let list = reduction.reduced[number]
                    guard let owner = real(list.owner), let value = ListSkeleton.value(owner, list.key),
                          let items = ListSkeleton.items(value), let shapes = reduction.shapes.items(value) else { return false }
                    for (item, shape) in zip(items, shapes) {
                        guard let position = list.byShape[shape] else { return false }
                        let id = list.items[position]
                        let saved = current[id]
                        current[id] = item
                        guard expand(bodies[position]) else { return false }
                        current[id] = saved
                    }
                }
            }
            return true
        }
    }

    /// The value under `key` in a dictionary of either kind.
    static func value(_ object: Any, _ key: String) -> Any? {
        switch ObjectIdentifier(type(of: object)) {
        case ObjectIdentifier([String: Any].self): return (object as! [String: Any])[key]
        case ObjectIdentifier([String: String].self): return (object as! [String: String])[key]
        default: return nil
        }
    }
}
