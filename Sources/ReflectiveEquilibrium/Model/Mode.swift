/// Presets over the same model that say which groups may be revised (docs/modes.md).
public enum Mode: String, Codable, Sendable, CaseIterable {
    /// Wide reflective equilibrium: judgments, principles and theories are all revisable.
    case wide
    /// Narrow reflective equilibrium: judgments and principles; theories are ignored
    /// (`α_PT = α_JT = 0`) and stay at their initial values.
    case narrow
    /// Constitutional-AI-like: only judgments move; principles and theories are locked at `x0`.
    case topDown = "top-down"
    /// Principles and theories fitted to fixed data: judgments are locked at `x0`.
    case bottomUp = "bottom-up"

    /// Whether items of `group` may be revised in this mode.
    public func revises(_ group: Group) -> Bool {
        switch (self, group) {
        case (.wide, _): return true
        case (.narrow, .theory): return false
        case (.narrow, _): return true
        case (.topDown, .judgment): return true
        case (.topDown, _): return false
        case (.bottomUp, .judgment): return false
        case (.bottomUp, _): return true
        }
    }
}
