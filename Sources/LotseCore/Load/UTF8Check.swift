/// Whether bytes are valid UTF-8, exactly as `String(validating:as: UTF8.self)`
/// decides (no overlong forms, no surrogates, nothing above U+10FFFF), without
/// making a String.
///
/// Why: a build lets most page bodies (the translations') go after loading
/// their front matter (``DeferredBody``), yet made each whole file a String
/// to check it, and the standard library's check took about 11 instructions
/// a byte of Arabic or Cyrillic text: more than any other part of loading
/// (issue 10). Here eight bytes are checked at a time while they hold only
/// ASCII and two-byte scalars (Latin, Arabic, Cyrillic text with its spaces
/// and punctuation): a word is valid when each continuation byte follows a
/// lead of two bytes and no lead is C0 or C1, found with a few shifts and
/// masks. Longer sequences are checked by their lead byte (the Unicode
/// standard's table 3-7), runs of ordinary three-byte scalars (Ethiopic,
/// most other scripts) in a loop of their own.
/// `UTF8CheckTests` compares both on every one- and two-byte sequence, every
/// lead byte with boundary continuations, every pair of bytes in each lane of
/// a word and random texts.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        let high: UInt64 = 0x8080_8080_8080_8080
        while index < count {
            // Eight bytes at a time, starting at a scalar's first byte. In each byte's top bit: b7 (not ASCII),
            // b6 and b5 (bits 6 and 5 moved up; a shift left never carries into a byte's top bit from below
            // once masked).
            if index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let b7 = word & high
                if b7 == 0 {
                    index += 8
                    continue
                }
                let b6 = (word << 1) & high
                let lead = b7 & b6
                if lead & (word << 2) & high == 0 {
                    // Only ASCII, continuations (10xxxxxx) and leads of two bytes (110xxxxx) here. Valid when each
                    // continuation is the byte after a lead (one byte up: eight bits left, little-endian), and no
                    // lead is C0 or C1 (bits 1–4 of a lead not all zero: a carry into the top bit when added to 7F).
                    let continuation = b7 & ~b6
                    let notOverlong = ((word & 0x1E1E_1E1E_1E1E_1E1E) &+ 0x7F7F_7F7F_7F7F_7F7F) & high
                    guard continuation == lead << 8, lead & ~notOverlong == 0 else { return false }
                    // A lead in the last byte has its continuation in the next word: start that word there.
                    index += lead >> 63 == 0 ? 8 : 7
                    continue
                }
            }
            // One scalar at a time: near the end, or where a word holds a lead of three or four bytes.
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            if lead &- 0xC2 < 0x1E {
                guard index + 1 < count, isContinuation(base[index + 1]) else { return false }
                index += 2
                continue
            }
            if lead < 0xE0 || lead > 0xF4 {
                // 80…C1: a continuation byte without a lead, or an overlong two-byte lead; F5…FF: never in UTF-8.
                return false
            }
            // Three bytes after E0…EF, four after F0…F4; the second byte's range depends on the lead.
            let length = lead < 0xF0 ? 3 : 4
            guard index + length <= count, secondByteRange(lead).contains(base[index + 1]), isContinuation(base[index + 2]),
                  length == 3 || isContinuation(base[index + 3]) else { return false }
            index += length
            // Then more three-byte scalars whose second byte may be any continuation (leads E1…EC, EE, EF).
            while index + 3 <= count {
                let next = base[index]
                guard next &- 0xE1 < 0x0C || next &- 0xEE < 2, isContinuation(base[index + 1]), isContinuation(base[index + 2]) else { break }
                index += 3
            }
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
