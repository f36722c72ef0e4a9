import CKernels

/// The strongest `limit` of the pulls `W_ik x_k` on each of several items, kept as they stream in;
/// with a non-zero `sign`, only the pulls of that sign (those pointing the way the item moved).
private struct StrongestPulls {
    let limit: Int
    var sign: Double = 0
    var entries: [(index: Int, contribution: Double)] = []

    /// The magnitude a pull must exceed to be kept now (0 until `limit` pulls are kept).
    var floor: Double { entries.count == limit && limit > 0 ? abs(entries[limit - 1].contribution) : 0 }

    /// Whether `add` would keep a pull of this contribution (the cheap test for hot loops).
    @inline(__always) static func admits(_ contribution: Double, floor: Double, sign: Double) -> Bool {
        contribution != 0 && abs(contribution) > floor && (sign == 0 || sign * contribution > 0)
    }

    /// Adds a pull; ties keep the one seen first (the order of `Objective.pulls(on:at:)`).
    mutating func add(_ index: Int, _ contribution: Double) {
        guard contribution != 0, limit > 0, sign == 0 || sign * contribution > 0 else { return }
        let size = abs(contribution)
        if entries.count == limit {
            guard size > abs(entries[limit - 1].contribution) else { return }
            entries.removeLast()
        }
        var slot = entries.count
        while slot > 0 && abs(entries[slot - 1].contribution) < size { slot -= 1 }
        entries.insert((index, contribution), at: slot)
    }
}

extension Objective {
    /// For each item of `items`, its `limit` strongest coherence pulls `W_ik x_k` (by magnitude,
    /// strongest first, ties in stacked order): the same as `pulls(on:at:)` sorted and cut, but
    /// the pulls of all requested principles and theories come from one pass over the rows of A
    /// and C (their non-zeros for CSR blocks) instead of one strided column walk per item.
    /// A judgment's pulls are a row of A and C, read in place (`O(n + k)`).
    ///
    /// With `towards` (one number per item of `items`), only the pulls whose sign is that of the
    /// number are kept (those pointing the way the item moved); a 0 keeps every pull.
    func strongestPulls(on items: [Int], at x: [Double], limit: Int,
                        towards: [Double]? = nil) -> [Int: [(index: Int, contribution: Double)]] {
        var result: [Int: [(index: Int, contribution: Double)]] = [:]
        var sign: [Int: Double] = [:]
        if let towards { for (i, d) in zip(items, towards) { sign[i] = d > 0 ? 1 : (d < 0 ? -1 : 0) } }
        var reducedSlot = [Int](repeating: -1, count: reducedCount)
        var reduced: [StrongestPulls] = []
        for i in items where group(of: i) != .judgment && reducedSlot[i - m] < 0 {
            reducedSlot[i - m] = reduced.count
            reduced.append(StrongestPulls(limit: limit, sign: sign[i] ?? 0))
        }
        // Rows: a judgment's own pulls, in stacked order.
        if items.contains(where: { group(of: $0) == .judgment }) {
            var row = [Double](repeating: 0, count: max(n, k, 1))
            for i in items where group(of: i) == .judgment {
                let s = sign[i] ?? 0
                var top = StrongestPulls(limit: limit, sign: s)
                var floor = 0.0
                row.withUnsafeMutableBufferPointer { a.fillRow(i, scale: alphaJP, into: $0.baseAddress!) }
                for col in 0..<n {
                    let v = row[col] * x[m + col]
                    if StrongestPulls.admits(v, floor: floor, sign: s) { top.add(m + col, v); floor = top.floor }
                }
                if alphaJT != 0, let c {
                    row.withUnsafeMutableBufferPointer { c.fillRow(i, scale: alphaJT, into: $0.baseAddress!) }
                    for col in 0..<k {
                        let v = row[col] * x[m + n + col]
                        if StrongestPulls.admits(v, floor: floor, sign: s) { top.add(m + n + col, v); floor = top.floor }
                    }
                }
                result[i] = top.entries
            }
        }
        guard !reduced.isEmpty else { return result }
        // Theories list the principles (B) before the judgments (C).
        if alphaPT != 0, let b {
            for t in 0..<k where reducedSlot[n + t] >= 0 {
                for col in 0..<n { reduced[reducedSlot[n + t]].add(m + col, alphaPT * b[col, t] * x[m + col]) }
            }
        }
        // One pass over the rows of A (and C) for every requested principle (and theory).
        func rowPass(_ block: Matrix, columnOffset: Int, alpha: Double) {
            let requested = (0..<block.columns).filter { reducedSlot[columnOffset + $0] >= 0 }
            guard !requested.isEmpty else { return }
            if block.layout != .sparse {
                // Dense: one pass of the C kernel over the rows (split between the cores, each
                // with its own lists), merged in row order so ties keep the first row as a
                // sequential scan would.
                var slotOf = [Int32](repeating: -1, count: block.columns)
                for col in requested { slotOf[col] = Int32(reducedSlot[columnOffset + col]) }
                let slots = reduced.count, lim = limit
                let signs = reduced.map(\.sign)
                let threads = rowChunkThreads(rows: block.rows, entries: block.storedCount)
                var values = [Double](repeating: 0, count: threads * slots * max(lim, 1))
                var rows = [Int64](repeating: 0, count: values.count)
                var counts = [Int32](repeating: 0, count: threads * slots)
                values.withUnsafeMutableBufferPointer { vb in rows.withUnsafeMutableBufferPointer { rb in counts.withUnsafeMutableBufferPointer { cb in
                    x.withUnsafeBufferPointer { xb in slotOf.withUnsafeBufferPointer { sb in signs.withUnsafeBufferPointer { gb in
                        let out = UncheckedSendable((vb.baseAddress!, rb.baseAddress!, cb.baseAddress!))
                        func run<T>(_ entries: UnsafeBufferPointer<T>, _ kernel: (Int, Int, Int, UnsafePointer<T>?, UnsafePointer<Double>, Double,
                                                                               UnsafePointer<Int32>, UnsafePointer<Double>, Int,
                                                                               UnsafeMutablePointer<Double>, UnsafeMutablePointer<Int64>,
                                                                               UnsafeMutablePointer<Int32>) -> Void) {
                            forEachRowChunk(rows: block.rows, threads: threads) { chunk, begin, end in
                                let (v, r, c) = out.value
                                kernel(begin, end, block.columns, entries.baseAddress, xb.baseAddress!, alpha, sb.baseAddress!,
                                       gb.baseAddress!, lim, v + chunk * slots * max(lim, 1), r + chunk * slots * max(lim, 1), c + chunk * slots)
                            }
                        }
                        switch block.entries {
                        case let .float64(e): e.withUnsafeBufferPointer { run($0, wre_column_top_pulls) }
                        case let .float32(e): e.withUnsafeBufferPointer { run($0, wre_f32_column_top_pulls) }
                        case .sparse: break
                        }
                    }}}
                }}}
                for t in 0..<threads {
                    for s in 0..<slots {
                        let base = (t * slots + s) * max(lim, 1)
                        for e in 0..<Int(counts[t * slots + s]) { reduced[s].add(Int(rows[base + e]), values[base + e]) }
                    }
                }
            } else {
                block.forEachNonzero { j, col, v in
                    let slot = reducedSlot[columnOffset + col]
                    if slot >= 0 { reduced[slot].add(j, alpha * v * x[j]) }
                }
            }
        }
        rowPass(a, columnOffset: 0, alpha: alphaJP)
        if alphaJT != 0, let c { rowPass(c, columnOffset: n, alpha: alphaJT) }
        // Principles list the judgments, then the other principles (S), then the theories (B).
        for a in 0..<n where reducedSlot[a] >= 0 {
            if alphaPP != 0, let s { for col in 0..<n where col != a { reduced[reducedSlot[a]].add(m + col, alphaPP * s[a, col] * x[m + col]) } }
            if alphaPT != 0, let b { for t in 0..<k { reduced[reducedSlot[a]].add(m + n + t, alphaPT * b[a, t] * x[m + n + t]) } }
        }
        for i in items where group(of: i) != .judgment { result[i] = reduced[reducedSlot[i - m]].entries }
        return result
    }
}
