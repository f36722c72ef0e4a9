/// Draws the non-zero columns of one class of columns (say the true principles) row after row
/// from a stream of random permutations of the class, so that every row gets `density · K`
/// columns (rounded at random, `K` the class size) and every column of the class is drawn
/// equally often (within one) over the rows. This regular pattern keeps the row and column
/// sums of the blocks even, which is what makes the generator's convexity bound tight.
struct ColumnStream: Sendable {
    /// The class's columns, in the current permutation.
    private var order: [Int]
    /// The next unused position in `order`; `order.count` forces a fresh permutation.
    private var position: Int
    /// `density · K = whole + fraction`.
    private let whole: Int
    private let fraction: Double

    init(columns: [Int], density: Double) {
        order = columns
        position = columns.count
        let expected = density * Double(columns.count)
        whole = min(Int(expected.rounded(.down)), columns.count)
        fraction = whole == columns.count ? 0 : expected - Double(whole)
    }

    /// Appends this row's columns of the class to `out`. `marks[c] == stamp` marks the columns
    /// already taken in this row (so a row never takes a column twice across a new permutation).
    mutating func draw(_ rng: inout PlantedRandom, marks: inout [Int], stamp: Int, into out: inout [Int]) {
        let size = order.count
        guard size > 0 else { return }
        var count = whole
        if fraction > 0 && rng.chance(fraction) { count += 1 }
        var taken = 0
        while taken < count {
            if position == size { refill(&rng, marks: marks, stamp: stamp, needed: count - taken) }
            let column = order[position]
            position += 1
            marks[column] = stamp
            out.append(column)
            taken += 1
        }
    }

    /// A fresh permutation whose first `needed` columns are not yet taken in this row.
    private mutating func refill(_ rng: inout PlantedRandom, marks: [Int], stamp: Int, needed: Int) {
        rng.shuffle(&order)
        position = 0
        var spare = needed
        for h in 0..<needed where marks[order[h]] == stamp {
            while marks[order[spare]] == stamp { spare += 1 }
            order.swapAt(h, spare)
            spare += 1
        }
    }
}
