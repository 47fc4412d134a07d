import Foundation
import Mustache
import Testing
@testable import LotseCore

/// A shape's key (``TemplateSkeletons/Shape``, ``ShapeKey``, ``ShapeBytes``): models that differ in any
/// key, flag or list length, however deep, never share a skeleton; keys longer than the room first
/// reserved are written whole.
struct SkeletonShapeTests {
    private static let template = "{{#o}}{{#p}}[{{q}}|{{r}}|{{#f}}F{{/f}}]{{/p}}{{/o}}{{#l}}<{{x}}{{#y}}Y{{/y}}>{{/l}}{{z}}\n"

    private static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        try library.register(template, named: "t")
        return library
    }

    /// Models alike but for one deep key, flag, list length or a key's bytes, rendered one after the
    /// other by the same skeletons: each exactly as swift-mustache renders it.
    @Test func modelsDifferingDeepDoNotShareASkeleton() throws {
        let library = try Self.library()
        let skeletons = TemplateSkeletons(numbersAreTexts: true, templatesLackMarkers: true)
        func deep(_ inner: [String: Any]) -> ViewModel {
            ViewModel(["o": ViewModel(["p": ViewModel(inner)]), "z": "z<"])
        }
        func list(_ count: Int, flag: Bool = false) -> ViewModel {
            ViewModel(["l": (0..<count).map { ViewModel(["x": "x\($0)", "y": flag && $0 == count - 1]) }])
        }
        let models: [ViewModel] = [
            deep(["q": "1"]), deep(["r": "1"]), deep(["q": "1", "r": "2"]), deep(["q": "1", "f": true]),
            deep(["q": "1", "f": false]), deep(["q": "1", "f": "text"]), deep(["q": 7]), deep(["p2": "x"]),
            list(0), list(1), list(2), list(3), list(2, flag: true), list(3, flag: true),
            // Keys equal as Strings, not as bytes (swift-mustache reads no such name: only the shape differs).
            ViewModel(["\u{E9}": "<precomposed>"]), ViewModel(["e\u{301}": "<decomposed>"]),
        ]
        for _ in 0..<2 {
            for model in models {
                #expect(skeletons.render(model, template: "t", library: library) == library.render(model.dictionary, withTemplate: "t"))
            }
        }
    }

    /// A key far longer than the bytes first reserved (long names, many entries) is written whole:
    /// models differing only at its end still differ.
    @Test func longKeysAreWrittenWhole() throws {
        var library = MustacheLibrary()
        let name = String(repeating: "n", count: 5_000)
        try library.register("{{#l}}{{\(name)}}{{\(name)x}}.{{/l}}", named: "t")
        let skeletons = TemplateSkeletons()
        for last in [name, name + "x", name] {
            let items = (0..<300).map { ViewModel(["\(name)": "a&\($0)"]) } + [ViewModel([last: "<end>"])]
            let model = ViewModel(["l": items])
            #expect(skeletons.render(model, template: "t", library: library) == library.render(model.dictionary, withTemplate: "t"))
        }
    }

    @Test func shapeKeysCompareTheirBytes() {
        let a = ShapeKey(bytes: Array("t{a:$;}".utf8))
        let b = ShapeKey(bytes: Array("t{a:$;}".utf8))
        let c = ShapeKey(bytes: Array("t{a:T;}".utf8))
        let d = ShapeKey(bytes: Array("t{\u{E9}:$;}".utf8))
        let e = ShapeKey(bytes: Array("t{e\u{301}:$;}".utf8))
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != c && d != e && a != ShapeKey(bytes: []))
        #expect(ShapeKey(bytes: []) == ShapeKey(bytes: []))
        #expect(TemplateSkeletons.Shape.flagLength == FlagSkeleton.flag.utf8.count)
        // Keys one byte apart (in a word, or in the bytes after the last whole word) hash apart.
        for length in 1..<40 {
            let base = Array(repeating: UInt8(ascii: "a"), count: length)
            for index in 0..<length {
                var other = base
                other[index] = UInt8(ascii: "b")
                let digests = [base, other].map { bytes in bytes.withUnsafeBytes { ShapeKey.digest($0) } }
                #expect(digests[0] != digests[1])
            }
        }
    }

    @Test func shapeBytesGrowPastTheirRoom() {
        var bytes = ShapeBytes(capacity: 4)
        var expected: [UInt8] = []
        for index in 0..<1_000 {
            let byte = UInt8(truncatingIfNeeded: index)
            bytes.append(byte)
            expected.append(byte)
            let run = Array(repeating: byte, count: index % 37)
            run.withUnsafeBufferPointer { bytes.append($0) }
            expected += run
        }
        #expect(Array(bytes.buffer) == expected)
        #expect(bytes.count == expected.count)
    }

    /// The eight-bytes-at-a-time check finds a special byte wherever it is, and only then.
    @Test func specialBytesAreFoundAtEveryPosition() {
        let specials = Array("&<>\"'".utf8)
        let alike: [UInt8] = Array("#%$!=?;:.-\u{7F}".utf8) + [0x00, 0x22 | 0x80, 0x3C | 0x80, 0xE2, 0x80, 0xA6]
        for length in 0..<40 {
            for position in 0..<max(length, 1) {
                var bytes = (0..<length).map { alike[$0 % alike.count] }
                #expect(!MustacheEscape.needsEscaping(bytes))
                guard length > 0 else { continue }
                for special in specials {
                    bytes[position] = special
                    #expect(MustacheEscape.needsEscaping(bytes))
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(MustacheEscape.needsEscaping(text) == text.utf8.contains { specials.contains($0) })
                }
            }
        }
    }
}
