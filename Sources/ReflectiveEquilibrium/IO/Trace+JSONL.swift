import Foundation

extension Trace {
    /// The format string of trace files.
    public static let fileFormat = "wre-trace/1"

    /// The trace as JSON lines (`wre-trace/1`), one event per line:
    ///
    ///     {"event": "start", "format": "wre-trace/1", "solver": "alternating", "mode": "wide", "objective": 0.41, "kktResidual": 0.9}
    ///     {"event": "step", "round": 1, "group": "judgment", "objective": 0.73, "moved": 4, "largestChange": 1.2,
    ///      "classChanges": [{"id": "j3", "from": "retained", "to": "reversed", "value": -0.4,
    ///                        "pulls": [{"id": "p2", "contribution": -0.6}]}]}
    ///     …
    ///     {"event": "end", "status": "converged", "iterations": 7, "seconds": 0.001, "objective": 1.2, "kktResidual": 3e-13,
    ///      "classChanges": [...net changes from start to end...]}
    ///
    /// `step` lines come from the alternating solver only (one per group revised per round);
    /// other solvers write `start` and `end`. A step's `pulls` are those at the state after that
    /// step (what moved the item then), the end's at the end state; both list only the pulls
    /// pointing the way the value moved. Non-finite numbers are `null`.
    public func jsonLines() -> Data {
        func transitions(_ list: [ClassTransition]) -> JSONValue {
            .array(list.map { t in
                .object([("id", .string(t.id)), ("from", .string(t.from.rawValue)), ("to", .string(t.to.rawValue)),
                         ("value", .number(t.value)),
                         ("pulls", .array(t.pulls.map(\.jsonValue)))])
            })
        }
        var lines: [JSONValue] = [.object([
            ("event", .string("start")), ("format", .string(Self.fileFormat)), ("solver", .string(solver.rawValue)),
            ("mode", .string(mode.rawValue)), ("objective", .number(start.objective)), ("kktResidual", .number(start.kktResidual)),
        ])]
        for s in steps {
            lines.append(.object([
                ("event", .string("step")), ("round", .int(s.round)), ("group", .string(s.group.rawValue)),
                ("objective", .number(s.objective)), ("moved", .int(s.moved)), ("largestChange", .number(s.largestChange)),
                ("classChanges", transitions(s.classChanges)),
            ]))
        }
        lines.append(.object([
            ("event", .string("end")), ("status", .string(status.rawValue)), ("iterations", .int(iterations)),
            ("seconds", .number(seconds)), ("objective", .number(end.objective)), ("kktResidual", .number(end.kktResidual)),
            ("classChanges", transitions(netChanges)),
        ]))
        return Data(lines.map { $0.compactText + "\n" }.joined().utf8)
    }
}
