internal import CQRencode

/// A QR code made by Debian's libqrencode, drawn as inline SVG.
///
/// A leaflet's QR code leads back to the same result online. It is drawn as
/// one `<path>` of dark squares (crisp at any print resolution, no image
/// file, nothing loaded, no script), with the address as its text
/// alternative. libqrencode is used only here: the rest of Lotse sees
/// modules as booleans.
struct QRCode: Sendable {
    /// The modules row after row, 64 to a word, the first of a row in the lowest bit of its first
    /// word; each row starts a new word (``wordsPerRow``) and bits past `size` are 0. Runs of dark
    /// modules are then found a word at a time (``appendPathData(to:)``): testing module after
    /// module was a branch the CPU could not predict for each of them (issue 10).
    let rows: [UInt64]
    let size: Int
    let text: String

    var wordsPerRow: Int { (size + 63) >> 6 }

    /// Whether the module in column `x` of row `y` is dark.
    func isDark(x: Int, y: Int) -> Bool {
        rows[y * wordsPerRow + x >> 6] >> UInt64(x & 63) & 1 == 1
    }

    /// The modules row after row, `true` for dark; `size` × `size`.
    var dark: [Bool] {
        (0..<(size * size)).map { isDark(x: $0 % size, y: $0 / size) }
    }

    /// The modules row by row.
    var modules: [[Bool]] {
        (0..<size).map { y in (0..<size).map { isDark(x: $0, y: y) } }
    }

    /// Encodes `text` (UTF-8, error correction level M, the smallest version
    /// that fits). Nil when libqrencode cannot encode it (too long).
    init?(_ text: String) {
        guard let code = text.withCString({ QRcode_encodeString($0, 0, QR_ECLEVEL_M, QR_MODE_8, 1) }) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
        self.init(text: text, width: width) { data[$0] & 1 }
    }

    /// A code kept by ``QRCodeCache``: `width` × `width` modules, eight to a byte, the first in the lowest bit.
    init(text: String, width: Int, bits: [UInt8]) {
        precondition(bits.count * 8 >= width * width, "too few modules for a code \(width) wide")
        self = bits.withUnsafeBytes { QRCode(text: text, width: width, packed: $0) }
    }

    /// ``init(text:width:bits:)`` reading the packed modules where they are (in ``QRCodeCache``'s
    /// bytes): each row's words are loaded eight bytes at a time and shifted into place, not
    /// module by module (a module at a time through a closure, from a copy of the bytes, was
    /// 26,000 instructions a code; issue 10).
    init(text: String, width: Int, packed: UnsafeRawBufferPointer) {
        let total = width * width
        precondition(packed.count * 8 >= total, "too few modules for a code \(width) wide")
        let perRow = (width + 63) >> 6
        let base = packed.baseAddress!
        let byteCount = packed.count
        /// The 64 modules from module `from` (bits past the last module are 0).
        func word(from: Int) -> UInt64 {
            let at = from >> 3
            let shift = UInt64(from & 7)
            var value: UInt64
            if at + 8 <= byteCount {
                value = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) >> shift
                if shift != 0, at + 8 < byteCount {
                    value |= UInt64(base.load(fromByteOffset: at + 8, as: UInt8.self)) << (64 - shift)
                }
            } else {
                value = 0
                for index in at..<byteCount {
                    value |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << UInt64((index - at) * 8)
                }
                value >>= shift
            }
            return value
        }
        rows = [UInt64](unsafeUninitializedCapacity: width * perRow) { rows, count in
            var index = 0
            for y in 0..<width {
                var from = y * width
                var left = width
                while left > 0 {
                    let wanted = min(64, left)
                    var value = word(from: from)
                    if wanted < 64 { value &= (1 << UInt64(wanted)) &- 1 }
                    rows[index] = value
                    index += 1
                    from += wanted
                    left -= wanted
                }
            }
            count = index
        }
        size = width
        self.text = text
    }

    /// A code whose module `i` (row after row) is dark when `module(i)` is 1.
    private init(text: String, width: Int, module: (Int) -> UInt8) {
        let perRow = (width + 63) >> 6
        var rows = [UInt64](repeating: 0, count: width * perRow)
        for y in 0..<width {
            for x in 0..<width {
                rows[y * perRow + x >> 6] |= UInt64(module(y * width + x)) << UInt64(x & 63)
            }
        }
        self.rows = rows
        size = width
        self.text = text
    }

    /// The modules row after row, eight to a byte, the first in the lowest bit (for ``QRCodeCache``).
    var packedBits: [UInt8] {
        var bits = [UInt8](repeating: 0, count: (size * size + 7) / 8)
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                let index = y * size + x
                bits[index >> 3] |= 1 << UInt8(index & 7)
            }
        }
        return bits
    }

    /// The quiet zone around the code that scanners need, in modules.
    static let quietZone = 4

    /// The SVG path data: one rectangle per horizontal run of dark modules.
    var pathData: String {
        var d: [UInt8] = []
        appendPathData(to: &d)
        return String(decoding: d, as: UTF8.self)
    }

    /// The most bytes ``pathData`` can take: at most one run in two modules of
    /// a row, each `M<x> <y>h<w>v1h-<w>z` with numbers of at most three digits.
    private var maxPathBytes: Int { size * ((size + 1) / 2) * 20 }

    /// Bytes past the end of what is written that ``appendPathData(at:)`` may overwrite (a
    /// piece is stored as two whole words, whatever its length).
    static let pathSlack = 16

    /// Up to 16 bytes of path data, stored as two words whatever their length.
    struct Piece {
        var low: UInt64
        var high: UInt64
        var count: Int

        init(_ text: String) {
            let bytes = Array(text.utf8)
            precondition(bytes.count <= 16)
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.copyBytes(from: bytes) }
            low = words.0
            high = words.1
            count = bytes.count
        }

        /// Writes the piece at `out` (16 bytes, the first `count` of them meant) and returns what follows it.
        @inline(__always)
        func write(to out: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
            out.storeBytes(of: low, as: UInt64.self)
            out.storeBytes(of: high, toByteOffset: 8, as: UInt64.self)
            return out + count
        }
    }

    /// The pieces of a run, by the numbers in them (at most 177 modules a side): `M<x + 4> `
    /// by its column, `<y + 4>h` by its row, `<w>v1h-<w>z` by its length. Three stores a run
    /// instead of digits worked out one by one (44,000 instructions a code in a 10,000-page build; issue 10).
    static let columnPieces = (0..<177).map { Piece("M\($0 + quietZone) ") }
    static let rowPieces = (0..<177).map { Piece("\($0 + quietZone)h") }
    static let lengthPieces = (0...177).map { Piece("\($0)v1h-\($0)z") }

    /// ``pathData`` appended to `d` as bytes.
    private func appendPathData(to d: inout [UInt8]) {
        let start = d.count
        d.append(contentsOf: repeatElement(0, count: maxPathBytes + Self.pathSlack))
        let written = d.withUnsafeMutableBytes { appendPathData(at: $0.baseAddress! + start) }
        d.removeLast(maxPathBytes + Self.pathSlack - written)
    }

    /// ``pathData`` written at `out` (room for ``maxPathBytes`` and ``pathSlack`` more); returns
    /// how many bytes it is. Written through a pointer into room made once, each run's numbers
    /// from tables (``columnPieces``); runs of dark modules found a word at a time.
    private func appendPathData(at out: UnsafeMutableRawPointer) -> Int {
        precondition(size <= 177, "QR codes have at most 177 modules a side")
        let size = self.size
        let perRow = wordsPerRow
        return Self.columnPieces.withUnsafeBufferPointer { columns in
            Self.rowPieces.withUnsafeBufferPointer { rowPieces in
                Self.lengthPieces.withUnsafeBufferPointer { lengths in
                    rows.withUnsafeBufferPointer { rows -> Int in
                        var at = out
                        if perRow == 1 {
                            // Codes of up to 64 modules a side (most addresses): a row is one word, each run
                            // found by two counts of trailing zeros (bits past `size` are 0, so a run ends by `size`).
                            for y in 0..<size {
                                var dark = rows[y]
                                let rowPiece = rowPieces[y]
                                while dark != 0 {
                                    let x = dark.trailingZeroBitCount
                                    let end = (~dark & (~0 << UInt64(x))).trailingZeroBitCount
                                    at = columns[x].write(to: at)
                                    at = rowPiece.write(to: at)
                                    at = lengths[end - x].write(to: at)
                                    dark &= end < 64 ? ~0 << UInt64(end) : 0
                                }
                            }
                            return at - out
                        }
                        for y in 0..<size {
                            let row = rows.baseAddress! + y * perRow
                            // The first module at or after `x` that is dark (`dark`) or light; `size` when none is.
                            func next(dark: Bool, from x: Int) -> Int {
                                var word = x >> 6
                                guard word < perRow else { return size }
                                var bits = (dark ? row[word] : ~row[word]) & (~0 << UInt64(x & 63))
                                while bits == 0 {
                                    word += 1
                                    guard word < perRow else { return size }
                                    bits = dark ? row[word] : ~row[word]
                                }
                                return min(word << 6 + bits.trailingZeroBitCount, size)
                            }
                            let rowPiece = rowPieces[y]
                            var x = next(dark: true, from: 0)
                            while x < size {
                                let end = next(dark: false, from: x)
                                // "M<x> <y>h<w>v1h-<w>z"
                                at = columns[x].write(to: at)
                                at = rowPiece.write(to: at)
                                at = lengths[end - x].write(to: at)
                                x = next(dark: true, from: end)
                            }
                        }
                        return at - out
                    }
                }
            }
        }
    }

    /// `<svg>` with one `<path>`, `role="img"` and `label` as its accessible
    /// name; 4 px a module unless the stylesheet sizes it (leaflet.css: 24 mm).
    /// Written as bytes into one buffer and made a String once (it was made of
    /// a dozen Strings, the path data's among them, each copied into the next).
    func svg(label: String) -> String {
        String(decoding: svgBytes(label: label), as: UTF8.self)
    }

    /// ``svg(label:)`` as its UTF-8 bytes, for a view model (``ViewModel/Value/utf8(_:)``): never made
    /// a String, so never checked as one (a fifth of drawing a leaflet's code; issue 10). Written
    /// through a pointer into an array made the right size once (its capacity as before: room for the
    /// longest path).
    func svgBytes(label: String) -> [UInt8] {
        precondition(size >= 21 && size <= 177 && (size - 21) % 4 == 0, "QR codes are 21 to 177 modules a side, four more each version")
        var escapedLabel = HTML.escape(label)
        return escapedLabel.withUTF8 { label in
            let capacity = 320 + 2 * label.count + maxPathBytes + Self.pathSlack
            let sized = Self.sizedPieces[(size - 21) / 4]
            return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                let start = UnsafeMutableRawPointer(buffer.baseAddress!)
                var at = start
                func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
                    if let from = bytes.baseAddress { at.copyMemory(from: from, byteCount: bytes.count) }
                    at += bytes.count
                }
                func bytes(_ constant: [UInt8]) {
                    constant.withUnsafeBufferPointer { bytes($0) }
                }
                bytes(sized.head)
                bytes(label)
                bytes(Self.svgTitle)
                bytes(label)
                bytes(sized.rect)
                at += appendPathData(at: at)
                bytes(Self.svgClose)
                count = at - start
                precondition(count <= capacity - Self.pathSlack)
            }
        }
    }

    /// What ``svgBytes(label:)`` writes before the label and between the title and the path
    /// data, by the code's size (21 to 177 modules a side, four more each version): made once,
    /// not number by number for every code.
    private static let sizedPieces: [(head: [UInt8], rect: [UInt8])] = stride(from: 21, through: 177, by: 4).map { size in
        let total = size + 2 * quietZone
        return (Array(("<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(total) \(total)\" "
                        + "width=\"\(total * 4)\" height=\"\(total * 4)\" "
                        + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"").utf8),
                Array("</title><rect width=\"\(total)\" height=\"\(total)\" fill=\"#fff\"/><path fill=\"#000\" d=\"".utf8))
    }
    private static let svgTitle = Array("\"><title>".utf8)
    private static let svgClose = Array("\"/></svg>".utf8)
}
