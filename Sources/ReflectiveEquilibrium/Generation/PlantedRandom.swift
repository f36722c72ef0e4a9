/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64: the one random source of
/// the generator. Explicitly seeded and free of standard-library algorithms whose output could
/// change between releases, so one seed gives the same instance byte for byte everywhere.
struct PlantedRandom: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var state = seed
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always) private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inline(__always) mutating func next() -> UInt64 {
        let result = Self.rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotate(s3, 45)
        return result
    }

    /// Uniform in `[0, 1)` from the top 53 bits.
    @inline(__always) mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// `true` with probability `p`.
    @inline(__always) mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// ±1 with equal probability.
    @inline(__always) mutating func sign() -> Int8 { next() >> 63 == 0 ? 1 : -1 }

    /// A weight uniform in `[0.5, 1)` on the grid `0.5 + j·2⁻²⁴`, so it is exactly a `Float`.
    @inline(__always) mutating func weight() -> Float { 0.5 + Float(next() >> 41) * 0x1p-24 }

    /// Uniform in `0..<bound` (`bound > 0`), without modulo bias (Lemire 2019).
    @inline(__always) mutating func below(_ bound: Int) -> Int {
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }

    /// Shuffles `values` uniformly in place (Fisher–Yates).
    mutating func shuffle(_ values: inout [Int]) {
        var i = values.count - 1
        while i > 0 {
            values.swapAt(i, below(i + 1))
            i -= 1
        }
    }

    /// `count` distinct elements of `0..<population`, chosen uniformly, ascending
    /// (a partial Fisher–Yates shuffle).
    mutating func sample(_ count: Int, of population: Int) -> [Int] {
        var pool = Array(0..<population)
        for s in 0..<count { pool.swapAt(s, s + below(population - s)) }
        return pool[0..<count].sorted()
    }
}
