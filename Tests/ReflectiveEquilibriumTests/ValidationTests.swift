import Testing
@testable import ReflectiveEquilibrium

/// Block validation scans the stored entries in chunks; a bad entry anywhere is found and named.
@Suite("Block entry validation")
struct ValidationTests {
    @Test("an entry outside [-1, 1] or NaN is named by its row and column, in any chunk and layout",
          arguments: [(5000, Double.nan), (4095, 1.5), (4096, -2), (9999, .infinity), (0, .nan)])
    func badEntryNamed(index: Int, value: Double) throws {
        var problem = RandomProblems.convex(ProblemShape(m: 100, n: 100, k: 0, density: 0.5), seed: 1)
        var a = problem.compatibility.judgmentPrinciple
        a[index / 100, index % 100] = value
        for layout in [Matrix.Layout.float64, .float32] {
            problem.compatibility.judgmentPrinciple = a.converted(to: layout)
            #expect {
                try problem.validate()
            } throws: { error in
                guard case let ProblemError.blockEntry(_, row, column, found) = error else { return false }
                return row == index / 100 && column == index % 100 && (found.isNaN ? value.isNaN : found == value)
            }
        }
    }
}
