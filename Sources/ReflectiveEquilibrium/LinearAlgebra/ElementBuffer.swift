/// The entries of a dense block: an owned array, or a typed view into a memory-mapped file that
/// the buffer keeps alive. Either way the block is read in place, never copied.
enum ElementBuffer<Element: BinaryFloatingPoint & Sendable>: @unchecked Sendable {
    case owned([Element])
    /// `count` elements starting `offset` bytes into `region` (aligned for `Element`).
    case mapped(MappedRegion, offset: Int, count: Int)

    var count: Int {
        switch self {
        case let .owned(values): return values.count
        case let .mapped(_, _, count): return count
        }
    }

    /// Calls `body` with the entries in place.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        switch self {
        case let .owned(values):
            return try values.withUnsafeBufferPointer(body)
        case let .mapped(region, offset, count):
            let start = region.base.map { ($0 + offset).assumingMemoryBound(to: Element.self) }
            return try withExtendedLifetime(region) { try body(UnsafeBufferPointer(start: start, count: count)) }
        }
    }

    subscript(i: Int) -> Element {
        switch self {
        case let .owned(values): return values[i]
        case .mapped: return withUnsafeBufferPointer { $0[i] }
        }
    }

    /// The entries as an owned array (a copy for a mapped buffer).
    var array: [Element] {
        switch self {
        case let .owned(values): return values
        case .mapped: return withUnsafeBufferPointer { Array($0) }
        }
    }
}
