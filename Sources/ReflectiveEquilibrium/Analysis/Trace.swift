/// The audit trail of a solve (docs/results.md, procedural legitimacy): where the process
/// started, each step of the alternating solver's mutual adjustment (which group was revised,
/// the objective after it, the items that changed class, and the pulls that explain each
/// change), and where it ended.
///
/// Only the alternating solver revises group by group, so only its trace has steps; for the
/// other solvers the trace is the start and the end, and the end lists the net class changes.
/// Pulls are computed at the end state (`W_ik x*_k`), those pointing the way the item moved,
/// strongest first.
public struct Trace: Sendable {
    /// The state the solver started from.
    public var start: TracePoint
    /// The alternating solver's steps (empty for other solvers).
    public var steps: [TraceStep]
    /// The returned state.
    public var end: TracePoint
    /// The items whose class differs between start and end.
    public var netChanges: [ClassTransition]
    public var solver: SolverKind
    public var mode: Mode
    public var status: SolverStatus
    public var iterations: Int
    public var seconds: Double
}

/// The objective and KKT residual at one state of a trace.
public struct TracePoint: Sendable, Equatable {
    public var objective: Double
    public var kktResidual: Double
}

/// One step of a trace: a trajectory step with its class changes explained.
public struct TraceStep: Sendable, Equatable {
    public var round: Int
    public var group: Group
    public var objective: Double
    public var moved: Int
    public var largestChange: Double
    public var classChanges: [ClassTransition]
}

/// An item that changed class, the value it reached, and the strongest pulls (at the end
/// state) in the direction it moved.
public struct ClassTransition: Sendable, Equatable {
    public var id: String
    public var from: ItemClass
    public var to: ItemClass
    public var value: Double
    public var pulls: [Pull]

    /// Whether the item moved down (towards reversed / rejected).
    public var isDownward: Bool { to.rank < from.rank }
}

extension ItemClass {
    /// The position of the class on its group's value scale (higher values rank higher).
    var rank: Int {
        switch self {
        case .retained, .adopted, .accepted: return 3
        case .weakened: return 2
        case .partial: return 1
        case .suspended: return 1
        case .rejected, .reversed: return 0
        }
    }
}

extension Equilibrium {
    /// The audit trail of this result on `problem` (the problem it solved).
    ///
    /// - Parameters:
    ///   - warmStart: the warm start the solve used, if any (the trace starts there).
    ///   - topPulls: how many pulls to attach to each class change.
    /// - Throws: `ProblemError.lengthMismatch` when the result has not one item per item of `problem`.
    public func trace(of problem: Problem, warmStart: [Double]? = nil, topPulls: Int = 3) throws -> Trace {
        let objective = Objective(problem, mode: mode)
        let x = state
        guard x.count == objective.count else {
            throw ProblemError.lengthMismatch(field: "result items", expected: objective.count, found: x.count)
        }
        let ids = problem.judgments.ids + problem.principles.ids + problem.theories.ids
        let startState = objective.startingPoint(warmStart?.count == objective.count ? warmStart : nil)
        let startEval = objective.evaluate(startState)
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        var classes = (0..<objective.count).map { ItemClass(group: objective.group(of: $0), value: startState[$0]) }

        func transition(_ i: Int, from: ItemClass, to: ItemClass, value: Double) -> ClassTransition {
            var t = ClassTransition(id: ids[i], from: from, to: to, value: value, pulls: [])
            let down = t.isDownward
            t.pulls = objective.pulls(on: i, at: x)
                .filter { down ? $0.contribution < 0 : $0.contribution > 0 }
                .sorted { abs($0.contribution) > abs($1.contribution) }
                .prefix(topPulls)
                .map { Pull(id: ids[$0.index], contribution: $0.contribution) }
            return t
        }

        let steps = trajectory.map { step -> TraceStep in
            var changes: [ClassTransition] = []
            for (c, id) in step.classChanges.enumerated() {
                guard let i = index[id] else { continue }
                let value = c < step.classChangeValues.count ? step.classChangeValues[c] : x[i]
                let to = ItemClass(group: objective.group(of: i), value: value)
                changes.append(transition(i, from: classes[i], to: to, value: value))
                classes[i] = to
            }
            return TraceStep(round: step.round, group: step.group, objective: step.objective, moved: step.moved,
                             largestChange: step.largestChange, classChanges: changes)
        }
        let net = (0..<objective.count).compactMap { i -> ClassTransition? in
            let from = ItemClass(group: objective.group(of: i), value: startState[i])
            return from == items[i].class ? nil : transition(i, from: from, to: items[i].class, value: x[i])
        }
        return Trace(start: TracePoint(objective: startEval.split.total, kktResidual: startEval.kktResidual), steps: steps,
                     end: TracePoint(objective: self.objective.total, kktResidual: kktResidual), netChanges: net,
                     solver: solver, mode: mode, status: status, iterations: iterations, seconds: seconds)
    }
}
