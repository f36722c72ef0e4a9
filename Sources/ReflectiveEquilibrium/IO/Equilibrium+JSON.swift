import Foundation

extension Equilibrium {
    /// The format string of result files (docs/formats.md).
    public static let fileFormat = "wre-result/1"

    /// The result as a `wre-result/1` document (docs/formats.md): status, solver, mode, iterations,
    /// seconds, KKT residual and scaled residual (`roundingFloor` only when the run converged at
    /// the rounding floor above the tolerance), the certificate (`convex`, `unique`,
    /// `convexityMargin`, `certifyingScale`, `certificateMethod`; `null` when not known), the
    /// time breakdown `timing` (validate, solve, certify, analysis),
    /// the objective split, the revision shares, every item in input order and the revisions
    /// with their pulls; besides, `tolerance`, `certificateNote`, `counts` and `trajectory`
    /// (with the values of the items that changed class and, in `classChangePulls`, their
    /// strongest pulls at that step's state), and — after a multi-start solve only —
    /// `equilibria`: the distinct equilibria found, best first, each
    /// `{"objective", "share", "starts", "kktResidual", "stable", "items": [{"id", "value", "class"}]}`
    /// (`stable: false` marks a saddle point).
    /// Non-finite numbers (e.g. the residual of a failed run) are written as `null`.
    public func jsonData() throws -> Data { jsonValue.prettyData }

    var jsonValue: JSONValue {
        let split = objective
        let shares = revisionShare
        var members: [(String, JSONValue)] = [
            ("format", .string(Self.fileFormat)),
            ("status", .string(status.rawValue)),
            ("solver", .string(solver.rawValue)),
        ]
        if let solverChoice { members.append(("solverChoice", .string(solverChoice))) }
        members += [
            ("mode", .string(mode.rawValue)),
            ("iterations", .int(iterations)),
            ("seconds", .number(seconds)),
            ("kktResidual", .number(kktResidual)),
            ("scaledResidual", .number(scaledResidual)),
            ("tolerance", .number(tolerance)),
        ]
        if let roundingFloor { members.append(("roundingFloor", .number(roundingFloor))) }
        var timingMembers: [(String, JSONValue)] = []
        if let load = timing.load { timingMembers.append(("load", .number(load))) }
        timingMembers += [("validate", .number(timing.validate)), ("solve", .number(timing.solve)),
                          ("certify", .number(timing.certify)), ("analysis", .number(timing.analysis))]
        if let report = timing.report { timingMembers.append(("report", .number(report))) }
        if let other = timing.other, let total = timing.total { timingMembers += [("other", .number(other)), ("total", .number(total))] }
        let timingValue: JSONValue = .object(timingMembers)
        members += [
            ("convex", .bool(certificate.convex)),
            ("unique", .bool(certificate.unique)),
            ("convexityMargin", .number(certificate.convexityMargin)),
            ("certifyingScale", .number(certificate.certifyingScale)),
            ("certificateMethod", certificate.method.map { .string($0.rawValue) } ?? .null),
            ("certificateNote", .string(certificate.note)),
            ("timing", timingValue),
            ("objective", .object([("total", .number(split.total)), ("coherence", .number(split.coherence)),
                                   ("revisionCost", .number(split.revisionCost)), ("parsimonyCost", .number(split.parsimonyCost))])),
            ("revisionShare", .object([("judgments", .number(shares.judgments)), ("principles", .number(shares.principles)),
                                       ("theories", .number(shares.theories))])),
            ("counts", .object(Group.allCases.map { g in
                (g.plural, .object(ItemClass.classes(of: g).map { ($0.rawValue, .int(counts.count($0, in: g))) }))
            })),
            ("items", .array(items.map {
                .object([("id", .string($0.id)), ("group", .string($0.group.rawValue)), ("initial", .number($0.initial)),
                         ("value", .number($0.value)), ("class", .string($0.class.rawValue))])
            })),
            ("revisions", .array(revisions.map {
                .object([("id", .string($0.id)), ("from", .number($0.from)), ("to", .number($0.to)),
                         ("class", .string($0.class.rawValue)),
                         ("pulls", .array($0.pulls.map(\.jsonValue)))])
            })),
            ("trajectory", .array(trajectory.map {
                .object([("round", .int($0.round)), ("group", .string($0.group.rawValue)), ("objective", .number($0.objective)),
                         ("moved", .int($0.moved)), ("largestChange", .number($0.largestChange)),
                         ("classChanges", .array($0.classChanges.map { .string($0) })),
                         ("classChangeValues", .array($0.classChangeValues.map { .number($0) })),
                         ("classChangePulls", .array($0.classChangePulls.map { .array($0.map(\.jsonValue)) }))])
            })),
        ]
        guard let equilibria else { return .object(members) }
        return .object(members + [("equilibria", .array(equilibria.map(\.jsonValue)))])
    }
}

extension EquilibriumPoint {
    var jsonValue: JSONValue {
        .object([("objective", .number(objective)), ("share", .number(share)), ("starts", .int(starts)),
                 ("kktResidual", .number(kktResidual)), ("scaledResidual", .number(scaledResidual)), ("stable", .bool(stable)),
                 ("items", .array(items.map {
                     .object([("id", .string($0.id)), ("value", .number($0.value)), ("class", .string($0.class.rawValue))])
                 }))])
    }
}

extension Pull {
    /// `{"id", "contribution"}`.
    var jsonValue: JSONValue { .object([("id", .string(id)), ("contribution", .number(contribution))]) }
}
