import Foundation
import Testing
@testable import ReflectiveEquilibrium

// Test support, independent of the library's numerics: a seeded RNG, generators of random
// problems (convex by construction, or strongly non-convex), a dense N × N model of docs/model.md
// built from the problem (W, H, c formed explicitly — tests only, tiny N), a dense projected
// Gauss–Seidel reference solver, Gaussian elimination and a Jacobi eigenvalue routine.

// MARK: - Seeded random numbers

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, explicitly seeded generator, so every random
/// problem in the tests is reproducible from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi)`, from the top 53 bits.
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * (Double(next() >> 11) * 0x1p-53)
    }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool { uniform(0, 1) < p }

    /// Uniform in `0..<n`.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// ±1 with equal probability.
    mutating func sign() -> Double { chance(0.5) ? 1 : -1 }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates).
    mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 { for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, below(i + 1)) } }
        return p
    }
}

// MARK: - Random problems

/// The shape of a random problem, used as a test argument.
struct ProblemShape: Sendable, Hashable, CustomTestStringConvertible {
    var m: Int
    var n: Int
    var k: Int
    /// Include a principle–principle block S.
    var withS = false
    /// Probability that a block entry is non-zero.
    var density = 0.6
    /// Lock about 10 % of the items (`lower == upper`) and tighten some bounds.
    var lockSome = false
    /// Multiply each `λ` by `10^U(0, lambdaSpread)` (still diagonally dominant, worse conditioned).
    var lambdaSpread = 0.0

    var testDescription: String {
        "\(m)×\(n)×\(k)" + (withS ? "+S" : "") + (lockSome ? "+locks" : "") + (lambdaSpread > 0 ? "+λ·10^\(lambdaSpread)" : "")
    }
    var count: Int { m + n + k }

    /// m ≫ n.
    static let tall = ProblemShape(m: 300, n: 10, k: 3, density: 0.4)
    /// No theories (k = 0).
    static let noTheories = ProblemShape(m: 60, n: 8, k: 0)
    /// Square-ish.
    static let squareish = ProblemShape(m: 40, n: 30, k: 8, density: 0.3)
    /// With principle–principle coherence S.
    static let principlePairs = ProblemShape(m: 50, n: 12, k: 4, withS: true)
    /// Tiny, every block dense.
    static let tiny = ProblemShape(m: 6, n: 3, k: 2, withS: true, density: 1)
    /// Some items locked, some bounds tightened, S present.
    static let locks = ProblemShape(m: 30, n: 6, k: 3, withS: true, lockSome: true)
    /// Anchoring spread over two decades.
    static let illConditioned = ProblemShape(m: 50, n: 12, k: 4, withS: true, lambdaSpread: 2)
    /// No judgments; no principles.
    static let noJudgments = ProblemShape(m: 0, n: 5, k: 3, withS: true)
    static let noPrinciples = ProblemShape(m: 8, n: 0, k: 3)

    /// The shapes every solver must agree on.
    static let agreement: [ProblemShape] = [.tall, .noTheories, .squareish, .principlePairs, .tiny, .locks,
                                            .illConditioned, .noJudgments, .noPrinciples]
}

/// A random problem with its seed, as a test argument.
struct SeededShape: Sendable, CustomTestStringConvertible {
    var shape: ProblemShape
    var seed: UInt64
    var testDescription: String { "\(shape.testDescription) seed \(seed)" }

    static func all(_ shapes: [ProblemShape], seeds: [UInt64]) -> [SeededShape] {
        shapes.flatMap { s in seeds.map { SeededShape(shape: s, seed: $0) } }
    }
}

/// A non-convex random problem, as a test argument.
struct NonConvexCase: Sendable, CustomTestStringConvertible {
    var m: Int, n: Int, k: Int
    var withS = false
    /// Corner equilibria (`true`) or mild non-convexity with interior items (`false`).
    var strong = true
    var seed: UInt64

    var testDescription: String { "\(m)×\(n)×\(k)" + (withS ? "+S" : "") + (strong ? " strong" : " mild") + " seed \(seed)" }
    var problem: Problem { RandomProblems.nonConvex(m: m, n: n, k: k, withS: withS, strong: strong, seed: seed) }

    static let all: [NonConvexCase] = [
        NonConvexCase(m: 12, n: 4, k: 2, seed: 1),
        NonConvexCase(m: 20, n: 5, k: 3, withS: true, seed: 2),
        NonConvexCase(m: 8, n: 3, k: 0, seed: 3),
        NonConvexCase(m: 16, n: 6, k: 2, withS: true, seed: 4),
        NonConvexCase(m: 12, n: 4, k: 2, strong: false, seed: 5),
        NonConvexCase(m: 20, n: 6, k: 3, withS: true, strong: false, seed: 6),
        NonConvexCase(m: 10, n: 5, k: 0, strong: false, seed: 7),
    ]
}

enum RandomProblems {
    /// A random matrix with entries `±U(lo, hi)` at the given density, else 0.
    static func block(_ rows: Int, _ cols: Int, density: Double, magnitude: ClosedRange<Double> = 0...1,
                      _ rng: inout SplitMix64) -> Matrix {
        var out = Matrix(rows: rows, columns: cols)
        for i in 0..<rows {
            for j in 0..<cols where rng.chance(density) {
                out[i, j] = rng.sign() * rng.uniform(magnitude.lowerBound, magnitude.upperBound)
            }
        }
        return out
    }

    /// A random symmetric zero-diagonal `n × n` matrix with entries of at most `scale`.
    static func symmetricBlock(_ n: Int, density: Double, scale: Double, _ rng: inout SplitMix64) -> Matrix {
        var s = Matrix(rows: n, columns: n)
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) where rng.chance(density) {
                let v = rng.uniform(-scale, scale)
                s[a, b] = v
                s[b, a] = v
            }
        }
        return s
    }

    /// Random initial values strictly or exactly inside the group's default bounds.
    static func initialValues(_ group: Group, _ count: Int, _ rng: inout SplitMix64) -> [Double] {
        let (lo, hi) = group.defaultBounds
        return (0..<count).map { _ in
            // A fifth sit exactly on a bound, so that clipping is exercised.
            rng.chance(0.2) ? (rng.chance(0.5) ? lo : hi) : rng.uniform(lo, hi)
        }
    }

    /// A random problem that is strictly convex by construction, in every mode: each `λ_i`
    /// exceeds the row sum `Σ_k |W_ik|` (with the block weights) by a margin, so `H = Λ − W` is
    /// strictly diagonally dominant, hence `H ≻ 0` (Gershgorin), on every principal submatrix.
    static func convex(_ shape: ProblemShape, seed: UInt64) -> Problem {
        var rng = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17)
        let (m, n, k) = (shape.m, shape.n, shape.k)
        let a = block(m, n, density: shape.density, &rng)
        let b = k > 0 ? block(n, k, density: shape.density, &rng) : nil
        let c = k > 0 ? block(m, k, density: shape.density, &rng) : nil
        let s = shape.withS ? symmetricBlock(n, density: shape.density, scale: 0.3, &rng) : nil
        let weights = BlockWeights(judgmentPrinciple: rng.uniform(0.5, 1.5), principleTheory: rng.uniform(0.5, 1.5),
                                   judgmentTheory: rng.uniform(0.5, 1.5), principlePrinciple: rng.uniform(0.5, 1.5))
        var groups = [ItemGroup(.judgment, count: m), ItemGroup(.principle, count: n), ItemGroup(.theory, count: k)]
        for g in 0..<3 { groups[g].initial = initialValues(groups[g].group, groups[g].count, &rng) }

        let compatibility = Compatibility(judgmentPrinciple: a, principleTheory: b, judgmentTheory: c, principlePrinciple: s)
        let rows = DenseModel.absoluteRowSums(compatibility, weights: weights, m: m, n: n, k: k)
        var offset = 0
        for g in 0..<3 {
            for i in 0..<groups[g].count {
                groups[g].confidence[i] = rows[offset + i] * rng.uniform(1.2, 2.0) + rng.uniform(0.3, 1.0)
                if shape.lambdaSpread > 0 { groups[g].confidence[i] *= pow(10, rng.uniform(0, shape.lambdaSpread)) }
                if groups[g].group == .principle && rng.chance(0.5) {
                    groups[g].parsimony[i] = rng.uniform(0, 0.3) * groups[g].confidence[i]
                }
                if shape.lockSome {
                    let x0 = groups[g].initial[i]
                    if rng.chance(0.1) {
                        groups[g].lower[i] = x0
                        groups[g].upper[i] = x0
                    } else if rng.chance(0.15) {
                        groups[g].lower[i] = max(groups[g].lower[i], x0 - rng.uniform(0.05, 0.4))
                        groups[g].upper[i] = min(groups[g].upper[i], x0 + rng.uniform(0.05, 0.4))
                    }
                }
            }
            offset += groups[g].count
        }
        return Problem(judgments: groups[0], principles: groups[1], theories: groups[2],
                       compatibility: compatibility, blockWeights: weights)
    }

    /// A small problem that is not convex. `strong`: dense blocks of magnitude ≥ 0.5 and weak
    /// anchoring `λ ∈ [0.05, 0.2)`, so the equilibria sit at corners of the box. Mild (not
    /// `strong`): every `λ_i ∈ [0.5, 0.9)·λ_max(W)` (Jacobi), so `v ᵀ H v < 0` for the top
    /// eigenvector v of W while the pulls are of the order of the anchoring, and some items stay
    /// inside the box.
    static func nonConvex(m: Int, n: Int, k: Int, withS: Bool = false, strong: Bool = true, seed: UInt64) -> Problem {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 3)
        let magnitude = strong ? 0.5...1.0 : 0.0...1.0
        let a = block(m, n, density: 1, magnitude: magnitude, &rng)
        let b = k > 0 ? block(n, k, density: 1, magnitude: magnitude, &rng) : nil
        let c = k > 0 ? block(m, k, density: 1, magnitude: magnitude, &rng) : nil
        let s = withS ? symmetricBlock(n, density: 1, scale: 0.8, &rng) : nil
        let compatibility = Compatibility(judgmentPrinciple: a, principleTheory: b, judgmentTheory: c, principlePrinciple: s)
        var anchoring = 0.05..<0.2
        if !strong {
            let size = m + n + k
            let w = DenseModel.coherenceMatrix(compatibility, m: m, n: n, k: k, alphaJP: 1, alphaPT: 1, alphaJT: 1, alphaPP: 1)
            let top = Dense.symmetricEigenvalues((0..<size).map { Array(w[($0 * size)..<(($0 + 1) * size)]) }).last!
            anchoring = (0.5 * top)..<(0.9 * top)
        }
        var groups = [ItemGroup(.judgment, count: m), ItemGroup(.principle, count: n), ItemGroup(.theory, count: k)]
        for g in 0..<3 {
            groups[g].initial = initialValues(groups[g].group, groups[g].count, &rng)
            groups[g].confidence = (0..<groups[g].count).map { _ in rng.uniform(anchoring.lowerBound, anchoring.upperBound) }
        }
        for a in 0..<n where rng.chance(0.5) { groups[1].parsimony[a] = rng.uniform(0, 0.3) }
        return Problem(judgments: groups[0], principles: groups[1], theories: groups[2], compatibility: compatibility)
    }

    /// The same problem with items of each group reordered: new item `i` of a group is old item
    /// `perm[i]`; blocks are permuted consistently. Ids travel with their items.
    static func permuted(_ p: Problem, judgments pj: [Int], principles pp: [Int], theories pt: [Int]) -> Problem {
        func reorder(_ g: ItemGroup, _ perm: [Int]) -> ItemGroup { ItemGroup(g.group, items: perm.map { g[$0] }) }
        func reorder(_ mat: Matrix?, rows: [Int], columns: [Int]) -> Matrix? {
            guard let mat else { return nil }
            var out = Matrix(rows: rows.count, columns: columns.count)
            for i in 0..<rows.count { for j in 0..<columns.count { out[i, j] = mat[rows[i], columns[j]] } }
            return out
        }
        let cp = p.compatibility
        return Problem(
            judgments: reorder(p.judgments, pj), principles: reorder(p.principles, pp), theories: reorder(p.theories, pt),
            compatibility: Compatibility(
                judgmentPrinciple: reorder(cp.judgmentPrinciple, rows: pj, columns: pp)!,
                principleTheory: reorder(cp.principleTheory, rows: pp, columns: pt),
                judgmentTheory: reorder(cp.judgmentTheory, rows: pj, columns: pt),
                principlePrinciple: reorder(cp.principlePrinciple, rows: pp, columns: pp)),
            blockWeights: p.blockWeights, mode: p.mode)
    }

    /// The same problem with every confidence `λ` (judgments, principles, theories) multiplied by `factor`.
    static func scaledConfidences(_ p: Problem, by factor: Double) -> Problem {
        var q = p
        q.judgments.confidence = p.judgments.confidence.map { $0 * factor }
        q.principles.confidence = p.principles.confidence.map { $0 * factor }
        q.theories.confidence = p.theories.confidence.map { $0 * factor }
        return q
    }

    /// A dense random problem with all confidences 1 before scaling (to be scaled near the
    /// convexity threshold). `signStructured`: every entry is `s_x s_y |w|` for a random signature
    /// s, so `W = S|W|S` (the diagonal-dominance bound is tight); else independent signs.
    static func nearBoundary(m: Int, n: Int, k: Int, signStructured: Bool, seed: UInt64) -> Problem {
        var rng = SplitMix64(seed: seed &* 0x51_7CC1 &+ 11)
        let size = m + n + k
        let sign = (0..<size).map { _ in rng.sign() }
        func entry(_ x: Int, _ y: Int) -> Double {
            let v = rng.uniform(0.1, 1)
            return signStructured ? sign[x] * sign[y] * v : rng.sign() * v
        }
        var a = Matrix(rows: m, columns: n), b = Matrix(rows: n, columns: k), c = Matrix(rows: m, columns: k)
        for i in 0..<m { for j in 0..<n { a[i, j] = entry(i, m + j) } }
        for i in 0..<n { for j in 0..<k { b[i, j] = entry(m + i, m + n + j) } }
        for i in 0..<m { for j in 0..<k { c[i, j] = entry(i, m + n + j) } }
        var groups = [ItemGroup(.judgment, count: m), ItemGroup(.principle, count: n), ItemGroup(.theory, count: k)]
        for g in 0..<3 {
            groups[g].initial = initialValues(groups[g].group, groups[g].count, &rng)
            groups[g].confidence = (0..<groups[g].count).map { _ in rng.uniform(0.5, 2) }
        }
        return Problem(judgments: groups[0], principles: groups[1], theories: groups[2],
                       compatibility: Compatibility(judgmentPrinciple: a, principleTheory: k > 0 ? b : nil,
                                                    judgmentTheory: k > 0 ? c : nil))
    }

    /// The same problem with every `λ`, every `μ` and every block weight `α` multiplied by `factor`.
    static func scaled(_ p: Problem, by factor: Double) -> Problem {
        var q = p
        q.judgments.confidence = p.judgments.confidence.map { $0 * factor }
        q.principles.confidence = p.principles.confidence.map { $0 * factor }
        q.theories.confidence = p.theories.confidence.map { $0 * factor }
        q.principles.parsimony = p.principles.parsimony.map { $0 * factor }
        let w = p.blockWeights
        q.blockWeights = BlockWeights(judgmentPrinciple: w.judgmentPrinciple * factor, principleTheory: w.principleTheory * factor,
                                      judgmentTheory: w.judgmentTheory * factor, principlePrinciple: w.principlePrinciple * factor)
        return q
    }
}

// MARK: - Hand-built problems

/// Builders for tiny hand-computed problems.
enum Tiny {
    static func judgment(_ id: String, _ x0: Double, confidence: Double, lower: Double = -1, upper: Double = 1) -> Item {
        Item(id: id, group: .judgment, initial: x0, confidence: confidence, lower: lower, upper: upper)
    }

    static func principle(_ id: String, _ x0: Double, confidence: Double, parsimony: Double = 0,
                          lower: Double = 0, upper: Double = 1) -> Item {
        Item(id: id, group: .principle, initial: x0, confidence: confidence, lower: lower, upper: upper, parsimony: parsimony)
    }

    static func theory(_ id: String, _ x0: Double, confidence: Double, lower: Double = 0, upper: Double = 1) -> Item {
        Item(id: id, group: .theory, initial: x0, confidence: confidence, lower: lower, upper: upper)
    }

    /// A problem from items and dense blocks (rows × columns as nested arrays).
    static func problem(judgments: [Item], principles: [Item], theories: [Item] = [],
                        a: [[Double]], b: [[Double]]? = nil, c: [[Double]]? = nil, s: [[Double]]? = nil,
                        weights: BlockWeights = BlockWeights(), mode: Mode = .wide) -> Problem {
        Problem(judgments: ItemGroup(.judgment, items: judgments), principles: ItemGroup(.principle, items: principles),
                theories: ItemGroup(.theory, items: theories),
                compatibility: Compatibility(judgmentPrinciple: Matrix(rows: judgments.count, columns: principles.count,
                                                                       storage: a.flatMap { $0 }),
                                             principleTheory: b.map(Matrix.init), judgmentTheory: c.map(Matrix.init),
                                             principlePrinciple: s.map(Matrix.init)),
                blockWeights: weights, mode: mode)
    }
}

/// `min(max(v, lo), hi)`.
func clip(_ v: Double, _ lo: Double, _ hi: Double) -> Double { min(max(v, lo), hi) }

/// `max_i |a_i − b_i|` (∞ on a length mismatch, NaN-propagating).
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    var d = 0.0
    for i in 0..<a.count {
        let v = abs(a[i] - b[i])
        if !(v <= d) { d = v }
    }
    return d
}

/// Relative closeness for scalars: `|a − b| ≤ tol · max(1, |a|, |b|)`.
func isClose(_ a: Double, _ b: Double, _ tol: Double) -> Bool { abs(a - b) <= tol * max(1, abs(a), abs(b)) }

// MARK: - Solving helpers

/// The continuous solver variants, which must agree on convex problems (docs/solvers.md).
let continuousSolvers: [SolverKind] = SolverKind.continuous

/// Rounding slack when the test recomputes a residual through its own dense loops.
let recomputeSlack = 1e-11

/// Checks the labelling contract on any result (docs/model.md, docs/results.md): a `converged`
/// status means the scaled residual is within the tolerance (or at the rounding floor the result
/// names), and only converged results are equilibria.
func expectHonestLabel(_ r: Equilibrium, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.isEquilibrium == (r.status == .converged), "\(context)", sourceLocation: sourceLocation)
    let accepted = max(r.tolerance, r.roundingFloor ?? 0)
    if r.status == .converged {
        #expect(r.scaledResidual <= accepted, "\(r.solver.rawValue) \(context): converged with scaled residual \(r.scaledResidual)",
                sourceLocation: sourceLocation)
    }
    if !(r.scaledResidual <= accepted) {
        #expect(r.status != .converged, "\(r.solver.rawValue) \(context)", sourceLocation: sourceLocation)
    }
}

/// Checks that `r` converged to a KKT point of `dense`: status, the reported scaled residual and
/// the scaled residual recomputed densely, and feasibility.
func expectConvergedKKT(_ r: Equilibrium, _ dense: DenseModel, tolerance: Double = 1e-9, _ context: String = "",
                        sourceLocation: SourceLocation = #_sourceLocation) {
    expectHonestLabel(r, context, sourceLocation: sourceLocation)
    #expect(r.status == .converged, "\(r.solver.rawValue) \(context): status \(r.status), scaled residual \(r.scaledResidual), \(r.iterations) iterations",
            sourceLocation: sourceLocation)
    #expect(r.scaledResidual <= tolerance, "\(r.solver.rawValue) \(context): scaled residual \(r.scaledResidual)", sourceLocation: sourceLocation)
    let x = r.state
    let dr = dense.scaledResidual(x)
    #expect(dr <= tolerance + recomputeSlack, "\(r.solver.rawValue) \(context): dense scaled residual \(dr)", sourceLocation: sourceLocation)
    #expect(dense.isFeasible(x), "\(r.solver.rawValue) \(context): state leaves the box", sourceLocation: sourceLocation)
}

// MARK: - The dense model (tests only)

/// Revisable groups per mode, from the table of docs/modes.md (not from the library).
func revisableGroups(_ mode: Mode) -> Set<Group> {
    switch mode {
    case .wide: return [.judgment, .principle, .theory]
    case .narrow: return [.judgment, .principle]
    case .topDown: return [.judgment]
    case .bottomUp: return [.principle, .theory]
    }
}

/// docs/model.md with W formed as an explicit N × N matrix (row-major), under a mode (docs/modes.md):
/// locked groups get `l = u = clip(x0)`, `narrow` drops the theory blocks.
struct DenseModel {
    let m: Int, n: Int, k: Int
    var count: Int { m + n + k }
    /// W, row-major N × N.
    var w: [Double]
    var lambda: [Double], x0: [Double], mu: [Double], lower: [Double], upper: [Double]

    init(_ problem: Problem, mode: Mode? = nil) {
        let mode = mode ?? problem.mode
        (m, n, k) = (problem.judgments.count, problem.principles.count, problem.theories.count)
        let bw = problem.blockWeights
        let theoryFactor = mode == .narrow ? 0.0 : 1.0
        w = Self.coherenceMatrix(problem.compatibility, m: m, n: n, k: k,
                                 alphaJP: bw.judgmentPrinciple, alphaPT: bw.principleTheory * theoryFactor,
                                 alphaJT: bw.judgmentTheory * theoryFactor, alphaPP: bw.principlePrinciple)
        lambda = []; x0 = []; mu = []; lower = []; upper = []
        let revisable = revisableGroups(mode)
        for g in [problem.judgments, problem.principles, problem.theories] {
            lambda += g.confidence
            x0 += g.initial
            mu += g.group == .principle ? g.parsimony : [Double](repeating: 0, count: g.count)
            for i in 0..<g.count {
                if revisable.contains(g.group) {
                    lower.append(g.lower[i]); upper.append(g.upper[i])
                } else {
                    let v = clip(g.initial[i], g.lower[i], g.upper[i])
                    lower.append(v); upper.append(v)
                }
            }
        }
    }

    /// The N × N coherence matrix with the given weights (docs/model.md / Compatibility docs).
    static func coherenceMatrix(_ cp: Compatibility, m: Int, n: Int, k: Int,
                                alphaJP: Double, alphaPT: Double, alphaJT: Double, alphaPP: Double) -> [Double] {
        let size = m + n + k
        var w = [Double](repeating: 0, count: size * size)
        func set(_ i: Int, _ j: Int, _ v: Double) { w[i * size + j] = v; w[j * size + i] = v }
        for i in 0..<m { for a in 0..<n { set(i, m + a, alphaJP * cp.judgmentPrinciple[i, a]) } }
        if let s = cp.principlePrinciple { for a in 0..<n { for b in 0..<n { w[(m + a) * size + m + b] = alphaPP * s[a, b] } } }
        if let b = cp.principleTheory { for a in 0..<n { for c in 0..<k { set(m + a, m + n + c, alphaPT * b[a, c]) } } }
        if let c = cp.judgmentTheory { for i in 0..<m { for t in 0..<k { set(i, m + n + t, alphaJT * c[i, t]) } } }
        return w
    }

    /// `Σ_k |W_ik|` for every item, with all block weights (the bound used to make problems convex).
    static func absoluteRowSums(_ cp: Compatibility, weights bw: BlockWeights, m: Int, n: Int, k: Int) -> [Double] {
        var rows = [Double](repeating: 0, count: m + n + k)
        func add(_ i: Int, _ j: Int, _ v: Double) { rows[i] += abs(v); rows[j] += abs(v) }
        for i in 0..<m { for a in 0..<n { add(i, m + a, bw.judgmentPrinciple * cp.judgmentPrinciple[i, a]) } }
        if let s = cp.principlePrinciple { for a in 0..<n { for b in 0..<n { rows[m + a] += abs(bw.principlePrinciple * s[a, b]) } } }
        if let b = cp.principleTheory { for a in 0..<n { for c in 0..<k { add(m + a, m + n + c, bw.principleTheory * b[a, c]) } } }
        if let c = cp.judgmentTheory { for i in 0..<m { for t in 0..<k { add(i, m + n + t, bw.judgmentTheory * c[i, t]) } } }
        return rows
    }

    func wEntry(_ i: Int, _ j: Int) -> Double { w[i * count + j] }

    /// `H = Λ − W`, row-major.
    var hessian: [Double] {
        var h = w.map { -$0 }
        for i in 0..<count { h[i * count + i] += lambda[i] }
        return h
    }

    /// `c = Λ x0 − μ̃`.
    var linear: [Double] {
        var c = [Double](repeating: 0, count: count)
        for i in 0..<count { c[i] = lambda[i] * x0[i] - mu[i] }
        return c
    }

    /// `W x`.
    func coherenceGradient(_ x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var s = 0.0
            for j in 0..<count { s += w[i * count + j] * x[j] }
            out[i] = s
        }
        return out
    }

    /// `∇f(x) = H x − c`.
    func gradient(_ x: [Double]) -> [Double] {
        let wx = coherenceGradient(x), c = linear
        var g = [Double](repeating: 0, count: count)
        for i in 0..<count { g[i] = lambda[i] * x[i] - wx[i] - c[i] }
        return g
    }

    /// `f(x) = ½ xᵀ H x − cᵀ x`.
    func value(_ x: [Double]) -> Double {
        let wx = coherenceGradient(x), c = linear
        var f = 0.0
        for i in 0..<count {
            let quadratic: Double = 0.5 * x[i] * (lambda[i] * x[i] - wx[i])
            f += quadratic - c[i] * x[i]
        }
        return f
    }

    /// `½ xᵀ W x`.
    func coherence(_ x: [Double]) -> Double {
        let wx = coherenceGradient(x)
        var s = 0.0
        for i in 0..<count { s += x[i] * wx[i] }
        return 0.5 * s
    }

    /// `½ Σ λ (x − x0)²`.
    func revisionCost(_ x: [Double]) -> Double {
        var s = 0.0
        for i in 0..<count { s += lambda[i] * (x[i] - x0[i]) * (x[i] - x0[i]) }
        return 0.5 * s
    }

    /// `μ̃ᵀ x`.
    func parsimonyCost(_ x: [Double]) -> Double {
        var s = 0.0
        for i in 0..<count { s += mu[i] * x[i] }
        return s
    }

    /// `½ Σ λ x0²`, the constant between the maximized total and `−f`.
    var anchorConstant: Double {
        var s = 0.0
        for i in 0..<count { s += lambda[i] * x0[i] * x0[i] }
        return 0.5 * s
    }

    /// `‖x − Π_[l,u](x − ∇f(x))‖_∞`, NaN-propagating.
    func kktResidual(_ x: [Double]) -> Double {
        let g = gradient(x)
        var r = 0.0
        for i in 0..<count {
            let v = abs(x[i] - clip(x[i] - g[i], lower[i], upper[i]))
            if !(v <= r) { r = v }
        }
        return r
    }

    /// The diagonal of the scaled residual, recomputed from the dense W: `D_i = max(λ_i,
    /// 10⁻⁴ Σ_j |W_ij|)`, items with neither taking the largest `D_i` (1 when all vanish).
    var residualScale: [Double] {
        var d = (0..<count).map { i in max(lambda[i], 1e-4 * (0..<count).reduce(0.0) { $0 + abs(w[i * count + $1]) }) }
        let fallback = d.max().map { $0 > 0 ? $0 : 1 } ?? 1
        for i in 0..<count where !(d[i] > 0) { d[i] = fallback }
        return d
    }

    /// `‖x − Π_[l,u](x − D⁻¹∇f(x))‖_∞`, NaN-propagating.
    func scaledResidual(_ x: [Double]) -> Double {
        let g = gradient(x), d = residualScale
        var r = 0.0
        for i in 0..<count {
            let v = abs(x[i] - clip(x[i] - g[i] / d[i], lower[i], upper[i]))
            if !(v <= r) { r = v }
        }
        return r
    }

    func isFeasible(_ x: [Double]) -> Bool {
        x.count == count && (0..<count).allSatisfy { lower[$0] <= x[$0] && x[$0] <= upper[$0] }
    }

    func project(_ x: [Double]) -> [Double] { (0..<count).map { clip(x[$0], lower[$0], upper[$0]) } }

    /// Indices with `lower < upper`.
    var freeIndices: [Int] { (0..<count).filter { lower[$0] < upper[$0] } }

    /// The principal submatrix of H on `indices`, as nested rows.
    func hessian(on indices: [Int]) -> [[Double]] {
        let h = hessian
        return indices.map { i in indices.map { j in h[i * count + j] } }
    }

    /// The smallest eigenvalue of H restricted to the free items (Jacobi); +∞ when none is free.
    var smallestFreeEigenvalue: Double {
        let f = freeIndices
        return f.isEmpty ? .infinity : Dense.symmetricEigenvalues(hessian(on: f)).first!
    }

    /// The Schur complement of the free judgments in H on the free principles and theories,
    /// `H_YY − H_YJ H_JJ⁻¹ H_JY` (H_JJ = Λ_J is diagonal; every free judgment needs λ > 0).
    func schurComplement() -> [[Double]] {
        let free = freeIndices
        let freeJ = free.filter { $0 < m }, freeY = free.filter { $0 >= m }
        let h = hessian
        return freeY.map { a in
            freeY.map { b in
                freeJ.reduce(h[a * count + b]) { $0 - h[a * count + $1] * h[$1 * count + b] / lambda[$1] }
            }
        }
    }

    /// The minimizer over the box by projected Gauss–Seidel from `clip(x0)` (convex problems:
    /// every free item with `λ > 0`, or a `λ = 0` item whose neighbours are locked).
    func referenceSolution(tolerance: Double = 1e-12, maxSweeps: Int = 20_000) -> [Double] {
        let h = hessian, c = linear
        var x = project(x0)
        let free = freeIndices
        for _ in 0..<maxSweeps {
            for i in free {
                var r = c[i]
                for j in 0..<count where j != i { r -= h[i * count + j] * x[j] }
                let hii = h[i * count + i]
                if hii > 0 { x[i] = clip(r / hii, lower[i], upper[i]) } else if r > 0 { x[i] = upper[i] } else if r < 0 { x[i] = lower[i] }
            }
            if kktResidual(x) <= tolerance { break }
        }
        return x
    }
}

// MARK: - Dense linear algebra (tests only)

enum Dense {
    /// Solves `a x = b` by Gaussian elimination with partial pivoting; `nil` when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var m = a, v = b
        for col in 0..<n {
            guard let p = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[p][col]) > 1e-300 else { return nil }
            m.swapAt(col, p); v.swapAt(col, p)
            for r in (col + 1)..<max(col + 1, n) {
                let f = m[r][col] / m[col][col]
                if f == 0 { continue }
                for c in col..<n { m[r][c] -= f * m[col][c] }
                v[r] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = v[r]
            for c in (r + 1)..<max(r + 1, n) { s -= m[r][c] * x[c] }
            x[r] = s / m[r][r]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }

    /// All eigenvalues of a symmetric matrix, ascending, by the cyclic Jacobi method.
    static func symmetricEigenvalues(_ matrix: [[Double]]) -> [Double] {
        var a = matrix
        let n = a.count
        let scale = max(a.flatMap { $0 }.map { abs($0) }.max() ?? 0, 1e-300)
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { off += a[i][j] * a[i][j] } }
            if off <= 1e-30 * scale * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for r in 0..<n {
                        let arp = a[r][p], arq = a[r][q]
                        a[r][p] = c * arp - s * arq
                        a[r][q] = s * arp + c * arq
                    }
                    for r in 0..<n {
                        let apr = a[p][r], aqr = a[q][r]
                        a[p][r] = c * apr - s * aqr
                        a[q][r] = s * apr + c * aqr
                    }
                }
            }
        }
        return (0..<n).map { a[$0][$0] }.sorted()
    }
}
