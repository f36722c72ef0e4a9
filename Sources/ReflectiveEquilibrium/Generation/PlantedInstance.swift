import Foundation

/// Planted instances (`wre generate`): problems with a known truth, for benchmarks and for
/// checking that solvers recover it.
///
/// The construction (see `PlantedParameters`, `PlantedDesign`): every judgment i has a true
/// verdict `vᵢ = ±1`; true principles bear on judgments with their verdicts (`A_ia = vᵢ w`),
/// false principles against them with weaker weights (their total at most a quarter of the
/// truth's); true theories support true principles and undermine false ones (`B`) and bear on
/// judgments with their verdicts (`C`), false theories the reverse. Weights are uniform on
/// [0.5, 1) (scaled for the false side) and exactly representable as `Float`. The non-zero
/// pattern is regular: every row holds `density · K` columns of each class of `K` columns and
/// every column is hit equally often. Judgments start at `vᵢ` except `round(noise · m)` that
/// start flipped at `−vᵢ`; they are anchored at `judgmentAnchoring`. Principles and theories
/// start at 0.5, principles cost `parsimony`.
///
/// Every block weight is `α = 2 / t̄`, where `t̄` is the expected true support of a judgment, so
/// adopted true principles pull a flipped judgment by about 2 (in units of `λ = 1`). Principles
/// and theories are anchored at `κ · principleAnchoring` and `κ · theoryAnchoring`, with `κ`
/// set from a certified bound (see `PlantedCalibration`): 10 % above the coupling in the convex
/// regime (`H ≻ 0` by construction, the bound recorded in `PlantedTruth.convexityBound`), half
/// of it in the non-convex one.
public enum PlantedInstance {
    /// The instance in memory (tests, small sizes): the problem and its planted truth.
    ///
    /// - Throws: `PlantedError` naming a parameter out of range.
    public static func generate(_ parameters: PlantedParameters) throws -> (problem: Problem, truth: PlantedTruth) {
        try parameters.validate()
        let design = PlantedDesign(parameters)
        let n = design.n
        var a = Matrix(rows: design.m, columns: n)
        var c = design.k > 0 ? Matrix(rows: design.m, columns: design.k) : nil
        let calibration = try PlantedCalibration(design) { i, row in
            row.forEach(theories: false, offset: n) { a[i, $0] = $1 }
            if c != nil { row.forEach(theories: true, offset: n) { c![i, $0] = $1 } }
        }
        let items = PlantedItems(design, calibration)
        let problem = Problem(judgments: items.group(.judgment), principles: items.group(.principle),
                              theories: items.group(.theory),
                              compatibility: Compatibility(judgmentPrinciple: a, principleTheory: design.b, judgmentTheory: c),
                              blockWeights: design.blockWeights)
        return (problem, design.truth(calibration))
    }

    /// Streams the instance to `directory` (created if needed): `A.npy`, `B.npy`, `C.npy` (no
    /// `B`, `C` or `t.npy` without theories), the item columns `j.npy`, `p.npy`, `t.npy`, the
    /// `wre-problem/1` manifest `problem.json` and the planted truth `truth.json`. A is written
    /// row chunk by row chunk and never held in memory. The same parameters give the same bytes.
    ///
    /// - Returns: the URL of the manifest.
    /// - Throws: `PlantedError` naming a parameter out of range; `FileWriteError` when a file
    ///   cannot be written or the directory created.
    public static func write(_ parameters: PlantedParameters, to directory: URL, dtype: NPYDType = .float64) throws -> URL {
        try parameters.validate()
        try FileWriteError.createDirectory(directory)
        let design = PlantedDesign(parameters)
        let (m, n, k) = (design.m, design.n, design.k)
        func writer(_ name: String, rows: Int, columns: Int) throws -> NPYStreamWriter {
            try NPYStreamWriter(url: directory.appendingPathComponent(name), dtype: dtype, rows: rows, columns: columns)
        }
        let a = try writer(BlockName.judgmentPrinciple.fileName, rows: m, columns: n)
        let c = k > 0 ? try writer(BlockName.judgmentTheory.fileName, rows: m, columns: k) : nil
        let calibration = try PlantedCalibration(design) { _, row in
            row.forEach(theories: false, offset: n) { a.set($0, $1) }
            try a.endRow()
            if let c {
                row.forEach(theories: true, offset: n) { c.set($0, $1) }
                try c.endRow()
            }
        }
        try a.finish()
        try c?.finish()
        var matrices: [(String, JSONValue)] = [(BlockName.judgmentPrinciple.rawValue, .string(BlockName.judgmentPrinciple.fileName))]
        if let b = design.b {
            let w = try writer(BlockName.principleTheory.fileName, rows: n, columns: k)
            for r in 0..<n { try w.append(Array(b.storage[(r * k)..<((r + 1) * k)])) }
            try w.finish()
            matrices.append((BlockName.principleTheory.rawValue, .string(BlockName.principleTheory.fileName)))
            matrices.append((BlockName.judgmentTheory.rawValue, .string(BlockName.judgmentTheory.fileName)))
        }

        let items = PlantedItems(design, calibration)
        var arrays: [(String, JSONValue)] = []
        for group in Group.allCases where design.count(group) > 0 {
            let name = "\(group.idPrefix).npy", columns = items.columns(group)
            let w = try writer(name, rows: design.count(group), columns: columns.count)
            for i in 0..<design.count(group) { try w.append(columns.map { $0[i] }) }
            try w.finish()
            arrays.append((group.plural, .string(name)))
        }
        let settings = Problem(judgments: ItemGroup(.judgment), principles: ItemGroup(.principle),
                               compatibility: Compatibility(judgmentPrinciple: Matrix(rows: 0, columns: 0)),
                               blockWeights: design.blockWeights).settingsJSON
        let manifest = JSONValue.object([("format", .string(Problem.fileFormat)), ("items", .object(arrays)),
                                         ("matrices", .object(matrices))] + settings)
        let url = directory.appendingPathComponent(manifestName)
        try FileWriteError.write(manifest.prettyData, to: url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileWriteError.write(try encoder.encode(design.truth(calibration)) + Data("\n".utf8), to: directory.appendingPathComponent(truthName))
        return url
    }

    /// The file names of the manifest and of the truth.
    public static let manifestName = "problem.json", truthName = "truth.json"
}

/// The item columns (initial, confidence, lower, upper[, parsimony]) of a planted instance.
struct PlantedItems {
    let design: PlantedDesign
    let calibration: PlantedCalibration

    init(_ design: PlantedDesign, _ calibration: PlantedCalibration) {
        self.design = design
        self.calibration = calibration
    }

    /// The columns of `group`, as in the `items` arrays of a manifest (docs/formats.md).
    func columns(_ group: Group) -> [[Double]] {
        let count = design.count(group), p = design.parameters
        func constant(_ v: Double) -> [Double] { [Double](repeating: v, count: count) }
        switch group {
        case .judgment:
            let initial = (0..<count).map { p.initialStance * Double(design.verdicts[$0]) * (design.isFlipped[$0] ? -1 : 1) }
            return [initial, constant(p.units * p.judgmentAnchoring), constant(-1), constant(1)]
        case .principle:
            let lambda = PlantedCalibration.roundedUp(calibration.scale * p.principleAnchoring)
            return [constant(0.5), constant(p.units * lambda), constant(0), constant(1), constant(p.units * p.parsimony)]
        case .theory:
            let lambda = PlantedCalibration.roundedUp(calibration.scale * p.theoryAnchoring)
            return [constant(0.5), constant(p.units * lambda), constant(0), constant(1)]
        }
    }

    /// The items of `group` with default ids (`j0…`, `p0…`, `t0…`).
    func group(_ group: Group) -> ItemGroup {
        var items = ItemGroup(group, count: design.count(group))
        let c = columns(group)
        items.initial = c[0]
        items.confidence = c[1]
        items.lower = c[2]
        items.upper = c[3]
        if c.count > 4 { items.parsimony = c[4] }
        return items
    }
}

extension PlantedDesign {
    /// How many items `group` has.
    func count(_ group: Group) -> Int {
        switch group {
        case .judgment: return m
        case .principle: return n
        case .theory: return k
        }
    }

    /// Every block weighs `α` (the principle–principle block is absent).
    var blockWeights: BlockWeights {
        let w = parameters.units * coupling
        return BlockWeights(judgmentPrinciple: w, principleTheory: w, judgmentTheory: w)
    }

    /// The planted truth, with the bound the calibration certified.
    func truth(_ calibration: PlantedCalibration) -> PlantedTruth {
        PlantedTruth(parameters: parameters, truePrinciples: truePrinciples.map { "\(Group.principle.idPrefix)\($0)" },
                     flippedJudgments: flipped.map { "\(Group.judgment.idPrefix)\($0)" },
                     convexityBound: calibration.convexityBound.map { $0 * parameters.units })
    }
}
