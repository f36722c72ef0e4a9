/// The package's version, in one place: audit reports record it in their provenance.
public enum Library {
    /// The version of ReflectiveEquilibrium and `wre` (semantic versioning).
    public static let version = "0.1.0"
}
