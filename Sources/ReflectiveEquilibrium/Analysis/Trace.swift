/// The audit trail of a solve (docs/results.md, procedural legitimacy): where the process
/// started, each step of the alternating solver's mutual adjustment (which group was revised,
/// the objective after it, the items that changed class, and the pulls that explain each
/// change), and where it ended.
///
/// Only the alternating solver revises group by group, so only its trace has steps; for the
/// other solvers the trace is the start and the end, and the end lists the net class changes.
/// A step's pulls are those of that step, as the solver recorded them (`W_ik x_k` at the state
/// after the step, `TrajectoryStep.classChangePulls`); the net changes' pulls are those at the end
/// state (`W_ik x*_k`). Either way only the pulls pointing the way the item's value moved are
/// listed, strongest first.
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

/// An item that changed class, the value it reached, and the strongest pulls in the direction
/// its value moved (at the state after its step, or at the end state for a net change).
public struct ClassTransition: Sendable, Equatable {
    public var id: String
    public var from: ItemClass
    public var to: ItemClass
    public var value: Double
    public var pulls: [Pull]
    /// Whether the item's value rose (its pulls are positive); a judgment whose initial value is
    /// negative rises towards reversed.
    public var movedUp: Bool

    /// Whether the item moved down its class scale (towards reversed / rejected).
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
    ///   - topPulls: how many pulls to attach to each class change (a step's at most the
    ///     `SolverOptions.topPulls` the solver recorded).
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
        func itemClass(_ i: Int, _ value: Double) -> ItemClass {
            ItemClass(group: objective.group(of: i), initial: objective.x0[i], value: value)
        }
        var classes = (0..<objective.count).map { itemClass($0, startState[$0]) }

        let steps = trajectory.map { step -> TraceStep in
            var changes: [ClassTransition] = []
            for (c, id) in step.classChanges.enumerated() {
                guard let i = index[id] else { continue }
                let value = c < step.classChangeValues.count ? step.classChangeValues[c] : x[i]
                let to = itemClass(i, value)
                // A class rises as σ·value rises (σ the item's stance).
                let up = (to.rank > classes[i].rank) == (ItemClass.stance(group: objective.group(of: i), initial: objective.x0[i]) > 0)
                let pulls = c < step.classChangePulls.count ? Array(step.classChangePulls[c].prefix(topPulls)) : []
                changes.append(ClassTransition(id: id, from: classes[i], to: to, value: value, pulls: pulls, movedUp: up))
                classes[i] = to
            }
            return TraceStep(round: step.round, group: step.group, objective: step.objective, moved: step.moved,
                             largestChange: step.largestChange, classChanges: changes)
        }
        let netItems = (0..<objective.count).filter { itemClass($0, startState[$0]) != items[$0].class }
        let moves = netItems.map { x[$0] - startState[$0] }
        let endPulls = objective.strongestPulls(on: netItems, at: x, limit: topPulls, towards: moves)
        let net = zip(netItems, moves).map { i, move in
            ClassTransition(id: ids[i], from: itemClass(i, startState[i]), to: items[i].class, value: x[i],
                            pulls: (endPulls[i] ?? []).map { Pull(id: ids[$0.index], contribution: $0.contribution) }, movedUp: move > 0)
        }
        return Trace(start: TracePoint(objective: startEval.split.total, kktResidual: startEval.kktResidual), steps: steps,
                     end: TracePoint(objective: self.objective.total, kktResidual: kktResidual), netChanges: net,
                     solver: solver, mode: mode, status: status, iterations: iterations, seconds: seconds)
    }
}
