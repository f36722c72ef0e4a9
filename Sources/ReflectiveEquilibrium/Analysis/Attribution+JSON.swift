import Foundation

extension Attribution {
    /// The format string of attribution documents.
    public static let fileFormat = "wre-attribution/1"

    /// The attribution as JSON: `format`, `id`, `group`, `initial`, `value`, `standing`, `mode`,
    /// `solver`, `unique` (the result's certificate; null when not checked), `freeItems`,
    /// `influencers`, `notes` and `entries`, each `{"id", "group", "initial", "value",
    /// "standing", "sensitivity", "support", "exactSupport"}` (`exactSupport` null when not
    /// re-solved). Definitions in `Attribution`.
    public func jsonData() -> Data {
        JSONValue.object([
            ("format", .string(Self.fileFormat)),
            ("id", .string(id)), ("group", .string(group.rawValue)), ("initial", .number(initial)), ("value", .number(value)),
            ("standing", .string(standing.rawValue)), ("mode", .string(mode.rawValue)), ("solver", .string(solver.rawValue)),
            ("unique", .bool(certifiedUnique)), ("freeItems", .int(freeItems)), ("influencers", .int(influencers)),
            ("notes", .array(notes.map { .string($0) })),
            ("entries", .array(entries.map { e in
                .object([("id", .string(e.id)), ("group", .string(e.group.rawValue)), ("initial", .number(e.initial)),
                         ("value", .number(e.value)), ("standing", .string(e.standing.rawValue)),
                         ("sensitivity", .number(e.sensitivity)), ("support", .number(e.support)),
                         ("exactSupport", .number(e.exactSupport))])
            })),
        ]).prettyData
    }
}
