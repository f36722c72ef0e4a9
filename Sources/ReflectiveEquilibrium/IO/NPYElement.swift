/// The element types a `.npy` file may be read from (docs/formats.md): the float types of `NPYDType`,
/// kept as they are, and the little-endian integer and boolean types NumPy writes for
/// `int8`…`int64`, `uint8`…`uint64` and `bool` (`<i1` or `|i1`, `<i2`, `<i4`, `<i8`, `|u1`,
/// `<u2`, `<u4`, `<u8`, `|b1`), widened exactly to `Double` (or `Float` for a block, whose
/// entries must lie in [-1, 1]) when read. Integer magnitudes above 2⁵³ (2²⁴ for a block) round.
enum NPYElement: Equatable, Sendable {
    case float(NPYDType)
    /// A signed integer of `bytes` bytes.
    case signed(bytes: Int)
    /// An unsigned integer of `bytes` bytes.
    case unsigned(bytes: Int)
    /// NumPy's `bool`: one byte, 0 or 1.
    case boolean

    /// Every accepted type string, with its element type.
    static let byDescr: [String: NPYElement] = {
        var out: [String: NPYElement] = [:]
        for t in NPYDType.allCases { out[t.descr] = .float(t) }
        for bytes in [1, 2, 4, 8] {
            let order = bytes == 1 ? ["<", "|"] : ["<"]
            for o in order {
                out["\(o)i\(bytes)"] = .signed(bytes: bytes)
                out["\(o)u\(bytes)"] = .unsigned(bytes: bytes)
            }
        }
        out["|b1"] = .boolean
        return out
    }()

    /// The accepted type strings with their item sizes, as `NPYArray.layout(_:name:types:)` takes them.
    static let types: [String: Int] = byDescr.mapValues(\.itemSize)

    /// The element type of type string `descr`, if accepted.
    init?(descr: String) {
        guard let match = Self.byDescr[descr] else { return nil }
        self = match
    }

    /// Bytes per element.
    var itemSize: Int {
        switch self {
        case let .float(t): return t.itemSize
        case let .signed(bytes), let .unsigned(bytes): return bytes
        case .boolean: return 1
        }
    }

    /// Calls `body(i, value)` for the `count` elements that start at byte `start` of `raw`, in
    /// order, each widened to `Double` (a float32 element to its exact `Double`).
    func forEach(_ raw: UnsafeRawBufferPointer, start: Int, count: Int, _ body: (Int, Double) -> Void) {
        func each<T: FixedWidthInteger>(_: T.Type, _ widen: (T) -> Double) {
            for i in 0..<count { body(i, widen(T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * T.bitWidth / 8, as: T.self)))) }
        }
        switch self {
        case .float(.float64): each(UInt64.self) { Double(bitPattern: $0) }
        case .float(.float32): each(UInt32.self) { Double(Float(bitPattern: $0)) }
        case .signed(bytes: 1): each(Int8.self) { Double($0) }
        case .signed(bytes: 2): each(Int16.self) { Double($0) }
        case .signed(bytes: 4): each(Int32.self) { Double($0) }
        case .signed: each(Int64.self) { Double($0) }
        case .unsigned(bytes: 1), .boolean: each(UInt8.self) { Double($0) }
        case .unsigned(bytes: 2): each(UInt16.self) { Double($0) }
        case .unsigned(bytes: 4): each(UInt32.self) { Double($0) }
        case .unsigned: each(UInt64.self) { Double($0) }
        }
    }
}
