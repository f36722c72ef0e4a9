import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// Planted instances (`PlantedInstance`, `wre generate`): determinism byte for byte, the
/// manifest against the in-memory instance, the regime guaranteed by construction (checked by the
/// solver's certificate), the planted structure and truth, recovery, and parameter errors.
@Suite("Planted instances")
struct GeneratorTests {
    /// A parameter set as a test argument.
    struct Case: Sendable, CustomTestStringConvertible {
        var parameters: PlantedParameters
        var testDescription: String {
            let p = parameters
            return "\(p.judgments)×\(p.principles)×\(p.theories) T=\(p.truePrinciples) d=(\(p.judgmentPrincipleDensity), \(p.principleTheoryDensity), \(p.judgmentTheoryDensity)) noise \(p.noise) λ=(\(p.judgmentAnchoring), \(p.principleAnchoring), \(p.theoryAnchoring)) seed \(p.seed)"
        }
    }

    /// Varied shapes: with and without theories, all principles true, full and empty blocks,
    /// uneven anchoring.
    static func cases(_ regime: PlantedRegime, seeds: [UInt64] = [1, 2, 3]) -> [Case] {
        let shapes = [
            PlantedParameters(judgments: 150, principles: 20, theories: 5),
            PlantedParameters(judgments: 80, principles: 12, theories: 0),
            PlantedParameters(judgments: 60, principles: 8, theories: 3, truePrinciples: 8),
            PlantedParameters(judgments: 40, principles: 6, theories: 2, judgmentPrincipleDensity: 1,
                              principleTheoryDensity: 1, judgmentTheoryDensity: 1, truePrinciples: 2),
            PlantedParameters(judgments: 200, principles: 25, theories: 4, judgmentPrincipleDensity: 0.2, noise: 0.3,
                              judgmentAnchoring: 0.3, principleAnchoring: 3, theoryAnchoring: 0.5, parsimony: 0),
            PlantedParameters(judgments: 50, principles: 5, theories: 3, judgmentPrincipleDensity: 0, truePrinciples: 1),
        ]
        return shapes.flatMap { shape in
            seeds.map { seed in
                var p = shape
                p.regime = regime
                p.seed = seed
                return Case(parameters: p)
            }
        }
    }

    static let small = PlantedParameters(judgments: 150, principles: 20, theories: 5, seed: 7)

    static let fileNames = ["A.npy", "B.npy", "C.npy", "j.npy", "p.npy", "t.npy", "problem.json", "truth.json"]

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("generator-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file in `directory`, by name.
    static func contents(_ directory: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            out[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return out
    }

    /// Writes `parameters` to a fresh directory and returns its files; the directory is removed.
    static func written(_ parameters: PlantedParameters, dtype: NPYDType = .float64) throws -> [String: Data] {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try PlantedInstance.write(parameters, to: dir.appendingPathComponent("instance"), dtype: dtype)
        #expect(manifest.lastPathComponent == PlantedInstance.manifestName)
        return try contents(manifest.deletingLastPathComponent())
    }

    // MARK: Determinism

    @Test("the same seed writes the same bytes, file by file", arguments: NPYDType.allCases)
    func sameSeedSameBytes(dtype: NPYDType) throws {
        let first = try Self.written(Self.small, dtype: dtype)
        let second = try Self.written(Self.small, dtype: dtype)
        #expect(first.keys.sorted() == Self.fileNames.sorted())
        for name in Self.fileNames { #expect(first[name] == second[name], "\(name) differs between two runs") }
        let (problem, truth) = try PlantedInstance.generate(Self.small)
        let again = try PlantedInstance.generate(Self.small)
        #expect(problem == again.problem && truth == again.truth)
    }

    @Test("a different seed gives a different instance")
    func differentSeed() throws {
        var other = Self.small
        other.seed += 1
        let a = try Self.written(Self.small), b = try Self.written(other)
        for name in ["A.npy", "B.npy", "C.npy", "j.npy", "truth.json"] { #expect(a[name] != b[name], "\(name) is the same for two seeds") }
        #expect(try PlantedInstance.generate(Self.small).problem != PlantedInstance.generate(other).problem)
    }

    // MARK: Files

    @Test("the float64 manifest reads back as the in-memory instance, and truth.json as its truth", arguments: cases(.convex, seeds: [4]) + cases(.nonconvex, seeds: [4]))
    func manifestMatchesMemory(_ c: Case) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try PlantedInstance.write(c.parameters, to: dir)
        let (problem, truth) = try PlantedInstance.generate(c.parameters)
        try problem.validate()
        let read = try Problem(contentsOf: manifest)
        #expect(read == problem)
        let data = try Data(contentsOf: dir.appendingPathComponent(PlantedInstance.truthName))
        #expect(try JSONDecoder().decode(PlantedTruth.self, from: data) == truth)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let expected = c.parameters.theories > 0 ? Self.fileNames : ["A.npy", "j.npy", "p.npy", "problem.json", "truth.json"]
        #expect(files == expected.sorted())
    }

    @Test("float32 files hold the same blocks, initial values and anchoring as float64 ones")
    func float32SameInstance() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p64 = try Problem(contentsOf: PlantedInstance.write(Self.small, to: dir.appendingPathComponent("64")))
        let p32 = try Problem(contentsOf: PlantedInstance.write(Self.small, to: dir.appendingPathComponent("32"), dtype: .float32))
        #expect(p32.compatibility == p64.compatibility)
        for group in Group.allCases {
            #expect(p32.items(group).initial == p64.items(group).initial)
            #expect(p32.items(group).confidence == p64.items(group).confidence)
        }
        let a = try #require(try Self.contents(dir.appendingPathComponent("32"))["A.npy"])
        #expect(a.count == 128 + 150 * 20 * 4)
    }

    @Test("the streaming .npy writer gives numpy.save's bytes across buffer boundaries", arguments: NPYDType.allCases)
    func streamingWriter(dtype: NPYDType) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = PlantedRandom(seed: 3)
        var matrix = Matrix(rows: 11, columns: 7)
        for i in 0..<11 { for j in 0..<7 where rng.chance(0.4) { matrix[i, j] = rng.unit() - 0.5 } }
        for bufferBytes in [1, 3 * 7 * dtype.itemSize, 1 << 20] {
            let url = dir.appendingPathComponent("m\(bufferBytes).npy")
            let writer = try NPYStreamWriter(url: url, dtype: dtype, rows: 11, columns: 7, bufferBytes: bufferBytes)
            for i in 0..<11 {
                if i % 2 == 0 {
                    try writer.append(Array(matrix.storage[(i * 7)..<((i + 1) * 7)]))
                } else {
                    for j in 0..<7 where matrix[i, j] != 0 { writer.set(j, matrix[i, j]) }
                    try writer.endRow()
                }
            }
            try writer.finish()
            #expect(try Data(contentsOf: url) == NPYArray(matrix).data(dtype: dtype), "buffer of \(bufferBytes) bytes")
        }
    }

    // MARK: Regimes

    @Test("convex: the one-pass certificate proves uniqueness; the exact margin is at least the planted bound", arguments: cases(.convex))
    func convexByConstruction(_ c: Case) throws {
        let (problem, truth) = try PlantedInstance.generate(c.parameters)
        let bound = try #require(truth.convexityBound)
        #expect(bound > 0)
        let certificate = try problem.solve(.activeSet).certificate
        #expect(certificate.convex == true && certificate.unique == true, "\(certificate.note)")
        // W = S|W|S in planted instances: the diagonal-dominance bound certifies without a Gram sum
        // (small instances take the cheaper Cholesky route; the bound is checked directly).
        let o = Objective(problem)
        let freeJ = (0..<o.m).filter { !o.isLocked($0) }, freeY = (0..<o.reducedCount).filter { !o.isLocked(o.m + $0) }
        let margin = try #require(o.dominanceMargin(freeJudgments: freeJ, freeY: freeY), "the one-pass bound does not certify")
        // The exact smallest eigenvalue of the Schur complement (Cholesky route) is at least both
        // the planted bound and the one-pass margin (each a certified lower bound on it).
        let exact = o.choleskyCertificate(freeJudgments: freeJ, freeY: freeY, held: nil)
        let lambdaMin = try #require(exact.convexityMargin)
        #expect(exact.convex == true)
        #expect(lambdaMin >= bound - 1e-9 * max(1, bound), "exact margin \(lambdaMin) below the planted bound \(bound)")
        #expect(margin > 0 && margin <= lambdaMin * (1 + 1e-9), "one-pass margin \(margin), exact \(lambdaMin)")
        // A healthy margin, but not one that anchors everything: the bound is a sizeable share of
        // the principle anchoring and not far below the true margin.
        let anchoring = (problem.principles.confidence + problem.theories.confidence).min()!
        #expect(bound >= 0.05 * anchoring)
    }

    @Test("nonconvex: the certificate refutes convexity, and says which common factor would certify it", arguments: cases(.nonconvex))
    func nonconvexByConstruction(_ c: Case) throws {
        let (problem, truth) = try PlantedInstance.generate(c.parameters)
        #expect(truth.convexityBound == nil)
        let certificate = Objective(problem).certify()
        #expect(certificate.convex == false && certificate.unique == nil, "\(certificate.note)")
        #expect((certificate.convexityMargin ?? 0) < 0)
        let scale = try #require(certificate.certifyingScale)
        #expect(scale > 1)
        #expect(try problem.solve(.activeSet).certificate.convex == false)
    }

    // MARK: Planted structure and truth

    @Test("the truth lists round(noise·m) flipped judgments and T true principles", arguments: cases(.convex, seeds: [5]))
    func truthSizes(_ c: Case) throws {
        let p = c.parameters
        let (problem, truth) = try PlantedInstance.generate(p)
        #expect(truth.parameters == p)
        #expect(truth.flippedJudgments.count == Int((p.noise * Double(p.judgments)).rounded()))
        #expect(truth.truePrinciples.count == p.truePrinciples)
        let ids = Set(problem.judgments.ids + problem.principles.ids)
        for list in [truth.flippedJudgments, truth.truePrinciples] {
            #expect(Set(list).count == list.count)
            #expect(list.allSatisfy(ids.contains))
            #expect(list == list.sorted { Int($0.dropFirst())! < Int($1.dropFirst())! })
        }
    }

    @Test("blocks follow the truth: true principles agree with the verdicts, false ones conflict, flipped judgments start against them")
    func plantedSigns() throws {
        let p = PlantedParameters(judgments: 400, principles: 40, theories: 6, truePrinciples: 16, seed: 9)
        let (problem, truth) = try PlantedInstance.generate(p)
        let a = problem.compatibility.judgmentPrinciple, c = try #require(problem.compatibility.judgmentTheory)
        let b = try #require(problem.compatibility.principleTheory)
        let isTrue = Set(truth.truePrinciples.map { Int($0.dropFirst())! })
        let flipped = Set(truth.flippedJudgments.map { Int($0.dropFirst())! })
        // The verdict of a judgment is its initial value, turned back if flipped.
        let verdict = (0..<p.judgments).map { problem.judgments.initial[$0] * (flipped.contains($0) ? -1 : 1) }
        #expect(problem.judgments.initial.allSatisfy { abs($0) == 1 })
        var trueTheory = [Bool?](repeating: nil, count: p.theories)
        for i in 0..<p.judgments {
            for col in 0..<p.principles where a[i, col] != 0 {
                #expect((a[i, col] * verdict[i] > 0) == isTrue.contains(col), "A[\(i), \(col)]")
            }
            for col in 0..<p.theories where c[i, col] != 0 {
                let agrees = c[i, col] * verdict[i] > 0
                #expect(trueTheory[col] == nil || trueTheory[col] == agrees, "C[\(i), \(col)]")
                trueTheory[col] = agrees
            }
        }
        for r in 0..<p.principles {
            for col in 0..<p.theories where b[r, col] != 0 {
                #expect((b[r, col] > 0) == (isTrue.contains(r) == trueTheory[col]), "B[\(r), \(col)]")
            }
        }
        // Every entry is a Float in [-1, 1]; the true side weighs in [0.5, 1).
        for v in a.storage + b.storage + c.storage { #expect(abs(v) <= 1 && Double(Float(v)) == v) }
        // Regular pattern: every row holds d·T = 1.6 true principles (1 or 2), and density d overall.
        for i in 0..<p.judgments {
            let count = isTrue.filter { a[i, $0] != 0 }.count
            #expect(count == 1 || count == 2)
        }
        let nonzero = Double(a.storage.filter { $0 != 0 }.count) / Double(p.judgments * p.principles)
        #expect(abs(nonzero - p.judgmentPrincipleDensity) < 0.01)
        // Each true column is hit equally often (within one).
        let hits = isTrue.map { col in (0..<p.judgments).filter { a[$0, col] != 0 }.count }
        #expect(hits.max()! - hits.min()! <= 1)
    }

    // MARK: Recovery

    @Test("recovery on the default convex instance (1000 × 100 × 10, noise 0.1) is above one half for both shares")
    func recoveryOnDefault() throws {
        let (problem, truth) = try PlantedInstance.generate(PlantedParameters(judgments: 1000, principles: 100, theories: 10))
        let result = try problem.solve(.activeSet)
        #expect(result.isEquilibrium)
        let recovery = result.recovery(of: truth)
        #expect(recovery.principlesAdopted > 0.5, "\(recovery)")
        #expect(recovery.flippedReversed > 0.5, "\(recovery)")
        // Computed from the items directly.
        let adopted = truth.truePrinciples.filter { result.item($0)?.class == .adopted }.count
        #expect(recovery.principlesAdopted == Double(adopted) / Double(truth.truePrinciples.count))
        let reversed = truth.flippedJudgments.filter { id in result.item(id).map { $0.value * $0.initial < -0.1 } ?? false }.count
        #expect(recovery.flippedReversed == Double(reversed) / Double(truth.flippedJudgments.count))
    }

    @Test("recovery of an empty list is 1, of unknown ids 0")
    func recoveryEdges() throws {
        let (problem, truth) = try PlantedInstance.generate(Self.small)
        let result = try problem.solve(.activeSet)
        var empty = truth
        empty.truePrinciples = []
        empty.flippedJudgments = []
        let none = result.recovery(of: empty)
        #expect(none.principlesAdopted == 1 && none.flippedReversed == 1)
        var unknown = truth
        unknown.truePrinciples = ["nope"]
        unknown.flippedJudgments = ["p0"]
        let missing = result.recovery(of: unknown)
        #expect(missing.principlesAdopted == 0 && missing.flippedReversed == 0)
    }

    // MARK: Errors

    static let badParameters: [(String, @Sendable (inout PlantedParameters) -> Void)] = [
        ("judgments", { $0.judgments = 0 }), ("principles", { $0.principles = -1 }), ("theories", { $0.theories = -2 }),
        ("judgmentPrincipleDensity", { $0.judgmentPrincipleDensity = 1.5 }),
        ("principleTheoryDensity", { $0.principleTheoryDensity = -0.1 }),
        ("judgmentTheoryDensity", { $0.judgmentTheoryDensity = .nan }),
        ("truePrinciples", { $0.truePrinciples = 0 }), ("truePrinciples", { $0.truePrinciples = 21 }),
        ("noise", { $0.noise = 1.01 }), ("noise", { $0.noise = -0.5 }),
        ("judgmentAnchoring", { $0.judgmentAnchoring = 0 }), ("principleAnchoring", { $0.principleAnchoring = -1 }),
        ("theoryAnchoring", { $0.theoryAnchoring = .infinity }), ("parsimony", { $0.parsimony = -0.01 }),
        ("regime", {
            $0.regime = .nonconvex; $0.judgmentPrincipleDensity = 0; $0.principleTheoryDensity = 0; $0.judgmentTheoryDensity = 0
        }),
    ]

    @Test("bad parameters throw an error that names them, and write nothing", arguments: 0..<badParameters.count)
    func badParameter(_ index: Int) throws {
        let (name, mutate) = Self.badParameters[index]
        var p = Self.small
        mutate(&p)
        #expect(throws: PlantedError.self) { try p.validate() }
        do {
            _ = try PlantedInstance.generate(p)
            Issue.record("generate accepted a bad \(name)")
        } catch let error as PlantedError {
            #expect(error.parameter == name)
            #expect(error.description.hasPrefix(name))
        }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("instance")
        #expect(throws: PlantedError.self) { try PlantedInstance.write(p, to: target) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test("defaults: T = max(1, n/5), densities 0.1/0.3/0.05, noise 0.1, anchoring 1, μ 0.01, convex, seed 1")
    func defaults() {
        let p = PlantedParameters(judgments: 10, principles: 23, theories: 1)
        #expect(p.truePrinciples == 4)
        #expect(PlantedParameters(judgments: 10, principles: 3, theories: 0).truePrinciples == 1)
        #expect([p.judgmentPrincipleDensity, p.principleTheoryDensity, p.judgmentTheoryDensity, p.noise] == [0.1, 0.3, 0.05, 0.1])
        #expect([p.judgmentAnchoring, p.principleAnchoring, p.theoryAnchoring, p.parsimony] == [1, 1, 1, 0.01])
        #expect(p.regime == .convex && p.seed == 1)
    }
}
