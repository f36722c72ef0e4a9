import Foundation

extension UpdateReport {
    /// The format string of update reports.
    public static let fileFormat = "wre-update/1"

    /// The report as a `wre-update/1` document:
    ///
    /// ```json
    /// {"format": "wre-update/1", "status": "converged", "objectiveChange": -0.12,
    ///  "warm": {"iterations": 3, "seconds": 0.001, "status": "converged", "kktResidual": 1e-15},
    ///  "cold": {"iterations": 9, ...},            // null when the cold solve was skipped
    ///  "iterationsSaved": 6, "coldDistance": 2e-16,
    ///  "changes": [{"id": "j9", "group": "judgment", "kind": "added", "before": null, "after": -0.8,
    ///               "classBefore": null, "classAfter": "reversed"}],
    ///  "result": { ...the wre-result/1 document of the warm-started solve... }}
    /// ```
    public func jsonData() -> Data {
        func run(_ r: Equilibrium?) -> JSONValue {
            guard let r else { return .null }
            return .object([("iterations", .int(r.iterations)), ("seconds", .number(r.seconds)), ("status", .string(r.status.rawValue)),
                            ("kktResidual", .number(r.kktResidual)), ("objective", .number(r.objective.total))])
        }
        let members: [(String, JSONValue)] = [
            ("format", .string(Self.fileFormat)),
            ("status", .string(result.status.rawValue)),
            ("objectiveChange", .number(objectiveChange)),
            ("previous", .object([("objective", .number(previous.objective.total)), ("status", .string(previous.status.rawValue))])),
            ("warm", run(result)),
            ("cold", run(cold)),
            ("iterationsSaved", iterationsSaved.map { .int($0) } ?? .null),
            ("coldDistance", .number(coldDistance)),
            ("changes", .array(changes.map(\.jsonValue))),
            ("result", result.jsonValue),
        ]
        return JSONValue.object(members).prettyData
    }
}

extension ItemChange {
    /// `{"id", "group", "kind", "before", "after", "classBefore", "classAfter"}` (absent sides `null`).
    var jsonValue: JSONValue {
        .object([("id", .string(id)), ("group", .string(group.rawValue)), ("kind", .string(kind.rawValue)),
                 ("before", .number(before)), ("after", .number(after)),
                 ("classBefore", .string(classBefore?.rawValue)), ("classAfter", .string(classAfter?.rawValue))])
    }
}
