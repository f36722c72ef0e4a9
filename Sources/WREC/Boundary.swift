import CWRE

/// The checks of what crosses the C boundary (docs/python.md, Borrowing): every dtype, length,
/// pointer, alignment, shape and stride is checked here, as functions that throw an
/// `ABIFailure` naming the field, before the library reads anything. A Swift trap would end
/// the host process (the Python interpreter), so nothing past these checks may index memory
/// the caller did not promise.
enum Boundary {
    /// The name of a dtype code, for messages.
    static func dtypeName(_ code: Int32) -> String {
        switch code {
        case WRE_FLOAT64: return "float64"
        case WRE_FLOAT32: return "float32"
        case WRE_INT32: return "int32"
        case WRE_INT64: return "int64"
        default: return "\(code) (not a dtype: \(WRE_FLOAT64) float64, \(WRE_FLOAT32) float32, \(WRE_INT32) int32, \(WRE_INT64) int64)"
        }
    }

    /// The dtype code of `T`.
    static func dtype<T>(of _: T.Type) -> Int32 {
        switch T.self {
        case is Double.Type: return WRE_FLOAT64
        case is Float.Type: return WRE_FLOAT32
        case is Int32.Type: return WRE_INT32
        default: return WRE_INT64
        }
    }

    /// Whether `array` is given (`data` not NULL).
    static func isPresent(_ array: wre_array) -> Bool { array.data != nil }

    /// The elements of `array` (named `field`) as `T`: its dtype must be `T`'s, its length
    /// non-negative (and `length` when given), its address aligned for `T`. `nil` when absent.
    static func elements<T>(_ array: wre_array, _ field: String, as _: T.Type, length expected: Int? = nil) throws -> UnsafeBufferPointer<T>? {
        guard let data = array.data else { return nil }
        guard array.dtype == dtype(of: T.self) else {
            throw ABIFailure.input("\(field): dtype \(dtypeName(array.dtype)) where \(dtypeName(dtype(of: T.self))) is expected")
        }
        let length = try count(array.length, field)
        if let expected, length != expected { throw ABIFailure.input("\(field): expected \(expected) values, found \(length)") }
        try checkAlignment(data, field, as: T.self)
        return UnsafeBufferPointer(start: data.assumingMemoryBound(to: T.self), count: length)
    }

    /// Throws unless `array` is absent or of one of the `allowed` dtypes.
    static func checkDtype(_ array: wre_array, _ field: String, _ allowed: [Int32]) throws {
        guard array.data == nil || allowed.contains(array.dtype) else {
            throw ABIFailure.input("\(field): dtype \(dtypeName(array.dtype)) where \(allowed.map(dtypeName).joined(separator: " or ")) is expected")
        }
    }

    /// As `elements(_:_:as:length:)`, but the array is required.
    static func required<T>(_ array: wre_array, _ field: String, as type: T.Type, length: Int? = nil) throws -> UnsafeBufferPointer<T> {
        guard let buffer = try elements(array, field, as: type, length: length) else { throw ABIFailure.input("\(field): missing (NULL data)") }
        return buffer
    }

    /// A length or count from the caller, which must be non-negative (and fit in `Int`).
    static func count(_ value: Int64, _ field: String) throws -> Int {
        guard value >= 0, let n = Int(exactly: value) else { throw ABIFailure.input("\(field): \(value) is negative") }
        return n
    }

    /// Throws unless `pointer` is aligned for `T`.
    static func checkAlignment<T>(_ pointer: UnsafeRawPointer, _ field: String, as _: T.Type) throws {
        let alignment = MemoryLayout<T>.alignment
        guard Int(bitPattern: pointer) % alignment == 0 else {
            throw ABIFailure.input("\(field): address \(pointer) is not aligned to \(alignment) bytes (\(dtypeName(dtype(of: T.self))))")
        }
    }

    /// `a · b + c` for non-negative operands, or an error naming `field` when it overflows.
    static func product(_ a: Int, _ b: Int, plus c: Int = 0, _ field: String) throws -> Int {
        let (p, o1) = a.multipliedReportingOverflow(by: b)
        let (s, o2) = p.addingReportingOverflow(c)
        guard !o1 && !o2 else { throw ABIFailure.input("\(field): \(a) × \(b) entries is too large") }
        return s
    }

    /// The strings of `strings` (named `field`): `length` of them (when given), each valid
    /// UTF-8; a NULL entry is an error unless `allowNull` (then `nil`). `nil` when absent.
    static func strings(_ strings: wre_strings, _ field: String, length expected: Int? = nil, allowNull: Bool = false) throws -> [String?]? {
        guard let items = strings.items else { return nil }
        let length = try count(strings.length, field)
        if let expected, length != expected { throw ABIFailure.input("\(field): expected \(expected) values, found \(length)") }
        try checkAlignment(UnsafeRawPointer(items), field, as: UnsafePointer<CChar>?.self)
        return try (0..<length).map { i in
            guard let item = items[i] else {
                if allowNull { return nil }
                throw ABIFailure.input("\(field)[\(i)]: NULL")
            }
            return try CString.read(item, field: "\(field)[\(i)]")
        }
    }

    /// A required string argument (`field` names it).
    static func string(_ pointer: UnsafePointer<CChar>?, _ field: String) throws -> String {
        guard let pointer else { throw ABIFailure.argument("\(field): NULL") }
        return try CString.read(pointer, field: field)
    }

    /// The value named by `text` among `T`'s cases (`nil` text: `nil`), or an error naming
    /// `field` and the valid values.
    static func named<T: RawRepresentable & CaseIterable>(_ text: UnsafePointer<CChar>?, _ field: String, as _: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text else { return nil }
        let name = try CString.read(text, field: field)
        guard let value = T(rawValue: name) else {
            throw ABIFailure.input("\(field): '\(name)' is not a \(field) (valid: \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    /// The pointee of a required input pointer.
    static func input<T>(_ pointer: UnsafePointer<T>?, _ field: String) throws -> T {
        guard let pointer else { throw ABIFailure.argument("\(field): NULL") }
        return pointer.pointee
    }

    /// A required output pointer.
    static func output<T>(_ pointer: UnsafeMutablePointer<T>?, _ field: String) throws -> UnsafeMutablePointer<T> {
        guard let pointer else { throw ABIFailure.argument("\(field): NULL output pointer") }
        return pointer
    }
}
