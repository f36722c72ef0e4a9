/// The kernels behind the solvers, exposed as SPI for `Benchmarks/Kernels` (a separate package,
/// `Benchmarks/Package.swift`, so `package` access does not reach it; benchmark executables
/// cannot `@testable import`) and `wre bench --kernels`. Not public API: visible only to a client
/// that writes `@_spi(Benchmarks) import ReflectiveEquilibrium`, and free to change.
///
/// A harness builds one dense random problem (A m×n; B n×k and C m×k when k > 0; no S) with the
/// package's seeded generator (`PlantedRandom`), keeps a state `x` and scratch buffers, and runs
/// one kernel per call through the same code the solvers use (`Objective+Products.swift`,
/// `Objective+FusedPass.swift`, `Objective+Schur.swift`, `Objective.project`).
@_spi(Benchmarks) public final class KernelHarness {
    @_spi(Benchmarks) public let m: Int, n: Int, k: Int
    private let objective: Objective
    private let state: [Double]
    private var fusedState: [Double]
    private let reduced: ReducedObjective
    private var output: [Double]
    private var gram: SymmetricMatrix
    private var rankSign = 1.0

    /// A random problem of shape `(m, n, k)`: block entries uniform in [-1, 1], anchoring weights
    /// in [0.5, 1.5], default bounds; the state `x` is uniform in [-1.25, 1.25] (so the
    /// projection clips some items). Same seed, same problem.
    @_spi(Benchmarks) public init(m: Int, n: Int, k: Int = 0, seed: UInt64 = 1) {
        precondition(m >= 0 && n >= 0 && k >= 0)
        var rng = PlantedRandom(seed: seed)
        func block(_ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in 2 * rng.unit() - 1 })
        }
        func items(_ group: Group, _ count: Int) -> ItemGroup {
            var g = ItemGroup(group, count: count)
            g.confidence = (0..<count).map { _ in 0.5 + rng.unit() }
            return g
        }
        let a = block(m, n)
        let b = k > 0 ? block(n, k) : nil, c = k > 0 ? block(m, k) : nil
        let problem = Problem(judgments: items(.judgment, m), principles: items(.principle, n),
                              theories: items(.theory, k),
                              compatibility: Compatibility(judgmentPrinciple: a, principleTheory: b, judgmentTheory: c))
        self.m = m; self.n = n; self.k = k
        objective = Objective(problem)
        state = (0..<(m + n + k)).map { _ in 2.5 * rng.unit() - 1.25 }
        output = [Double](repeating: 0, count: m + n + k)
        fusedState = state
        reduced = ReducedObjective(objective: objective, start: state)
        gram = SymmetricMatrix(order: n + k)
    }

    /// `W x` through the blocks (`coherenceGradient`: every block read once per direction).
    @_spi(Benchmarks) public func blockProduct() { output = objective.coherenceGradient(state) }

    /// `(Wx)_J = α_JP A p + α_JT C t` (with k = 0: `A p` alone).
    @_spi(Benchmarks) public func judgmentPull() {
        state.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { objective.judgmentPull(x.baseAddress!, into: $0.baseAddress!) }
        }
    }

    /// `(Wx)_{P,T}` (with k = 0: `Aᵀ j` alone).
    @_spi(Benchmarks) public func reducedPull() {
        state.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { objective.reducedPull(x.baseAddress!, into: $0.baseAddress! + m) }
        }
    }

    /// The fused judgment pass (`Objective+FusedPass.swift`, C kernel; rows split across as many
    /// threads as OpenBLAS uses): one read of A (and C) gives the eliminated judgments
    /// `j*(p, t)` and `(Wx)_{P,T}` — the work of `judgmentPull` + `reducedPull`.
    @_spi(Benchmarks) public func fusedPass() {
        let reduced = objective.fusedJudgmentPass(&fusedState, fallback: objective.x0)
        output.withUnsafeMutableBufferPointer { o in
            reduced.withUnsafeBufferPointer { (o.baseAddress! + m).update(from: $0.baseAddress!, count: n + k) }
        }
    }

    /// The route the fused pass replaces, as the solvers took it before: `A p` (dgemv), the
    /// closed-form judgments, then `Aᵀ j` (dgemv) — two reads of A (and C).
    @_spi(Benchmarks) public func twoGemvPass() {
        let x = reduced.state(at: Array(state[m...]))
        x.withUnsafeBufferPointer { xb in
            output.withUnsafeMutableBufferPointer { objective.reducedPull(xb.baseAddress!, into: $0.baseAddress! + m) }
        }
    }

    /// The statistics pass of validation (`BlockStatisticsPass`, every output): one read of A and
    /// C with the range check, the non-zeros, absolute row and column sums, the Gram diagonal and
    /// the Collatz–Wielandt product `M̃ 1`.
    @_spi(Benchmarks) public func statisticsPass() {
        let weight = objective.lambda[..<m].map { $0 > 0 ? 1 / $0 : 0 }
        let pass = BlockStatisticsPass.run(objective.a, objective.c, alphaJP: objective.alphaJP, alphaJT: objective.alphaJT,
                                           x: [Double](repeating: 1, count: n + k), weight: weight, outputs: .all)
        output[0] = pass.gram.first ?? 0
    }

    /// The Gram sum `Σ w_i w_iᵀ / λ_i` of the first `rows` judgments from scratch (`dsyrk` in chunks).
    @_spi(Benchmarks) public func schurAccumulate(rows: Int) {
        gram = SymmetricMatrix(order: n + k)
        objective.accumulateJudgmentGram(rows: Array(0..<min(rows, m)), sign: 1, into: &gram)
    }

    /// A rank-`rows` correction of the Gram sum (rows spread evenly over the judgments), as the
    /// active-set solver applies when few judgments change status. Alternates adding and
    /// removing the same rows, so repeated calls keep the sum bounded.
    @_spi(Benchmarks) public func schurRankUpdate(rows: Int) {
        let count = min(rows, m)
        let indices = (0..<count).map { $0 * m / max(count, 1) }
        objective.accumulateJudgmentGram(rows: indices, sign: rankSign, into: &gram)
        rankSign = -rankSign
    }

    /// Projection of the state onto the box (`Objective.project`, N = m + n + k entries).
    @_spi(Benchmarks) public func project() { output = objective.project(state) }
}
