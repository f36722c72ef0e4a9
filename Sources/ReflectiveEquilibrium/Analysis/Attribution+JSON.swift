import Foundation

extension Attribution {
    /// The format string of attribution documents.
    public static let fileFormat = "wre-attribution/1"

    /// The attribution as JSON: `format`, `id`, `group`, `initial`, `value`, `class`, `standing`,
    /// `mode`, `solver`, `unique` (the result's certificate; null when not checked),
    /// `freeItems`, `influencers`, `opposing` (at a bound: the items pulling out of it),
    /// `notes`, `entries`, each `{"id", "group", "initial", "value", "class", "standing",
    /// "sensitivity", "support", "exactSupport", "pull", "without", "chain"}` (`exactSupport`
    /// and `without` null when not re-solved, `chain` null when not followed), and
    /// `jointWithout` (at a bound: the re-solve without the re-solved supporters together, else
    /// null). A re-solve is `{"dropped", "held", "value", "class", "standing", "changedCount",
    /// "changes"}` with `changes` as in `wre-update/1`; a chain step `{"id", "group", "initial",
    /// "value", "class", "pullChange", "held", "supporterValue", "supporterClass"}`. Definitions
    /// in `Attribution`.
    public func jsonData() -> Data {
        JSONValue.object([
            ("format", .string(Self.fileFormat)),
            ("id", .string(id)), ("group", .string(group.rawValue)), ("initial", .number(initial)), ("value", .number(value)),
            ("class", .string(itemClass.rawValue)),
            ("standing", .string(standing.rawValue)), ("mode", .string(mode.rawValue)), ("solver", .string(solver.rawValue)),
            ("unique", .bool(certifiedUnique)), ("freeItems", .int(freeItems)), ("influencers", .int(influencers)),
            ("opposing", .int(opposing)),
            ("notes", .array(notes.map { .string($0) })),
            ("entries", .array(entries.map { e in
                .object([("id", .string(e.id)), ("group", .string(e.group.rawValue)), ("initial", .number(e.initial)),
                         ("value", .number(e.value)), ("class", .string(e.itemClass.rawValue)), ("standing", .string(e.standing.rawValue)),
                         ("sensitivity", .number(e.sensitivity)), ("support", .number(e.support)),
                         ("exactSupport", .number(e.exactSupport)), ("pull", .number(e.pull)),
                         ("without", e.without?.jsonValue ?? .null), ("chain", e.chain?.jsonValue ?? .null)])
            })),
            ("jointWithout", jointWithout?.jsonValue ?? .null),
        ]).prettyData
    }
}

extension Counterfactual {
    var jsonValue: JSONValue {
        .object([("dropped", .array(dropped.map { .string($0) })), ("held", .array(held.map { .string($0) })),
                 ("value", .number(value)), ("class", .string(self.class.rawValue)), ("standing", .string(standing.rawValue)),
                 ("changedCount", .int(changedCount)), ("changes", .array(changes.map(\.jsonValue)))])
    }
}

extension ChainStep {
    var jsonValue: JSONValue {
        .object([("id", .string(id)), ("group", .string(group.rawValue)), ("initial", .number(initial)), ("value", .number(value)),
                 ("class", .string(itemClass.rawValue)), ("pullChange", .number(pullChange)), ("held", held?.jsonValue ?? .null),
                 ("supporterValue", .number(supporterValue)), ("supporterClass", .string(supporterClass?.rawValue))])
    }
}
