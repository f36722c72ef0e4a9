/// The elements of a block's storage (dense entries, or a CSR array): an owned array, a typed
/// view into a memory-mapped file that the buffer keeps alive, or memory borrowed from the
/// caller (a C or Python array). Whichever, the block is read in place, never copied.
enum ElementBuffer<Element: BitwiseCopyable & Sendable>: @unchecked Sendable {
    case owned([Element])
    /// `count` elements starting `offset` bytes into `region` (aligned for `Element`).
    case mapped(MappedRegion, offset: Int, count: Int)
    /// `count` elements at `base` (aligned for `Element`; `nil` only when `count` is 0) in memory
    /// that the buffer does not own: its owner keeps it alive and unchanged for as long as any
    /// copy of the buffer exists (docs/python.md, Borrowing). `owner` is retained with the
    /// buffer, so the owner can tell when the last block reading the memory is gone.
    case borrowed(UnsafePointer<Element>?, count: Int, owner: AnyObject & Sendable)

    var count: Int {
        switch self {
        case let .owned(values): return values.count
        case let .mapped(_, _, count): return count
        case let .borrowed(_, count, _): return count
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
        case let .borrowed(base, count, owner):
            return try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
        }
    }

    /// The address of the first element (`nil` when empty and unallocated), for checks that a
    /// block reads the caller's memory rather than a copy. Valid only while the buffer lives.
    var baseAddress: UnsafeRawPointer? {
        withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    subscript(i: Int) -> Element {
        switch self {
        case let .owned(values): return values[i]
        case .mapped, .borrowed: return withUnsafeBufferPointer { $0[i] }
        }
    }

    /// The entries as an owned array (a copy for a mapped or borrowed buffer).
    var array: [Element] {
        switch self {
        case let .owned(values): return values
        case .mapped, .borrowed: return withUnsafeBufferPointer { Array($0) }
        }
    }
}

extension ElementBuffer: RandomAccessCollection {
    var startIndex: Int { 0 }
    var endIndex: Int { count }
}

extension ElementBuffer: Equatable where Element: Equatable {
    /// Equal elements, whatever the storages.
    static func == (a: ElementBuffer, b: ElementBuffer) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.elementsEqual(y) } }
    }
}
