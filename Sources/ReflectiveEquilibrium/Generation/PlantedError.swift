/// Why a planted instance could not be generated. Every case names the offending parameter.
public enum PlantedError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter outside its range: `name` is the `PlantedParameters` property, `value` what was
    /// given and `requirement` what it must satisfy.
    case invalidParameter(name: String, value: String, requirement: String)

    /// The parameter the error is about.
    public var parameter: String {
        switch self {
        case let .invalidParameter(name, _, _): return name
        }
    }

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement): return "\(name) = \(value): \(requirement)"
        }
    }
}
