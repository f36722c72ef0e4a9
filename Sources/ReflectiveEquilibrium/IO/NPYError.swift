/// Why a NumPy `.npy` file could not be read or written. Every case names the file.
public enum NPYError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read (missing, unreadable).
    case unreadable(file: String, reason: String)
    /// The file does not start with the magic string `\x93NUMPY`.
    case badMagic(file: String)
    /// A format version other than 1.0, 2.0 or 3.0.
    case unsupportedVersion(file: String, major: Int, minor: Int)
    /// The file ends inside its header.
    case truncatedHeader(file: String)
    /// The header is not the dictionary NumPy writes (`descr`, `fortran_order`, `shape`).
    case malformedHeader(file: String, reason: String)
    /// An element type other than `<f8`, `<f4` and the integer and boolean types of `NPYElement`.
    case unsupportedDType(file: String, descr: String)
    /// The array is stored in Fortran (column-major) order.
    case fortranOrder(file: String)
    /// The data after the header is shorter or longer than the shape and type require.
    case dataSize(file: String, shape: [Int], expectedBytes: Int, foundBytes: Int)
    /// The array has the wrong number of dimensions for its use.
    case dimensions(file: String, expected: Int, shape: [Int])

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read the file (\(reason))"
        case let .badMagic(file): return "\(file): not a NumPy .npy file (it does not start with \\x93NUMPY)"
        case let .unsupportedVersion(file, major, minor):
            return "\(file): .npy format version \(major).\(minor) is not supported (use 1.0, 2.0 or 3.0)"
        case let .truncatedHeader(file): return "\(file): the file ends inside its header"
        case let .malformedHeader(file, reason): return "\(file): malformed header: \(reason)"
        case let .unsupportedDType(file, descr):
            return "\(file): dtype '\(descr)' is not supported (use '<f8' or '<f4', or little-endian integers or booleans: '<i1'…'<i8', '|u1'…'<u8', '|b1')"
        case let .fortranOrder(file):
            return "\(file): the array is in Fortran order; save it in C order (numpy.ascontiguousarray)"
        case let .dataSize(file, shape, expected, found):
            let what = found < expected ? "truncated" : "extra bytes after the data"
            return "\(file): \(what): shape \(NPYHeader.shapeText(shape)) needs \(expected) bytes of data, found \(found)"
        case let .dimensions(file, expected, shape):
            return "\(file): expected a \(expected)-D array, found shape \(NPYHeader.shapeText(shape))"
        }
    }
}
