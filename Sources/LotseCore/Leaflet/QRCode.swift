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
        self = bits.withUnsafeBufferPointer { bits in
            QRCode(text: text, width: width) { bits[$0 >> 3] >> UInt8($0 & 7) & 1 }
        }
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

    /// ``pathData`` appended to `d` as bytes, written through a pointer into
    /// room made once, numbers digit by digit (string interpolation per run was
    /// a twentieth of a build with a leaflet beside every page, and appending
    /// byte by byte to an array most of what was left).
    private func appendPathData(to d: inout [UInt8]) {
        let start = d.count
        let q = Self.quietZone
        precondition(size + q < 1000, "QR codes have at most 177 modules a side")
        d.append(contentsOf: repeatElement(0, count: maxPathBytes))
        let size = self.size
        let perRow = wordsPerRow
        let written = rows.withUnsafeBufferPointer { rows in
            d.withUnsafeMutableBufferPointer { buffer -> Int in
                let out = buffer.baseAddress! + start
                var i = 0
                func number(_ n: Int) {
                    if n >= 100 { out[i] = UInt8(ascii: "0") + UInt8(n / 100); i += 1 }
                    if n >= 10 { out[i] = UInt8(ascii: "0") + UInt8(n / 10 % 10); i += 1 }
                    out[i] = UInt8(ascii: "0") + UInt8(n % 10); i += 1
                }
                func byte(_ b: Unicode.Scalar) { out[i] = UInt8(ascii: b); i += 1 }
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
                    var x = next(dark: true, from: 0)
                    while x < size {
                        let end = next(dark: false, from: x)
                        // "M<x> <y>h<w>v1h-<w>z"
                        byte("M"); number(x + q); byte(" "); number(y + q)
                        byte("h"); number(end - x); byte("v"); byte("1"); byte("h"); byte("-"); number(end - x)
                        byte("z")
                        x = next(dark: true, from: end)
                    }
                }
                return i
            }
        }
        d.removeLast(maxPathBytes - written)
    }

    /// A non-negative number's decimal digits.
    private static func append(_ n: Int, to d: inout [UInt8]) {
        if n >= 10 { append(n / 10, to: &d) }
        d.append(UInt8(ascii: "0") + UInt8(n % 10))
    }

    /// `<svg>` with one `<path>`, `role="img"` and `label` as its accessible
    /// name; 4 px a module unless the stylesheet sizes it (leaflet.css: 24 mm).
    /// Written as bytes into one buffer and made a String once (it was made of
    /// a dozen Strings, the path data's among them, each copied into the next).
    func svg(label: String) -> String {
        String(decoding: svgBytes(label: label), as: UTF8.self)
    }

    /// ``svg(label:)`` as its UTF-8 bytes, for a view model (``ViewModel/Value/utf8(_:)``): never made
    /// a String, so never checked as one (a fifth of drawing a leaflet's code; issue 10).
    func svgBytes(label: String) -> [UInt8] {
        let total = size + 2 * Self.quietZone
        let escapedLabel = HTML.escape(label)
        var d: [UInt8] = []
        d.reserveCapacity(320 + 2 * escapedLabel.utf8.count + maxPathBytes)
        func text(_ text: String) {
            var text = text
            text.withUTF8 { d.append(contentsOf: $0) }
        }
        text("<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        Self.append(total, to: &d); text(" "); Self.append(total, to: &d)
        text("\" width=\""); Self.append(total * 4, to: &d)
        text("\" height=\""); Self.append(total * 4, to: &d)
        text("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"")
        text(escapedLabel)
        text("\"><title>")
        text(escapedLabel)
        text("</title><rect width=\""); Self.append(total, to: &d)
        text("\" height=\""); Self.append(total, to: &d)
        text("\" fill=\"#fff\"/><path fill=\"#000\" d=\"")
        appendPathData(to: &d)
        text("\"/></svg>")
        return d
    }
}
