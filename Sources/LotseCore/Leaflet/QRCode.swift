internal import CQRencode

/// A QR code made by Debian's libqrencode, drawn as inline SVG.
///
/// A leaflet's QR code leads back to the same result online. It is drawn as
/// one `<path>` of dark squares (crisp at any print resolution, no image
/// file, nothing loaded, no script), with the address as its text
/// alternative. libqrencode is used only here: the rest of Lotse sees
/// modules as booleans.
struct QRCode: Sendable {
    /// The modules row by row, `true` for dark; `size` × `size`.
    let modules: [[Bool]]
    let text: String

    var size: Int { modules.count }

    /// Encodes `text` (UTF-8, error correction level M, the smallest version
    /// that fits). Nil when libqrencode cannot encode it (too long).
    init?(_ text: String) {
        guard let code = text.withCString({ QRcode_encodeString($0, 0, QR_ECLEVEL_M, QR_MODE_8, 1) }) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        var rows: [[Bool]] = []
        rows.reserveCapacity(width)
        for y in 0..<width {
            // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
            rows.append((0..<width).map { x in data[y * width + x] & 1 == 1 })
        }
        modules = rows
        self.text = text
    }

    /// The quiet zone around the code that scanners need, in modules.
    static let quietZone = 4

    /// The SVG path data: one rectangle per horizontal run of dark modules.
    /// (Built as bytes, numbers digit by digit: string interpolation per run was a twentieth of a
    /// build with a leaflet beside every page, and `String(n)` per number a third of what was left.)
    var pathData: String {
        var d: [UInt8] = []
        d.reserveCapacity(size * size * 4)
        func number(_ n: Int) {
            guard n >= 10 else {
                d.append(UInt8(ascii: "0") + UInt8(n))
                return
            }
            number(n / 10)
            d.append(UInt8(ascii: "0") + UInt8(n % 10))
        }
        let q = Self.quietZone
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < row.count {
                guard row[x] else { x += 1; continue }
                var end = x
                while end < row.count, row[end] { end += 1 }
                // "M<x> <y>h<w>v1h-<w>z"
                d.append(UInt8(ascii: "M")); number(x + q); d.append(UInt8(ascii: " ")); number(y + q)
                d.append(UInt8(ascii: "h")); number(end - x); d.append(contentsOf: "v1h-".utf8); number(end - x)
                d.append(UInt8(ascii: "z"))
                x = end
            }
        }
        return String(decoding: d, as: UTF8.self)
    }

    /// `<svg>` with one `<path>`, `role="img"` and `label` as its accessible
    /// name; 4 px a module unless the stylesheet sizes it (leaflet.css: 24 mm).
    func svg(label: String) -> String {
        let total = size + 2 * Self.quietZone
        return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(total) \(total)\" "
            + "width=\"\(total * 4)\" height=\"\(total * 4)\" "
            + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
            + "<title>\(HTML.escape(label))</title>"
            + "<rect width=\"\(total)\" height=\"\(total)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(pathData)\"/></svg>"
    }
}
