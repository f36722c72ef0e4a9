/// The hidden truth and the small parts of a planted instance, drawn once from the seed: the
/// verdicts, the flipped judgments, the true principles and theories, the block `B` and the
/// coupling. The rows of `A` and `C` are drawn afterwards, in order, by `PlantedRows`, which
/// can replay them (the generator makes two passes and never holds `A` in memory).
///
/// Signs follow one rule: with `sᵢ = vᵢ` for judgments and `s = +1` for true, `−1` for false
/// principles and theories, every entry is `W_xy = s_x s_y |W_xy|`. So `W = S |W| S`, the
/// spectrum of `H` is that of `Λ − |W|`, and a Collatz–Wielandt bound on the non-negative
/// matrix is a bound on the real one (see `PlantedCalibration`).
struct PlantedDesign: Sendable {
    let parameters: PlantedParameters
    let m: Int, n: Int, k: Int
    /// The true verdicts `vᵢ = ±1`.
    let verdicts: [Int8]
    /// Whether judgment i starts flipped (`x0 = −vᵢ`).
    let isFlipped: [Bool]
    /// The flipped judgments, ascending.
    let flipped: [Int]
    /// The true principles and theories, ascending.
    let truePrinciples: [Int], trueTheories: [Int]
    /// The principles (columns of A and rows of B) and theories that are false.
    let falsePrinciples: [Int], falseTheories: [Int]
    /// Weight scale of false principles and false theories: their evidence is weaker than the
    /// truth's (at most `falseShare` of it in total), so the truth has the majority.
    let falsePrincipleScale: Double, falseTheoryScale: Double
    /// `α`, the weight of every block: a judgment with the expected true support gets a pull of
    /// `pull` from its true principles and theories (so a judgment anchored with `λ = 1` and
    /// flipped moves by about `pull` once they are adopted).
    let coupling: Double
    /// `B` (n × k), signed; `nil` without theories.
    let b: Matrix?
    /// The generator's state where the rows start.
    let rowStart: PlantedRandom

    /// The weight distribution is uniform on [0.5, 1): its mean.
    static let meanWeight = 0.75
    /// Total weight of the false side relative to the true side.
    static let falseShare = 0.25
    /// Pull on a judgment with the expected true support (its anchoring is `judgmentAnchoring`).
    static let pull = 2.0

    init(_ p: PlantedParameters) {
        parameters = p
        (m, n, k) = (p.judgments, p.principles, p.theories)
        var rng = PlantedRandom(seed: p.seed)
        verdicts = (0..<p.judgments).map { _ in rng.sign() }
        flipped = rng.sample(Int((p.noise * Double(p.judgments)).rounded()), of: p.judgments)
        var isFlipped = [Bool](repeating: false, count: p.judgments)
        for i in flipped { isFlipped[i] = true }
        self.isFlipped = isFlipped
        let t = p.truePrinciples
        let tt = p.theories == 0 ? 0 : min(p.theories, max(1, Int((Double(p.theories) * Double(t) / Double(p.principles)).rounded())))
        truePrinciples = rng.sample(t, of: p.principles)
        trueTheories = rng.sample(tt, of: p.theories)
        falsePrinciples = Self.complement(truePrinciples, p.principles)
        falseTheories = Self.complement(trueTheories, p.theories)
        falsePrincipleScale = Self.falseScale(true: t, false: p.principles - t)
        falseTheoryScale = Self.falseScale(true: tt, false: p.theories - tt)
        let support = (Double(t) * p.judgmentPrincipleDensity + Double(tt) * p.judgmentTheoryDensity) * Self.meanWeight
        coupling = support > 0 ? Self.pull / support : 1

        if p.theories > 0 {
            var b = Matrix(rows: p.principles, columns: p.theories)
            let trueP = Set(truePrinciples), trueT = Set(trueTheories)
            for a in 0..<p.principles {
                for c in 0..<p.theories where rng.chance(p.principleTheoryDensity) {
                    let scale = trueT.contains(c) ? 1 : falseTheoryScale
                    let sign: Double = p.signs == .random ? PlantedSigns.sign(seed: p.seed ^ 0xB10C_B, row: a, column: c, theories: true)
                        : (trueP.contains(a) == trueT.contains(c) ? 1 : -1)
                    b[a, c] = sign * Self.quantized(scale, rng.weight())
                }
            }
            self.b = b
        } else {
            b = nil
        }
        rowStart = rng
    }

    /// A fresh pass over the rows of A and C, from the first.
    func rows() -> PlantedRows { PlantedRows(self) }

    /// `count` items of a class: those of `0..<count` not in `chosen` (ascending).
    private static func complement(_ chosen: [Int], _ count: Int) -> [Int] {
        var member = [Bool](repeating: false, count: count)
        for i in chosen { member[i] = true }
        return (0..<count).filter { !member[$0] }
    }

    private static func falseScale(true t: Int, false f: Int) -> Double {
        f == 0 ? 1 : min(1, falseShare * Double(t) / Double(f))
    }

    /// `scale · weight`, rounded to a `Float` so the block is the same in float32 and float64 files.
    static func quantized(_ scale: Double, _ weight: Float) -> Double {
        scale == 1 ? Double(weight) : Double(Float(scale * Double(weight)))
    }

    /// The smallest `λ` a file can give a judgment (float64 or float32).
    var judgmentAnchoringFloor: Double {
        min(parameters.judgmentAnchoring, Double(Float(parameters.judgmentAnchoring)))
    }
}

/// The non-zero entries of one row of A and C, in four classes: true principles, false
/// principles (A), true theories, false theories (C). `index` is the position in `y = (p, t)`:
/// a principle column, or `n +` a theory column.
struct PlantedRow {
    var index: [Int] = []
    var magnitude: [Double] = []
    /// Where each class ends in `index`.
    var classEnd = [0, 0, 0, 0]
    /// `vᵢ` of the row.
    var verdict: Double = 1
    /// The row's index, and the seed of independent signs (`nil`: planted signs).
    var row = 0
    var randomSignSeed: UInt64? = nil

    /// The signed entries of A (`theories == false`) or C, with their column in that block.
    @inline(__always) func forEach(theories: Bool, offset n: Int, _ body: (_ column: Int, _ value: Double) throws -> Void) rethrows {
        let (first, split, end) = theories ? (classEnd[1], classEnd[2], classEnd[3]) : (0, classEnd[0], classEnd[1])
        for e in first..<end {
            let column = index[e] - (theories ? n : 0)
            let sign = randomSignSeed.map { PlantedSigns.sign(seed: $0, row: row, column: column, theories: theories) }
                ?? (e < split ? verdict : -verdict)
            try body(column, sign * magnitude[e])
        }
    }

    /// Every signed entry of the row as a column of `y = (p, t)` (A's columns, then `n +` C's).
    @inline(__always) func forEachEntry(offset n: Int, _ body: (_ index: Int, _ value: Double) -> Void) {
        forEach(theories: false, offset: n) { body($0, $1) }
        forEach(theories: true, offset: n) { body(n + $0, $1) }
    }
}

/// One pass over the rows of A and C of a design (see `PlantedDesign`).
struct PlantedRows {
    private var rng: PlantedRandom
    private var streams: [ColumnStream]
    private var principleMarks: [Int], theoryMarks: [Int]
    private let scales: [Double]
    private let verdicts: [Int8]
    private let n: Int
    private let randomSignSeed: UInt64?
    private var columns: [Int] = []

    init(_ d: PlantedDesign) {
        rng = d.rowStart
        let p = d.parameters
        streams = [ColumnStream(columns: d.truePrinciples, density: p.judgmentPrincipleDensity),
                   ColumnStream(columns: d.falsePrinciples, density: p.judgmentPrincipleDensity),
                   ColumnStream(columns: d.trueTheories, density: p.judgmentTheoryDensity),
                   ColumnStream(columns: d.falseTheories, density: p.judgmentTheoryDensity)]
        principleMarks = [Int](repeating: -1, count: d.n)
        theoryMarks = [Int](repeating: -1, count: d.k)
        scales = [1, d.falsePrincipleScale, 1, d.falseTheoryScale]
        verdicts = d.verdicts
        n = d.n
        randomSignSeed = p.signs == .random ? p.seed ^ 0x5167_6E5E_ED00_0001 : nil
    }

    /// Draws row `i` (rows must be drawn in order) into `row`.
    mutating func next(_ i: Int, into row: inout PlantedRow) {
        row.index.removeAll(keepingCapacity: true)
        row.magnitude.removeAll(keepingCapacity: true)
        row.verdict = Double(verdicts[i])
        row.row = i
        row.randomSignSeed = randomSignSeed
        for c in 0..<4 {
            columns.removeAll(keepingCapacity: true)
            if c < 2 {
                streams[c].draw(&rng, marks: &principleMarks, stamp: i, into: &columns)
            } else {
                streams[c].draw(&rng, marks: &theoryMarks, stamp: i, into: &columns)
            }
            let offset = c < 2 ? 0 : n
            for column in columns {
                row.index.append(offset + column)
                row.magnitude.append(PlantedDesign.quantized(scales[c], rng.weight()))
            }
            row.classEnd[c] = row.index.count
        }
    }
}
