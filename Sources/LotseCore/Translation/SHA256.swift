import CLibCrypto

/// SHA-256 (FIPS 180-4), for content hashes of source texts, from OpenSSL's
/// libcrypto (Debian `libssl-dev`), which uses the CPU's SHA instructions where
/// it has them. Foundation on Linux has no CryptoKit, and a hash that names a
/// stored text must not collide by accident, so FNV is not enough here.
enum SHA256 {
    /// The digest, fetched once: fetching it by name for each text would take a lock each time.
    nonisolated(unsafe) private static let sha256: OpaquePointer = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("libcrypto has no SHA-256")
        }
        return md
    }()

    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { digest($0) }
    }

    /// The digest of `bytes`, read in place.
    static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            var length: UInt32 = 0
            let done = withUnsafePointer(to: 0 as UInt8) { empty in
                EVP_Digest(UnsafeRawPointer(bytes.baseAddress ?? empty), bytes.count, out.baseAddress, &length, sha256, nil)
            }
            guard done == 1, length == 32 else { fatalError("libcrypto could not hash \(bytes.count) bytes") }
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
