import Foundation

extension Explanation {
    /// The format string of explanation documents.
    public static let fileFormat = "wre-explanation/1"

    /// The explanation as JSON: `format`, `mode`, `solver`, `status`, `converged`,
    /// `kktResidual`, `scaledResidual`, `tolerance`, `revisionThreshold` (null when one item was asked for) and
    /// `items`, each `{"id", "group", "initial", "value", "class", "confidence", "standing",
    /// "coherencePull", "anchoring", "parsimony", "net", "pulls": [{"id", "contribution"}],
    /// "omittedPulls", "omittedContribution"}` (`net = coherencePull − anchoring − parsimony`).
    public func jsonData() -> Data {
        JSONValue.object([
            ("format", .string(Self.fileFormat)),
            ("mode", .string(mode.rawValue)),
            ("solver", .string(solver.rawValue)),
            ("status", .string(status.rawValue)),
            ("converged", .bool(isEquilibrium)),
            ("kktResidual", .number(kktResidual)),
            ("scaledResidual", .number(scaledResidual)),
            ("tolerance", .number(tolerance)),
            ("revisionThreshold", .number(revisionThreshold)),
            ("items", .array(items.map { item in
                .object([("id", .string(item.id)), ("group", .string(item.group.rawValue)), ("initial", .number(item.initial)),
                         ("value", .number(item.value)), ("class", .string(item.class.rawValue)),
                         ("confidence", .number(item.confidence)), ("standing", .string(item.standing.rawValue)),
                         ("coherencePull", .number(item.coherencePull)), ("anchoring", .number(item.anchoring)),
                         ("parsimony", .number(item.parsimony)), ("net", .number(item.net)),
                         ("pulls", .array(item.pulls.map(\.jsonValue))),
                         ("omittedPulls", .int(item.omittedPulls)), ("omittedContribution", .number(item.omittedContribution))])
            })),
        ]).prettyData
    }
}
