import Foundation

/// A named starting point of a multi-start solve.
public struct StartingPoint: Sendable, Equatable {
    /// `initial`, `all upper`, `all lower`, `principles upper`, …, `random 3`.
    public var name: String
    /// The full state `x = (j, p, t)` (projected onto the box by the solver).
    public var state: [Double]
}

extension Problem {
    /// The first `count` starting points of a multi-start solve, in this order: the initial
    /// values; the corners the mode implies — every revisable item at its upper bound (affirm,
    /// adopt, accept everything), every revisable item at its lower bound, then each revisable
    /// group alone at its upper and at its lower bound (the rest at their initial values); then
    /// points drawn uniformly from the box (xoshiro256** seeded with `seed`: the same seed gives
    /// the same points).
    public func startingPoints(count: Int, mode: Mode? = nil, seed: UInt64 = 0) -> [StartingPoint] {
        let objective = Objective(self, mode: mode)
        let x0 = objective.project(objective.x0)
        let revisable = Group.allCases.filter { g in objective.range(of: g).contains { !objective.isLocked($0) } }
        func corner(_ groups: [Group], upper: Bool) -> [Double] {
            var x = x0
            for g in groups { for i in objective.range(of: g) { x[i] = upper ? objective.upper[i] : objective.lower[i] } }
            return x
        }
        var points = [StartingPoint(name: "initial", state: x0)]
        if !revisable.isEmpty {
            points.append(StartingPoint(name: "all upper", state: corner(revisable, upper: true)))
            points.append(StartingPoint(name: "all lower", state: corner(revisable, upper: false)))
            if revisable.count > 1 {
                for g in revisable {
                    points.append(StartingPoint(name: "\(g.plural) upper", state: corner([g], upper: true)))
                    points.append(StartingPoint(name: "\(g.plural) lower", state: corner([g], upper: false)))
                }
            }
        }
        var rng = PlantedRandom(seed: seed)
        var r = 0
        while points.count < count {
            r += 1
            let x = (0..<objective.count).map { objective.lower[$0] + (objective.upper[$0] - objective.lower[$0]) * rng.unit() }
            points.append(StartingPoint(name: "random \(r)", state: x))
        }
        return Array(points.prefix(max(count, 0)))
    }

    /// Multiple equilibria (docs/model.md, path dependence): solves from `starts` starting points
    /// (`startingPoints(count:mode:seed:)` with `options.seed`), clusters the converged runs'
    /// KKT points — two points are the same equilibrium when `‖x − x'‖_∞ ≤ clusterTolerance`
    /// (greedy, in start order, against each cluster's first point) — and returns the best run
    /// (highest objective among the converged ones) with `equilibria` listing every distinct
    /// point, best first, with its basin share (fraction of all starts that reached it) and
    /// whether it is stable (two re-solves from small random perturbations of it, each item
    /// moved by up to 1e-3 of its range, reach no higher objective; `false` marks a saddle point).
    ///
    /// The returned result keeps the best run's state, status, iterations and analysis;
    /// `seconds` is the time of all runs. The certificate is computed once; when it was not
    /// checked or refuted and more than one equilibrium was found, `unique` is `false` (two
    /// distinct KKT points refute uniqueness). `unique` is `true` only when certified.
    ///
    /// - Throws: `ProblemError` for invalid data, options, `starts < 1` or a non-positive tolerance.
    public func solveMultiStart(_ solver: SolverKind = .activeSet, mode: Mode? = nil, options: SolverOptions = SolverOptions(),
                                starts: Int, clusterTolerance: Double = 1e-6) throws -> Equilibrium {
        guard starts >= 1 else { throw ProblemError.invalidOption(name: "starts", value: "\(starts)") }
        guard clusterTolerance.isFinite && clusterTolerance > 0 else {
            throw ProblemError.invalidOption(name: "clusterTolerance", value: "\(clusterTolerance)")
        }
        try validate()
        let clock = ContinuousClock.now
        var runOptions = options
        runOptions.certify = false
        var runs: [Equilibrium] = []
        for point in startingPoints(count: starts, mode: mode, seed: options.seed) {
            runOptions.warmStart = point.state
            runs.append(try solve(solver, mode: mode, options: runOptions))
        }
        // Cluster the converged runs in start order.
        var clusters: [(first: [Double], members: [Int])] = []
        for (r, run) in runs.enumerated() where run.isEquilibrium {
            let x = run.state
            if let c = clusters.firstIndex(where: { Self.distance($0.first, x) <= clusterTolerance }) {
                clusters[c].members.append(r)
            } else {
                clusters.append((x, [r]))
            }
        }
        var points = clusters.map { cluster -> (point: EquilibriumPoint, run: Int) in
            let best = cluster.members.max { runs[$0].objective.total < runs[$1].objective.total || (runs[$0].objective.total == runs[$1].objective.total && $0 > $1) }!
            let run = runs[best]
            return (EquilibriumPoint(objective: run.objective.total, share: Double(cluster.members.count) / Double(starts),
                                     starts: cluster.members.count, kktResidual: run.kktResidual,
                                     items: run.items.map { PointItem(id: $0.id, value: $0.value, class: $0.class) },
                                     scaledResidual: run.scaledResidual), best)
        }.sorted { $0.point.objective > $1.point.objective || ($0.point.objective == $1.point.objective && $0.run < $1.run) }

        // Saddle check: re-solve each point from a small random perturbation.
        var rng = PlantedRandom(seed: options.seed ^ 0x5AD_D1E)
        let objective = Objective(self, mode: mode)
        for p in points.indices {
            let value = points[p].point.objective
            var stable = true
            for _ in 0..<2 where stable {
                var x = runs[points[p].run].state
                for i in 0..<x.count where !objective.isLocked(i) {
                    x[i] += 1e-3 * (objective.upper[i] - objective.lower[i]) * (2 * rng.unit() - 1)
                }
                runOptions.warmStart = x
                let nudged = try solve(solver, mode: mode, options: runOptions)
                stable = !(nudged.isEquilibrium && nudged.objective.total > value + 1e-9 * max(1, abs(value)))
            }
            points[p].point.stable = stable
        }
        let bestRun = points.first?.run
            ?? runs.indices.filter { runs[$0].objective.total.isFinite }.max { runs[$0].objective.total < runs[$1].objective.total } ?? 0
        var result = runs[bestRun]
        result.equilibria = points.map(\.point)
        var certificate = options.certify ? objective.certify(ids: judgments.ids + principles.ids + theories.ids) : .unchecked
        // Two distinct stable equilibria disprove uniqueness; saddles do not count.
        let stablePoints = points.filter { $0.point.stable != false }.count
        if stablePoints > 1 && certificate.unique != true {
            certificate.unique = false
            certificate.note = "multi-start found \(stablePoints) distinct stable equilibria (\(certificate.note))"
        }
        result.certificate = certificate
        let elapsed = ContinuousClock.now - clock
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return result
    }

    private static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

extension Objective {
    /// The stacked indices of the items of `group`.
    func range(of group: Group) -> Range<Int> {
        switch group {
        case .judgment: return 0..<m
        case .principle: return m..<(m + n)
        case .theory: return (m + n)..<count
        }
    }
}
