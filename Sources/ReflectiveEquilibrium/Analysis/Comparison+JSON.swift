import Foundation

extension Comparison {
    /// The format string of comparison documents.
    public static let fileFormat = "wre-comparison/1"

    /// The comparison as JSON: `format`, `allConverged`, `runs` (each `{"label", "mode",
    /// "solver", "status", "converged", "iterations", "seconds", "kktResidual", "tolerance",
    /// "unique", "objective": {"total", "coherence", "revisionCost", "parsimonyCost"},
    /// "revisionShare": {"judgments", "principles", "theories"}, "counts": {group: {class: n}}}`),
    /// `differences` (each `{"id", "group", "initial", "values", "classes"}`, one value and class
    /// per run, in `runs` order) and `contrasts` (each `{"first", "second", "items",
    /// "sentence"}`, runs named by label). Solve each mode with `wre solve --json` for the full
    /// per-item results.
    public func jsonData() -> Data {
        JSONValue.object([
            ("format", .string(Self.fileFormat)),
            ("allConverged", .bool(allConverged)),
            ("runs", .array(runs.map { run in
                let r = run.result, o = r.objective, s = r.revisionShare
                return .object([
                    ("label", .string(run.label)), ("mode", .string(run.mode.rawValue)), ("solver", .string(run.solver.rawValue)),
                    ("status", .string(r.status.rawValue)), ("converged", .bool(r.isEquilibrium)), ("iterations", .int(r.iterations)),
                    ("seconds", .number(r.seconds)), ("kktResidual", .number(r.kktResidual)), ("tolerance", .number(r.tolerance)),
                    ("scaledResidual", .number(r.scaledResidual)),
                    ("convex", .bool(r.certificate.convex)),
                    ("unique", .bool(r.certificate.unique)),
                    ("objective", .object([("total", .number(o.total)), ("coherence", .number(o.coherence)),
                                           ("revisionCost", .number(o.revisionCost)), ("parsimonyCost", .number(o.parsimonyCost))])),
                    ("revisionShare", .object([("judgments", .number(s.judgments)), ("principles", .number(s.principles)),
                                               ("theories", .number(s.theories))])),
                    ("counts", .object(Group.allCases.map { g in
                        (g.plural, .object(ItemClass.classes(of: g).map { ($0.rawValue, .int(r.counts.count($0, in: g))) }))
                    })),
                ])
            })),
            ("differences", .array(differences.map { d in
                .object([("id", .string(d.id)), ("group", .string(d.group.rawValue)), ("initial", .number(d.initial)),
                         ("values", .array(d.values.map { .number($0) })), ("classes", .array(d.classes.map { .string($0.rawValue) }))])
            })),
            ("contrasts", .array(contrasts.map { c in
                .object([("first", .string(runs[c.first].label)), ("second", .string(runs[c.second].label)),
                         ("items", .array(c.items.map { .string($0) })), ("sentence", .string(c.sentence))])
            })),
        ]).prettyData
    }
}
