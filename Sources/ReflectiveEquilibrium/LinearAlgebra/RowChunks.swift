import Dispatch

/// Runs `body(chunk, begin, end)` over `threads` contiguous chunks of the rows `0 ..< rows`,
/// concurrently when `threads > 1`. `body` must only write state that is private to its chunk.
func forEachRowChunk(rows: Int, threads: Int, _ body: (Int, Int, Int) -> Void) {
    guard threads > 1 else { body(0, 0, rows); return }
    withoutActuallyEscaping(body) { escaping in
        let box = UncheckedSendable(escaping)
        DispatchQueue.concurrentPerform(iterations: threads) { chunk in
            box.value(chunk, rows * chunk / threads, rows * (chunk + 1) / threads)
        }
    }
}

/// The threads worth using for a pass over `entries` stored values in `rows` rows: one per
/// 64 Ki entries (and at least 256 rows), at most `activeCores`.
func rowChunkThreads(rows: Int, entries: Int) -> Int {
    max(1, min(activeCores, entries / 65_536, rows / 256))
}

/// A value handed across threads whose safety the caller guarantees (disjoint writes).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
