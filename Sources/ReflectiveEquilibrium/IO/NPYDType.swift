/// The element types of the NumPy `.npy` files this package reads and writes (docs/formats.md):
/// little-endian IEEE doubles (`<f8`) and singles (`<f4`).
public enum NPYDType: String, Sendable, CaseIterable, Codable {
    /// `<f8`, NumPy `float64`.
    case float64
    /// `<f4`, NumPy `float32`; values are rounded to `Float` when written and widened when read.
    case float32

    /// The NumPy type string in a header (`descr`).
    var descr: String {
        switch self {
        case .float64: return "<f8"
        case .float32: return "<f4"
        }
    }

    /// Bytes per element.
    var itemSize: Int {
        switch self {
        case .float64: return 8
        case .float32: return 4
        }
    }

    /// The type with NumPy type string `descr`, if supported.
    init?(descr: String) {
        guard let match = Self.allCases.first(where: { $0.descr == descr }) else { return nil }
        self = match
    }
}
