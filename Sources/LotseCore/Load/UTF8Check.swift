/// Whether bytes are valid UTF-8, exactly as `String(validating:as: UTF8.self)`
/// decides (no overlong forms, no surrogates, nothing above U+10FFFF), without
/// making a String.
///
/// Why: a build lets most page bodies (the translations') go after loading
/// their front matter (``DeferredBody``), yet made each whole file a String
/// to check it, and the standard library's check took about 11 instructions
/// a byte of Arabic or Cyrillic text: more than any other part of loading
/// (issue 10). Here ASCII is passed eight bytes at a time, runs of two-byte
/// scalars in a loop of their own (four at a time where they fill eight bytes), and each longer sequence is checked by its
/// lead byte (the Unicode standard's table 3-7);
/// `UTF8CheckTests` compares both on every one- and two-byte sequence, every
/// lead byte with boundary continuations and random texts.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        while index < count {
            // ASCII eight bytes at a time; a run that ends inside the eight is passed in one step too.
            if index + 8 <= count {
                let high = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
                if high == 0 {
                    index += 8
                    continue
                }
                index += high.trailingZeroBitCount >> 3
            } else if base[index] < 0x80 {
                index += 1
                continue
            }
            // Not ASCII. Two-byte scalars (Arabic, Cyrillic, accented Latin letters) one after another first.
            var lead = base[index]
            while lead &- 0xC2 < 0x1E {
                if index + 8 <= count {
                    // Four of them at once: in each 16-bit lane (little-endian) a lead C2…DF (110xxxxx, not
                    // C0 or C1: one of bits 1–4 set, found by a carry into bit 8) before a continuation byte.
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if word & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0,
                       ((word & 0x001E_001E_001E_001E) &+ 0x00FF_00FF_00FF_00FF) & 0x0100_0100_0100_0100 == 0x0100_0100_0100_0100 {
                        index += 8
                        guard index < count else { return true }
                        lead = base[index]
                        continue
                    }
                }
                guard index + 1 < count, isContinuation(base[index + 1]) else { return false }
                index += 2
                guard index < count else { return true }
                lead = base[index]
            }
            if lead < 0x80 { continue }
            if lead < 0xE0 || lead > 0xF4 {
                // 80…C1: a continuation byte without a lead, or an overlong two-byte lead; F5…FF: never in UTF-8.
                return false
            }
            // Three bytes after E0…EF, four after F0…F4; the second byte's range depends on the lead.
            let length = lead < 0xF0 ? 3 : 4
            guard index + length <= count, secondByteRange(lead).contains(base[index + 1]), isContinuation(base[index + 2]),
                  length == 3 || isContinuation(base[index + 3]) else { return false }
            index += length
        }
        return true
    }

    /// Where the byte after a lead of three or four bytes may be (the Unicode standard's table 3-7):
    /// narrower after E0 (no overlong form), ED (no surrogate), F0 (no overlong form) and F4 (not above U+10FFFF).
    @inline(__always) private static func secondByteRange(_ lead: UInt8) -> ClosedRange<UInt8> {
        switch lead {
        case 0xE0: return 0xA0...0xBF
        case 0xED: return 0x80...0x9F
        case 0xF0: return 0x90...0xBF
        case 0xF4: return 0x80...0x8F
        default: return 0x80...0xBF
        }
    }
}
