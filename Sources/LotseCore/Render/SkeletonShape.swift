import Foundation

extension TemplateSkeletons {
    /// A model's shape as a key, and its texts in the order ``makeSkeleton`` numbers them.
    ///
    /// Read for every page, so the key is built as bytes, each dictionary's
    /// entries sorted once (no lookup per key), and the value types views
    /// are made of recognised by their exact type before any cast: a cast of
    /// `[String: String]` to `[String: Any]` (which the switch below does for
    /// any other type) copies the whole dictionary.
    ///
    /// Not copyable: it owns its key's bytes (``ShapeBytes``).
    struct Shape: ~Copyable {
        /// The key's bytes, written through a pointer (``ShapeBytes``).
        private var bytes: ShapeBytes
        var texts: [Text] = []
        let numbersAreTexts: Bool
        /// The `lang` of a model whose interface strings are its language's known table, and where the key names it.
        private(set) var language: String?
        private var languageRange: Range<Int>?
        /// Whether `current` flags are read apart (``FlagSkeleton``): marked `C` in the key, their values
        /// in `flags` (in the order ``FlagSkeleton`` numbers their objects) and at the key's end.
        let sharesFlags: Bool
        private(set) var flags: [Bool] = []
        private var flagMarks: [UInt8] = []
        /// False when a `current` key holds something else than a flag (then no flags are shared).
        private(set) var flagsShared = true

        /// The shape's key: its bytes, `current` flags last (compared as bytes, never made a String).
        var key: ShapeKey {
            var key = Array(bytes.buffer)
            key.append(contentsOf: flagMarks)
            return ShapeKey(bytes: key)
        }

        /// ``key`` with the number of the language's table's keys in place of its `lang` (``sharedSkeletons``),
        /// and without its `current` flags unless `withFlags` (``flagSkeletons``).
        func sharedKey(tableKeys: Int, withFlags: Bool) -> String? {
            guard let range = languageRange else { return nil }
            let bytes = Array(self.bytes.buffer)
            return String(decoding: bytes[..<range.lowerBound], as: UTF8.self) + "#\(tableKeys)"
                + String(decoding: withFlags || !flagsShared ? bytes[range.upperBound...] + flagMarks : bytes[range.upperBound...], as: UTF8.self)
        }

        /// Reads a `current` flag apart; false for any other value under that name (read as before).
        private mutating func readFlag(_ value: Bool?) -> Bool {
            guard let value else {
                flagsShared = false
                return false
            }
            mark("C")
            flags.append(value)
            flagMarks.append(UInt8(ascii: value ? "T" : "F"))
            mark(";")
            return true
        }

        /// The mark of a model's known interface strings: its `lang`.
        private mutating func markStrings(lang: String) {
            append("s@")
            let start = bytes.count
            append(lang)
            language = lang
            languageRange = start..<bytes.count
            append("\u{0};")
        }

        /// `FlagSkeleton.flag`'s length, as a constant (a test checks it).
        static let flagLength = 7

        /// `texts`: room for as many texts as the last model of the template had (no array grown text by text).
        init(template: String, numbersAreTexts: Bool, sharesFlags: Bool = false, texts: Int = 0) {
            self.numbersAreTexts = numbersAreTexts
            self.sharesFlags = sharesFlags
            bytes = ShapeBytes(capacity: 2048)
            self.texts.reserveCapacity(texts)
            append(template)
        }

        @inline(__always)
        private mutating func append(_ text: String) {
            // Read in place (a copy to call `withUTF8` on was a retain and release per name).
            if text.utf8.withContiguousStorageIfAvailable({ bytes.append($0) }) == nil {
                for byte in text.utf8 { bytes.append(byte) }
            }
        }

        /// One ASCII mark of the key (a byte, not a String's bytes: most of what a key is made of).
        @inline(__always)
        private mutating func mark(_ mark: Unicode.Scalar) {
            bytes.append(UInt8(ascii: mark))
        }

        /// False for a value Mustache might read in other ways than printing it.
        mutating func read(_ model: [String: Any], top: Bool) -> Bool {
            mark("{")
            let complete = Self.withSortedIndices(model) { indices in
                for index in indices {
                    let (name, value) = model[index]
                    append(name)
                    mark(":")
                    if sharesFlags, name == FlagSkeleton.flag,
                       readFlag(ObjectIdentifier(type(of: value)) == ObjectIdentifier(Bool.self) ? value as? Bool : nil) { continue }
                    if top, name == "s", value is [String: String] {
                        // The interface strings: the same for every page of a language.
                        guard let lang = model["lang"] as? String else { return false }
                        markStrings(lang: lang)
                        continue
                    }
                    guard self.read(value: value) else { return false }
                    mark(";")
                }
                return true
            }
            guard complete else { return false }
            mark("}")
            return true
        }

        /// A ``ViewModel``: as ``read(_:top:)`` reads its dictionary, its entries in the order they are kept.
        mutating func read(_ model: ViewModel, top: Bool) -> Bool {
            mark("{")
            // Read in place: a copy of each entry was a retain and release of its name and value.
            let complete = model.entries.withUnsafeBufferPointer { entries in readEntries(entries, of: model, top: top) }
            guard complete else { return false }
            mark("}")
            return true
        }

        private mutating func readEntries(_ entries: UnsafeBufferPointer<(key: String, value: ViewModel.Value)>,
                                          of model: ViewModel, top: Bool) -> Bool {
            for index in entries.indices {
                // Read where they are kept (no copy of the name or the value to release again).
                append(entries[index].key)
                mark(":")
                // Its length first: comparing every name with `current` was a call for most entries.
                if sharesFlags, entries[index].key.utf8.count == Self.flagLength, entries[index].key == FlagSkeleton.flag {
                    if case let .flag(flag) = entries[index].value { _ = readFlag(flag); continue }
                    flagsShared = false
                }
                switch entries[index].value {
                case let .text(text):
                    mark("$")
                    texts.append(.string(text))
                case let .utf8(text):
                    mark("$")
                    texts.append(.utf8(text))
                case let .flag(flag):
                    mark(flag ? "T" : "F")
                case let .object(object):
                    guard read(object, top: false) else { return false }
                case let .list(items):
                    mark("[")
                    let complete = items.withUnsafeBufferPointer { items in
                        for item in items.indices { guard read(items[item], top: false) else { return false } }
                        return true
                    }
                    guard complete else { return false }
                    mark("]")
                case let .strings(table):
                    if top, entries[index].key == "s" {
                        guard let lang = model.text("lang") else { return false }
                        markStrings(lang: lang)
                        continue
                    }
                    read(strings: table)
                case let .other(other):
                    guard read(value: other) else { return false }
                }
                mark(";")
            }
            return true
        }

        /// A dictionary's positions in the order of its keys, handed to `body`: sorting positions
        /// (on the stack), not (key, value) pairs, copies and retains no value and allocates nothing
        /// (most of reading a shape was that sort).
        private static func withSortedIndices<Value, Result>(
            _ dictionary: [String: Value], _ body: (UnsafeMutableBufferPointer<Dictionary<String, Value>.Index>) -> Result
        ) -> Result {
            withUnsafeTemporaryAllocation(of: Dictionary<String, Value>.Index.self, capacity: dictionary.count) { buffer in
                let (_, end) = buffer.initialize(from: dictionary.indices)
                var indices = UnsafeMutableBufferPointer(rebasing: buffer[..<end])
                defer { indices.deinitialize() }
                let keys = dictionary.keys
                indices.sort { keys[$0] < keys[$1] }
                return body(indices)
            }
        }

        /// A `[String: String]`, as ``read(_:top:)`` reads it as `[String: Any]`.
        private mutating func read(strings dictionary: [String: String]) {
            mark("{")
            Self.withSortedIndices(dictionary) { indices in
                for index in indices {
                    let (name, text) = dictionary[index]
                    // Its length first: comparing every name with `current` was a call for most entries.
                if sharesFlags, name.utf8.count == Self.flagLength, name == FlagSkeleton.flag { flagsShared = false }
                    append(name)
                    mark(":"); mark("$"); mark(";")
                    texts.append(.string(text))
                }
            }
            mark("}")
        }

        mutating func read(value: Any) -> Bool {
            // The exact types of view models first: the same key and texts as the casts below give them.
            // (Compared with the types themselves, not with `static let`s: each of those was a
            // `swift_once` call for every value of every page.)
            switch ObjectIdentifier(type(of: value)) {
            case ObjectIdentifier(String.self):
                mark("$")
                texts.append(.string(value as! String))
                return true
            case ObjectIdentifier(Bool.self):
                mark(value as! Bool ? "T" : "F")
                return true
            case ObjectIdentifier(Int.self):
                // Printed as its digits (as `String(describing:)`), a section over it always shown.
                guard numbersAreTexts else { return false }
                mark("#")
                texts.append(.string(String(value as! Int)))
                return true
            case ObjectIdentifier([String: Any].self):
                return read(value as! [String: Any], top: false)
            case ObjectIdentifier([String: String].self):
                read(strings: value as! [String: String])
                return true
            case ObjectIdentifier([[String: Any]].self):
                mark("[")
                for item in value as! [[String: Any]] { guard read(item, top: false) else { return false } }
                mark("]")
                return true
            case ObjectIdentifier([[String: String]].self):
                mark("[")
                for item in value as! [[String: String]] { read(strings: item) }
                mark("]")
                return true
            default:
                break
            }
            switch value {
            case let text as String:
                mark("$")
                texts.append(.string(text))
            case let flag as Bool:
                mark(flag ? "T" : "F")
            case let dictionary as [String: Any]:
                return read(dictionary, top: false)
            case let dictionary as [String: String]:
                read(strings: dictionary)
            case let list as [[String: Any]]:
                mark("[")
                for item in list { guard read(item, top: false) else { return false } }
                mark("]")
            case let list as [Any]:
                mark("[")
                for item in list {
                    guard read(value: item) else { return false }
                    mark(",")
                }
                mark("]")
            default:
                return false
            }
            return true
        }
    }
}

/// A shape's key: the bytes ``TemplateSkeletons/Shape`` wrote, hashed and compared as bytes.
///
/// Why: the key was a String made from those bytes (checked as UTF-8 for each page), hashed
/// as a String (by Unicode scalars) and compared by canonical equivalence. Bytes that are equal
/// make equal Strings, so a skeleton is never shared by models whose keys differed before.
struct ShapeKey: Hashable {
    let bytes: [UInt8]

    /// The bytes' ``digest(_:)``: Hasher's SipHash over a key of a few thousand bytes was a tenth of
    /// reading a shape. Equal keys are still told apart by all their bytes (`==`).
    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.withUnsafeBytes { Self.digest($0) })
    }

    /// The bytes mixed eight at a time: each step `(h ^ word) * odd`, rotated, is a bijection of `h`,
    /// so keys that differ in one word always differ here; the length is mixed in first.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var digest = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        guard let base = bytes.baseAddress else { return digest }
        @inline(__always) func mix(_ word: UInt64) {
            digest = ((digest ^ word) &* 0xFF51_AFD7_ED55_8CCD)
            digest = (digest << 29) | (digest >> 35)
        }
        var index = 0
        while index + 8 <= count {
            mix(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            last |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
            shift += 8
            index += 1
        }
        mix(last)
        return digest
    }

    static func == (a: ShapeKey, b: ShapeKey) -> Bool {
        guard a.bytes.count == b.bytes.count else { return false }
        return a.bytes.withUnsafeBytes { x in
            b.bytes.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }
}

/// Bytes appended through a pointer: no check that an array is uniquely referenced for each byte
/// (writing a shape's key byte by byte into an array was a third of reading the shape; issue 10).
/// Not copyable, so no two values ever write to the same memory; it is freed with the value.
struct ShapeBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, valid while the value lives and is not appended to.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let larger = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}
