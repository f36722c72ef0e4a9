import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The one read of the blocks that validation makes (`ProblemStatistics`), against the same
/// quantities computed densely in the test, in every storage (and A and C in different storages).
@Suite("Problem statistics")
struct ProblemStatisticsTests {
    static let layouts: [(Matrix.Layout, Matrix.Layout)] = [(.float64, .float64), (.float32, .float32), (.sparse, .sparse),
                                                           (.float32, .float64), (.sparse, .float64)]

    static func problem(_ layouts: (Matrix.Layout, Matrix.Layout), seed: UInt64) -> Problem {
        var p = RandomProblems.convex(ProblemShape(m: 70, n: 9, k: 4, withS: true, density: 0.5), seed: seed).floatRepresentable
        p.judgments.confidence[3] = 0   // an unanchored judgment is left out of the Gram terms
        p.compatibility.judgmentPrinciple = p.compatibility.judgmentPrinciple.converted(to: layouts.0)
        p.compatibility.judgmentTheory = p.compatibility.judgmentTheory?.converted(to: layouts.1)
        return p
    }

    @Test("coupling sizes, the Gram diagonal, M̃ 1 and the non-zeros equal their dense definitions",
          arguments: 0..<5, [UInt64(1), 2])
    func matchesDense(_ which: Int, _ seed: UInt64) throws {
        let p = Self.problem(Self.layouts[which], seed: seed)
        let (m, n, k) = p.shape
        let o = Objective(p)
        // |W| row sums under the (wide) block weights.
        let rows = DenseModel.absoluteRowSums(p.compatibility, weights: p.blockWeights, m: m, n: n, k: k)
        #expect(maxAbsDifference(o.couplingSize, rows) <= 1e-12 * (rows.max() ?? 1))
        #expect(maxAbsDifference(o.couplingSize, o.absoluteRowSums()) <= 1e-12 * (rows.max() ?? 1))
        let a = p.compatibility.judgmentPrinciple, c = p.compatibility.judgmentTheory!
        let lambda = p.judgments.confidence
        let w = p.blockWeights
        var diag = [Double](repeating: 0, count: n + k), product = diag
        for i in 0..<m where lambda[i] > 0 {
            var wRow = [Double](repeating: 0, count: n + k)
            for j in 0..<n { wRow[j] = w.judgmentPrinciple * a[i, j] }
            for j in 0..<k { wRow[n + j] = w.judgmentTheory * c[i, j] }
            let s = wRow.reduce(0) { $0 + abs($1) }
            for j in 0..<(n + k) {
                diag[j] += wRow[j] * wRow[j] / lambda[i]
                product[j] += abs(wRow[j]) * s / lambda[i]
            }
        }
        let b = p.compatibility.principleTheory!, sMatrix = p.compatibility.principlePrinciple!
        for x in 0..<n {
            for y in 0..<n { product[x] += w.principlePrinciple * abs(sMatrix[x, y]) }
            for t in 0..<k { product[x] += w.principleTheory * abs(b[x, t]); product[n + t] += w.principleTheory * abs(b[x, t]) }
        }
        let stats = p.statistics
        let gramDiagonal = stats.gramDiagonalA.map { $0 * w.judgmentPrinciple * w.judgmentPrinciple }
            + stats.gramDiagonalC.map { $0 * w.judgmentTheory * w.judgmentTheory }
        #expect(maxAbsDifference(gramDiagonal, diag) <= 1e-12 * (diag.max() ?? 1))
        #expect(maxAbsDifference(stats.couplingProduct, product) <= 1e-12 * (product.max() ?? 1))
        #expect(stats.nonZeros[.judgmentPrinciple] == a.nonzeroCount && stats.nonZeros[.judgmentTheory] == c.nonzeroCount)
        #expect(stats.nonZeros[.principleTheory] == b.nonzeroCount && stats.nonZeros[.principlePrinciple] == sMatrix.nonzeroCount)
        #expect(stats.invalidEntry == nil)
    }

    @Test("a bad entry anywhere in A or C is found and named, in every storage", arguments: 0..<5)
    func badEntry(_ which: Int) throws {
        for (block, row, column, value) in [(BlockName.judgmentPrinciple, 0, 0, 1.5), (.judgmentPrinciple, 69, 8, Double.nan),
                                             (.judgmentTheory, 33, 2, -2.0), (.judgmentTheory, 69, 3, .infinity)] {
            var p = Self.problem(Self.layouts[which], seed: 3)
            if block == .judgmentPrinciple {
                var a = p.compatibility.judgmentPrinciple.converted(to: .float64)
                a[row, column] = value
                p.compatibility.judgmentPrinciple = a.converted(to: Self.layouts[which].0 == .float32 ? .float64 : Self.layouts[which].0)
            } else {
                var c = p.compatibility.judgmentTheory!.converted(to: .float64)
                c[row, column] = value
                p.compatibility.judgmentTheory = c.converted(to: Self.layouts[which].1 == .float32 ? .float64 : Self.layouts[which].1)
            }
            let bad = try #require(p.statistics.invalidEntry, "\(block) (\(row), \(column)) = \(value) not found")
            #expect(bad.block == block && bad.row == row && bad.column == column)
            #expect(throws: ProblemError.self) { try p.validate() }
        }
    }

    @Test("the statistics are kept with the problem value and renewed when its judgments, blocks or weights change")
    func cacheLifetime() throws {
        var p = Self.problem((.float64, .float64), seed: 4)
        let first = p.statistics.couplingProduct
        let copy = p
        p.blockWeights.judgmentPrinciple *= 2
        #expect(p.statistics.couplingProduct != first, "new weights: new statistics")
        #expect(copy.statistics.couplingProduct == first, "the copy keeps its own")
        p.judgments.confidence[0] *= 4
        let afterConfidence = p.statistics.couplingProduct
        p.mode = .narrow
        #expect(p.statistics.couplingProduct == afterConfidence, "the mode does not enter the statistics")
    }
}
