/// The shape `(m, n, k)` of a generated benchmark instance: judgments × principles × theories.
public struct BenchmarkSize: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Judgments.
    public var judgments: Int
    /// Principles.
    public var principles: Int
    /// Theories.
    public var theories: Int

    public init(judgments: Int, principles: Int, theories: Int) {
        self.judgments = judgments
        self.principles = principles
        self.theories = theories
    }

    /// Parses `"1000x100x10"` (`m x n x k`; `×` also accepted). Every count must be at least 1,
    /// except theories, which may be 0.
    public init?(parsing text: String) {
        let parts = text.lowercased().replacingOccurrences(of: "×", with: "x").split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 3, let m = Int(parts[0]), let n = Int(parts[1]), let k = Int(parts[2]),
              m >= 1, n >= 1, k >= 0 else { return nil }
        self.init(judgments: m, principles: n, theories: k)
    }

    /// `"1000x100x10"`.
    public var description: String { "\(judgments)x\(principles)x\(theories)" }

    /// The default suite of the benchmarking issue: (1000, 100, 10), (20000, 1000, 100) and
    /// (100000, 1000, 100).
    public static let defaultSuite: [BenchmarkSize] = [
        BenchmarkSize(judgments: 1000, principles: 100, theories: 10),
        BenchmarkSize(judgments: 20000, principles: 1000, theories: 100),
        BenchmarkSize(judgments: 100_000, principles: 1000, theories: 100),
    ]
}
