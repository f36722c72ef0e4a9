/// Counts in human output with the noun in the right number: `1 theory`, `3 theories`,
/// `0 items` (English: the singular for exactly one, the plural otherwise).
public enum Plural {
    /// `"\(n) \(singular)"` when `n == 1`, else `"\(n) \(plural)"` (the plural defaults to
    /// `singular + "s"`).
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + noun(n, singular, plural)
    }

    /// The noun alone, for a count written elsewhere: `singular` when `n == 1`, else `plural`
    /// (default `singular + "s"`).
    public static func noun(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        n == 1 ? singular : plural ?? singular + "s"
    }
}
