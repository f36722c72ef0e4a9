extension Problem {
    /// The statistics of the blocks (`ProblemStatistics`), from one read of A and C on first use,
    /// then kept. The shapes of the blocks must match the item counts (`validate()` checks them
    /// first).
    var statistics: ProblemStatistics { cache.statistics.get { computeStatistics() } }

    /// Seconds the one read of the blocks took (validation and statistics; it runs once per
    /// problem value, when the problem is loaded or first solved).
    public var validationSeconds: Double { statistics.seconds }

    /// Stored non-zero entries of the blocks, each relation once (S is symmetric: half its
    /// non-zeros). From the kept statistics: no extra read of the blocks after validation.
    public var relationCount: Int {
        let z = statistics.nonZeros
        return (z[.judgmentPrinciple] ?? 0) + (z[.principleTheory] ?? 0) + (z[.judgmentTheory] ?? 0)
            + (z[.principlePrinciple] ?? 0) / 2
    }

    /// One pass over the rows of A and C (`wre_block_statistics`, split between the cores) and
    /// one over the small blocks B and S.
    private func computeStatistics() -> ProblemStatistics {
        let clock = ContinuousClock.now
        let (m, n, k) = shape
        let q = n + k
        let w = blockWeights
        let a = compatibility.judgmentPrinciple
        let c = k > 0 ? compatibility.judgmentTheory : nil
        let alphaJP = w.judgmentPrinciple, alphaJT = c == nil ? 0 : w.judgmentTheory
        let alphaPT = compatibility.principleTheory == nil ? 0 : w.principleTheory
        let alphaPP = compatibility.principlePrinciple == nil ? 0 : w.principlePrinciple
        let weight = judgments.confidence.map { $0 > 0 && $0.isFinite ? 1 / $0 : 0 }
        let ones = [Double](repeating: 1, count: q)

        var nonZeros: [BlockName: Int] = [:]
        let pass = BlockStatisticsPass.run(a, c, alphaJP: alphaJP, alphaJT: alphaJT, x: ones, weight: weight, outputs: .all)
        // Without C the pass has n columns: the theories' parts are zero.
        func padded(_ v: [Double]) -> [Double] { v + [Double](repeating: 0, count: q - v.count) }
        let (rowA, rowC, bad) = (pass.rowA, pass.rowC, pass.bad)
        let (col, gram, diag) = (padded(pass.columns), padded(pass.gram), padded(pass.diagonal))
        nonZeros[.judgmentPrinciple] = pass.nonZerosA
        if compatibility.judgmentTheory != nil { nonZeros[.judgmentTheory] = c == nil ? 0 : pass.nonZerosC }
        // The small blocks, in Swift.
        var rowB = [Double](repeating: 0, count: n), colB = [Double](repeating: 0, count: k), rowS = [Double](repeating: 0, count: n)
        if let b = compatibility.principleTheory {
            var z = 0
            b.forEachNonzero { i, j, v in rowB[i] += abs(v); colB[j] += abs(v); z += 1 }
            nonZeros[.principleTheory] = z
        }
        if let s = compatibility.principlePrinciple {
            var z = 0
            s.forEachNonzero { i, _, v in rowS[i] += abs(v); z += 1 }
            nonZeros[.principlePrinciple] = z
        }
        var product = gram
        for i in 0..<n { product[i] += alphaPP * rowS[i] + alphaPT * rowB[i] }
        for i in 0..<k { product[n + i] += alphaPT * colB[i] }

        var invalid: (block: BlockName, row: Int, column: Int, value: Double)? = nil
        let blocks: [(BlockName, Matrix?)] = [(.judgmentPrinciple, a), (.principleTheory, compatibility.principleTheory),
                                              (.judgmentTheory, compatibility.judgmentTheory), (.principlePrinciple, compatibility.principlePrinciple)]
        let judgmentsBad = bad > 0
        for (name, block) in blocks {
            guard let block else { continue }
            // A and C were checked by the kernel; B and S are small: search them always.
            if (name == .judgmentPrinciple || name == .judgmentTheory) && !judgmentsBad { continue }
            if let entry = block.firstOutOfRange() { invalid = (name, entry.row, entry.column, entry.value); break }
        }
        return ProblemStatistics(
            judgmentRowA: rowA, judgmentRowC: rowC,
            principleColumnA: Array(col[0..<n]), principleRowB: rowB, principleRowS: rowS,
            theoryColumnC: Array(col[n...]), theoryColumnB: colB,
            gramDiagonalA: Array(diag[0..<n]), gramDiagonalC: Array(diag[n...]),
            couplingProduct: product, nonZeros: nonZeros, invalidEntry: invalid,
            seconds: (ContinuousClock.now - clock).seconds)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
