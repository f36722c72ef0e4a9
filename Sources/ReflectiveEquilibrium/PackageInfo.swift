/// The package's identity, kept in one place: `wre --version` prints it, and reports and
/// result files may cite it.
public enum PackageInfo {
    /// The version of the package (semantic versioning), e.g. `wre --version` → `0.1.0`.
    public static let version = "0.1.0"
}
