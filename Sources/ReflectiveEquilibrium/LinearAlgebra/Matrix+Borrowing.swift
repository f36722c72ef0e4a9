/// Blocks over memory that the caller owns (the C ABI and the Python package, docs/python.md):
/// the entries are read in place, never copied. The caller keeps the memory alive and
/// unchanged for as long as any copy of the block exists; `owner` is retained by every copy,
/// so its lifetime marks that of the borrow.
///
/// These initializers assume their arguments were checked (counts, alignment, the CSR
/// invariants: `csrDefect`); the C ABI checks everything before it calls them.
@_spi(Borrowing)
extension Matrix {
    /// A dense row-major float64 block over `rows × columns` entries at `entries`.
    public init(rows: Int, columns: Int, borrowing entries: UnsafeBufferPointer<Double>, owner: AnyObject & Sendable) {
        precondition(rows >= 0 && columns >= 0 && entries.count == rows * columns, "borrowed entries do not match the shape")
        self.init(rows: rows, columns: columns, entries: .float64(.borrowed(entries.baseAddress, count: entries.count, owner: owner)))
    }

    /// A dense row-major float32 block over `rows × columns` entries at `entries`.
    public init(rows: Int, columns: Int, borrowing entries: UnsafeBufferPointer<Float>, owner: AnyObject & Sendable) {
        precondition(rows >= 0 && columns >= 0 && entries.count == rows * columns, "borrowed entries do not match the shape")
        self.init(rows: rows, columns: columns, entries: .float32(.borrowed(entries.baseAddress, count: entries.count, owner: owner)))
    }

    /// A CSR block over SciPy's three arrays (`indptr`, `indices`, `data`), each borrowed or
    /// owned (int64 indices narrowed, or float32 values widened, by the caller).
    public init(rows: Int, columns: Int, indptr: ArraySource<Int>, indices: ArraySource<Int32>, values: ArraySource<Double>,
                owner: AnyObject & Sendable) {
        self.init(sparse: SparseRows(rows: rows, columns: columns, indptr: indptr.buffer(owner), indices: indices.buffer(owner),
                                     values: values.buffer(owner)))
    }

    /// For a CSR block, the first broken invariant of its arrays (docs/formats.md, `sparse`):
    /// which array (`indptr`, `indices` or `data`) and why; `nil` for a sound CSR block or a
    /// dense one. Reads the arrays in place and indexes nothing it has not checked, so it is
    /// safe on any borrowed content.
    public var csrDefect: (array: String, reason: String)? {
        if case let .sparse(csr) = entries { return csr.problem() }
        return nil
    }

    /// Where the block's arrays are read from: the entries (dense) or values (CSR), `indptr`
    /// and `indices` (CSR only; `nil` otherwise) — to check that a borrowed array was not
    /// copied. Valid only while the block lives.
    public var storageAddresses: (entries: UnsafeRawPointer?, indptr: UnsafeRawPointer?, indices: UnsafeRawPointer?) {
        switch entries {
        case let .float64(values): return (values.baseAddress, nil, nil)
        case let .float32(values): return (values.baseAddress, nil, nil)
        case let .sparse(csr): return (csr.values.baseAddress, csr.indptr.baseAddress, csr.indices.baseAddress)
        }
    }

    /// Whether the block's entries (dense) or values (CSR) are read from memory it does not own.
    public var isBorrowed: Bool {
        func borrowed<T>(_ b: ElementBuffer<T>) -> Bool { if case .borrowed = b { return true } else { return false } }
        switch entries {
        case let .float64(values): return borrowed(values)
        case let .float32(values): return borrowed(values)
        case let .sparse(csr): return borrowed(csr.values)
        }
    }
}

/// Where one array of a block comes from: the caller's memory, read in place, or an array the
/// block owns.
@_spi(Borrowing)
public enum ArraySource<Element: BitwiseCopyable & Sendable> {
    case borrowed(UnsafeBufferPointer<Element>)
    case owned([Element])

    func buffer(_ owner: AnyObject & Sendable) -> ElementBuffer<Element> {
        switch self {
        case let .borrowed(b): return .borrowed(b.baseAddress, count: b.count, owner: owner)
        case let .owned(o): return .owned(o)
        }
    }
}
