extension Problem {
    /// Solves for the equilibrium (docs/model.md):
    ///
    ///     x* = argmax Coh(x) − ½ Σ λᵢ (xᵢ − x0ᵢ)² − Σ μₐ pₐ   over  l ≤ x ≤ u
    ///
    /// - Parameters:
    ///   - solver: the variant (default `auto`: chosen from the problem's structure).
    ///   - mode: overrides the problem's mode when given.
    ///   - options: tolerance, limits, warm start, seed, certificate.
    /// - Returns: the result; check `isEquilibrium` (a non-converged run is never an equilibrium).
    /// - Throws: `ProblemError` for invalid data or a warm start of the wrong length.
    public func solve(_ solver: SolverKind = .auto, mode: Mode? = nil, options: SolverOptions = SolverOptions()) throws -> Equilibrium {
        try validate()
        guard options.tolerance.isFinite && options.tolerance > 0 else {
            throw ProblemError.invalidOption(name: "tolerance", value: "\(options.tolerance)")
        }
        if let t = options.timeLimit, !(t >= 0) { throw ProblemError.invalidOption(name: "timeLimit", value: "\(t)") }
        if let k = options.maxIterations, k < 0 { throw ProblemError.invalidOption(name: "maxIterations", value: "\(k)") }
        guard options.revisionThreshold >= 0, options.topPulls >= 0 else {
            throw ProblemError.invalidOption(name: "revisionThreshold/topPulls", value: "\(options.revisionThreshold)/\(options.topPulls)")
        }
        let objective = Objective(self, mode: mode)
        if let w = options.warmStart {
            guard w.count == objective.count else { throw ProblemError.lengthMismatch(field: "warmStart", expected: objective.count, found: w.count) }
            if let i = w.firstIndex(where: { !$0.isFinite }) { throw ProblemError.nonFinite(item: "warmStart[\(i)]", field: "value") }
        }
        let algorithm = solver.algorithm
        let deadline = Deadline(seconds: options.timeLimit)
        let raw = try algorithm.run(objective, from: objective.startingPoint(options.warmStart), options: options, deadline: deadline)
        let seconds = deadline.elapsedSeconds
        let (evaluation, floor) = objective.settle(raw, tolerance: options.tolerance)
        let certifyClock = ContinuousClock.now
        let certificate = options.certify ? objective.certify(gram: raw.gram, ids: judgments.ids + principles.ids + theories.ids) : .unchecked
        let certifySeconds = (ContinuousClock.now - certifyClock).seconds
        var result = Equilibrium(problem: self, objective: objective, raw: raw, evaluation: evaluation, roundingFloor: floor,
                                 solver: raw.ran?.solver ?? solver, seconds: seconds, certificate: certificate, options: options)
        result.solverChoice = raw.ran.map { "auto: \($0.solver.rawValue) (\($0.reason))" }
        result.timing.validate = statistics.seconds
        result.timing.certify = certifySeconds
        return result
    }
}

extension Objective {
    /// The evaluation at a solver's returned state (the solver's own when it has one: no pass
    /// over A) and, when the run stalled with the scaled residual at the rounding floor of
    /// double precision (`roundingFloor`), that floor: the run then counts as converged.
    func settle(_ raw: RawSolution, tolerance: Double) -> (Evaluation, Double?) {
        let evaluation = raw.evaluation ?? evaluate(raw.x)
        guard raw.status == .stalled, evaluation.scaledResidual > tolerance, evaluation.scaledResidual.isFinite else {
            return (evaluation, nil)
        }
        let floor = roundingFloor(raw.x)
        return (evaluation, evaluation.scaledResidual <= floor ? floor : nil)
    }
}
