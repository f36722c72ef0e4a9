import Foundation
import Testing
@testable import AuditReport

/// SHA-256 against the known-answer vectors of FIPS 180-2 (Appendix B) and NIST's examples.
@Suite("SHA-256")
struct SHA256Tests {
    static let vectors: [(String, String)] = [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test("FIPS 180-2 vectors: abc, the empty message, 448 and 896 bits")
    func knownVectors() {
        for (message, digest) in Self.vectors {
            #expect(SHA256.hex(Array(message.utf8)) == digest, "\(message)")
        }
    }

    @Test("one million 'a' (FIPS 180-2 B.3), fed in uneven chunks")
    func millionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000)
        var fed = 0
        var size = 1
        while fed < 1_000_000 {
            let n = min(size, 1_000_000 - fed, chunk.count)
            hasher.update(chunk[0..<n])
            fed += n
            size = size % 997 + 7
        }
        #expect(hasher.hexDigest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("any split of the input gives the digest of the whole (block boundaries 55, 56, 63, 64, 65)")
    func splits() {
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 128, 200] {
            let whole = SHA256.hex(bytes[0..<length])
            for cut in Set([0, 1, length / 2, max(length - 1, 0), length]) where cut <= length {
                var hasher = SHA256()
                hasher.update(bytes[0..<cut])
                hasher.update(Data(bytes[cut..<length]))
                #expect(hasher.hexDigest == whole, "length \(length), cut \(cut)")
            }
        }
        #expect(SHA256.hex(bytes[0..<55]) != SHA256.hex(bytes[0..<56]))
    }

    @Test("a file's hash is that of its bytes, read in chunks")
    func file() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wre-sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 % 251) }
        try Data(bytes).write(to: url)
        let (hex, size) = try SHA256.file(url)
        #expect(size == bytes.count)
        #expect(hex == SHA256.hex(bytes))
    }
}
