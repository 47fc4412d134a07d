import CNettle

/// SHA-256 (FIPS 180-4), for content hashes of source texts, from Nettle
/// (Debian `nettle-dev`), which uses the CPU's SHA instructions where it has
/// them. Foundation on Linux has no CryptoKit, and a hash that names a stored
/// text must not collide by accident, so FNV is not enough here. (OpenSSL's
/// libcrypto gave the same digests, with 3 MB more of the build's peak memory
/// in its code and provider tables; issue 10.)
enum SHA256 {
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { digest($0) }
    }

    /// The digest of `bytes`, read in place.
    static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var context = sha256_ctx()
        nettle_sha256_init(&context)
        if let base = bytes.baseAddress { nettle_sha256_update(&context, bytes.count, base) }
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            nettle_sha256_digest(&context, 32, out.baseAddress)
            count = 32
        }
    }

    /// The digest in lower-case hex.
    static func hex(_ text: String) -> String {
        var text = text
        let hash = text.withUTF8 { Self.digest($0) }
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 64) { out in
            for (index, byte) in hash.enumerated() {
                out[2 * index] = digits[Int(byte >> 4)]
                out[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return 64
        }
    }
}
