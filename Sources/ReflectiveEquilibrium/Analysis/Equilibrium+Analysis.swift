extension Equilibrium {
    /// Builds the result of a run: recomputes the residual and split through the blocks at the
    /// returned state (so no solver reports its own numbers), classifies items, lists revisions
    /// with their strongest pulls and shares the revision cost among groups.
    ///
    /// `converged` means `r̂ ≤ tolerance`, or (`roundingFloor` given: the run stalled at the
    /// rounding floor of double precision) `r̂ ≤ roundingFloor`; a `converged` run whose
    /// recomputed `r̂` exceeds that is `stalled`.
    init(problem: Problem, objective: Objective, raw: RawSolution, evaluation: Evaluation? = nil, roundingFloor: Double? = nil,
         solver: SolverKind, seconds: Double, certificate: Certificate, options: SolverOptions) {
        let analysisClock = ContinuousClock.now
        let x = raw.x
        let eval = evaluation ?? raw.evaluation ?? objective.evaluate(x)
        var status = raw.status
        if roundingFloor != nil && status == .stalled { status = .converged }
        let accepted = max(options.tolerance, roundingFloor ?? 0)
        if !eval.scaledResidual.isFinite || !eval.kktResidual.isFinite || !eval.split.total.isFinite { status = .numericalError }
        else if status == .converged && !(eval.scaledResidual <= accepted) { status = .stalled }

        let ids = problem.judgments.ids + problem.principles.ids + problem.theories.ids
        var items: [ItemOutcome] = []
        items.reserveCapacity(objective.count)
        // Tallies in flat arrays (a dictionary update per item costs a string hash at a million items).
        let classIndex = Dictionary(uniqueKeysWithValues: ItemClass.allCases.enumerated().map { ($1, $0) })
        var tally = [[Int]](repeating: [Int](repeating: 0, count: ItemClass.allCases.count), count: 3)
        var revCost = [0.0, 0.0, 0.0]
        func slot(_ g: Group) -> Int { g == .judgment ? 0 : (g == .principle ? 1 : 2) }
        var revisions: [Revision] = []
        let revised = (0..<objective.count).filter { abs(x[$0] - objective.x0[$0]) > options.revisionThreshold }
        let strongest = objective.strongestPulls(on: revised, at: x, limit: options.topPulls)
        for i in 0..<objective.count {
            let g = objective.group(of: i)
            let cls = ItemClass(group: g, initial: objective.x0[i], value: x[i])
            tally[slot(g)][classIndex[cls]!] += 1
            items.append(ItemOutcome(id: ids[i], group: g, initial: objective.x0[i], value: x[i], class: cls))
            let d = x[i] - objective.x0[i]
            revCost[slot(g)] += 0.5 * objective.lambda[i] * d * d
            if abs(d) > options.revisionThreshold {
                let pulls = (strongest[i] ?? []).map { Pull(id: ids[$0.index], contribution: $0.contribution) }
                revisions.append(Revision(id: ids[i], group: g, from: objective.x0[i], to: x[i], class: cls, pulls: pulls))
            }
        }
        revisions.sort { abs($0.to - $0.from) > abs($1.to - $1.from) }
        let totalRev = revCost.reduce(0, +)
        func share(_ g: Group) -> Double { totalRev > 0 ? revCost[slot(g)] / totalRev : 0 }
        func counts(_ g: Group) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: ItemClass.classes(of: g).map { ($0.rawValue, tally[slot(g)][classIndex[$0]!]) })
        }

        self.status = status
        self.solver = solver
        self.mode = objective.mode
        self.iterations = raw.iterations
        self.seconds = seconds
        self.kktResidual = eval.kktResidual
        self.scaledResidual = eval.scaledResidual
        self.roundingFloor = status == .converged && eval.scaledResidual > options.tolerance ? roundingFloor : nil
        self.tolerance = options.tolerance
        self.certificate = certificate
        self.objective = eval.split
        self.revisionShare = GroupShares(judgments: share(.judgment), principles: share(.principle), theories: share(.theory))
        self.items = items
        self.revisions = revisions
        self.counts = ClassCounts(judgments: counts(.judgment), principles: counts(.principle), theories: counts(.theory))
        self.trajectory = raw.trajectory.map {
            TrajectoryStep(round: $0.round, group: $0.group, objective: $0.objective, moved: $0.moved,
                           largestChange: $0.largestChange, classChanges: $0.classChanges.map { ids[$0] },
                           classChangeValues: $0.classChangeValues,
                           classChangePulls: $0.classChangePulls.map { $0.map { Pull(id: ids[$0.index], contribution: $0.contribution) } })
        }
        self.timing = SolveTiming(solve: seconds, analysis: (ContinuousClock.now - analysisClock).seconds)
    }
}
