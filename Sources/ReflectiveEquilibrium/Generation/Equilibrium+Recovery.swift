extension Equilibrium {
    /// Planted-truth recovery (see `PlantedInstance`): the share of the planted true principles
    /// whose class is `adopted`, and the share of the flipped judgments that the equilibrium
    /// turned back (`value · sign(initial) < −0.1`). A share of an empty list is 1 (nothing to
    /// recover); ids not in the result count as not recovered.
    public func recovery(of truth: PlantedTruth) -> (principlesAdopted: Double, flippedReversed: Double) {
        var position: [String: Int] = [:]
        position.reserveCapacity(truth.truePrinciples.count + truth.flippedJudgments.count)
        for id in truth.truePrinciples + truth.flippedJudgments { position[id] = -1 }
        for (i, item) in items.enumerated() where position[item.id] != nil { position[item.id] = i }
        func share(_ ids: [String], _ recovered: (ItemOutcome) -> Bool) -> Double {
            guard !ids.isEmpty else { return 1 }
            let hits = ids.filter { id in position[id].map { $0 >= 0 && recovered(items[$0]) } ?? false }.count
            return Double(hits) / Double(ids.count)
        }
        let adopted = share(truth.truePrinciples) { $0.class == .adopted }
        let reversed = share(truth.flippedJudgments) { item in
            let sign: Double = item.initial > 0 ? 1 : (item.initial < 0 ? -1 : 0)
            return item.value * sign < -0.1
        }
        return (adopted, reversed)
    }
}
