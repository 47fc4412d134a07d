/// Up to seven texts joined into one String of exactly their size, their
/// bytes copied once.
///
/// Why: URLs are made of a few parts (`/` + `ar` + `/` + `work/permit` + `/`)
/// for every link of every page and print version, every language switcher
/// and sitemap entry, over a million at 10,000 pages. Appending the parts
/// one by one to a String (or interpolating them) costs a few hundred
/// instructions a part; a URL resolved for a print version cost about
/// 2,700 (callgrind, issue 10). Empty parts are skipped, so optional parts
/// can be passed as `""`.
enum JoinedString {
    static func make(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "",
                     _ f: String = "", _ g: String = "") -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count + f.utf8.count + g.utf8.count
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            // A pointer moved along, not a counter captured by a nested function: a captured
            // `var` is checked for exclusive access at every use (most of the time taken).
            let start = buffer.baseAddress!
            var end = copy(a, to: start)
            end = copy(b, to: end)
            end = copy(c, to: end)
            end = copy(d, to: end)
            end = copy(e, to: end)
            end = copy(f, to: end)
            end = copy(g, to: end)
            return end - start
        }
    }

    /// `part`'s UTF-8 bytes copied to `out`; where the next part goes.
    @inline(__always)
    private static func copy(_ part: String, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        // Read in place: a copy of the part to call `withUTF8` on was a retain and a release of
        // each part (3.5 million at 10,000 pages, atomic operations both cores contend for).
        if let end = part.utf8.withContiguousStorageIfAvailable({ bytes -> UnsafeMutablePointer<UInt8> in
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return out }
            out.update(from: source, count: bytes.count)
            return out + bytes.count
        }) {
            return end
        }
        var end = out
        for byte in part.utf8 {
            end.pointee = byte
            end += 1
        }
        return end
    }
}
