extension Problem {
    /// The attribution of item `target`, which sits at a bound of its box at `result` (see
    /// `Attribution`, "At a bound"): its supporters — the items whose pull `W_ID,i x_i` points
    /// into the bound — strongest first, at most `limit`; the first `exact` re-solved without,
    /// one at a time and (two or more) together; and, for each re-solved supporter that changed
    /// class, one step back along the chain. No factorization is needed, so this works at any
    /// equilibrium, convex or not.
    func boundAttribution(of target: Int, at result: Equilibrium, _ base: EquilibriumStandings,
                          limit: Int?, exact: Int) throws -> Attribution {
        typealias F = ExplanationFormat
        let o = base.objective, x = base.x
        let ids = result.items.map(\.id)
        let standing = base.standings[target]
        var attribution = Attribution(
            id: ids[target], group: o.group(of: target), initial: o.x0[target], value: x[target], standing: standing,
            mode: result.mode, solver: result.solver, certifiedUnique: result.certificate.unique,
            freeItems: base.standings.filter(\.isFree).count, influencers: 0, entries: [], notes: [])
        // Pulls into the bound hold the item there: up at the upper bound, down at the lower.
        let into: Double = standing == .atUpper ? 1 : -1
        let pulls = o.pulls(on: target, at: x)
        let supporters = pulls.filter { into * $0.contribution > 0 }
            .sorted { abs($0.contribution) > abs($1.contribution) || (abs($0.contribution) == abs($1.contribution) && $0.index < $1.index) }
        attribution.influencers = pulls.count
        attribution.opposing = pulls.count - supporters.count

        let multiplier = abs(base.gradient[target])
        attribution.notes.append("\(ids[target]) sits \(F.standing(standing)) (multiplier \(F.sci(multiplier))): small changes of the initial values leave it there, so every sensitivity and every support with the standings held is 0; what holds it there are the items that pull it \(into > 0 ? "up" : "down"), and its support is found by re-solving without the strongest of them"
                                 + (multiplier <= base.weakTolerance(target) ? "; its multiplier is (near) zero, so it may leave the bound on one side" : ""))
        if result.certificate.unique != true {
            attribution.notes.append("the problem is not certified convex: a re-solve may reach an equilibrium other than the one nearest to this")
        }
        let otherWeak = base.weak.filter { $0 != target }
        if !otherWeak.isEmpty {
            attribution.notes.append("\(otherWeak.count) other item(s) sit at a bound with a (near-)zero multiplier (\(F.list(otherWeak.map { ids[$0] }, limit: 4))): the slightest change may move them")
        }

        let wanted = limit.map { max($0, 0) } ?? Int.max
        attribution.entries = supporters.prefix(wanted).map {
            AttributionEntry(id: ids[$0.index], group: o.group(of: $0.index), initial: o.x0[$0.index], value: x[$0.index],
                             standing: base.standings[$0.index], sensitivity: 0, support: 0, exactSupport: nil, pull: $0.contribution)
        }
        if supporters.isEmpty {
            attribution.notes.append("no item pulls \(ids[target]) \(into > 0 ? "up" : "down"): its own initial value, anchoring\(o.mu[target] > 0 ? " and parsimony" : "") hold it there")
        }
        try resolveWithout(&attribution, target: target, at: result, x: x, exact: exact)
        let resolved = (0..<min(max(exact, 0), attribution.entries.count)).filter { attribution.entries[$0].without != nil }
        if resolved.count >= 2 {
            let dropped = try resolved.map { try index(of: attribution.entries[$0].id) }
            attribution.jointWithout = try counterfactual(of: target, at: result, x: x, dropping: dropped)?.outcome
            if attribution.jointWithout == nil {
                attribution.notes.append("the re-solve without \(F.list(dropped.map { ids[$0] })) together did not converge")
            }
        }
        for slot in 0..<min(max(exact, 0), attribution.entries.count) {
            try followChain(&attribution.entries[slot], target: target, at: result, base, notes: &attribution.notes)
        }
        return attribution
    }

    /// One step back along the chain from supporter `entry` (see `Attribution`): when its class
    /// differs from its class at the start, the item k (not the target, not the supporter) whose
    /// revision pushed it hardest the way it moved, `max W_sk (x*_k − x0_k)` of the sign of
    /// `x*_s − x0_s`, and the problem re-solved with k held at its initial value.
    private func followChain(_ entry: inout AttributionEntry, target: Int, at result: Equilibrium, _ base: EquilibriumStandings,
                             notes: inout [String]) throws {
        let o = base.objective, x = base.x
        let s = try index(of: entry.id)
        let moved = x[s] - o.x0[s]
        guard entry.itemClass != ItemClass(group: entry.group, initial: entry.initial, value: entry.initial), moved != 0 else { return }
        let revision = (0..<o.count).map { x[$0] - o.x0[$0] }
        let drivers = o.pulls(on: s, at: revision).filter { $0.index != target && $0.index != s && moved * $0.contribution > 0 }
        guard let driver = drivers.max(by: { abs($0.contribution) < abs($1.contribution) }) else { return }
        let k = driver.index, ids = result.items.map(\.id)
        let held = try counterfactual(of: target, at: result, x: x, dropping: [], holding: [k])
        if held == nil { notes.append("the re-solve with \(ids[k]) held at its initial value did not converge") }
        entry.chain = ChainStep(id: ids[k], group: o.group(of: k), initial: o.x0[k], value: x[k], pullChange: driver.contribution,
                                held: held?.outcome, supporterValue: held?.solved.state[s], supporterClass: held?.solved.items[s].class)
    }
}
