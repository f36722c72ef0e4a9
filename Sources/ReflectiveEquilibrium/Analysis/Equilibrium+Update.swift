extension Equilibrium {
    /// Dynamic revisability (docs/README.md): applies `changes` to `problem` (the problem this result
    /// solved), re-solves warm-started from this equilibrium — each item that survives starts
    /// at its value here, each added item at its initial value — and reports the diff.
    ///
    /// - Parameters:
    ///   - problem: the problem this result is an equilibrium of (its ids must match `items`).
    ///   - changes: what to add, remove or re-weight.
    ///   - solver: the solver of both runs.
    ///   - mode: overrides the changed problem's mode when given.
    ///   - options: solver options; `warmStart` is set by the update.
    ///   - coldStart: also solve the changed problem from its initial values, to compare.
    ///   - threshold: an item counts as changed when its value moved more than this (or its
    ///     class changed).
    /// - Throws: `ProblemChangesError` for a change that cannot be applied or a result that does
    ///   not belong to `problem`; `ProblemError` for invalid options.
    public func update(_ problem: Problem, with changes: ProblemChanges, solver: SolverKind = .activeSet, mode: Mode? = nil,
                       options: SolverOptions = SolverOptions(), coldStart: Bool = true,
                       threshold: Double = 1e-6) throws -> UpdateReport {
        let ids = problem.judgments.ids + problem.principles.ids + problem.theories.ids
        guard ids.count == items.count else {
            throw ProblemChangesError.resultMismatch(reason: "it has \(items.count) items, the problem \(ids.count)")
        }
        if let i = ids.indices.first(where: { ids[$0] != items[$0].id }) {
            throw ProblemChangesError.resultMismatch(reason: "item \(i) is '\(items[i].id)' in the result, '\(ids[i])' in the problem")
        }
        let changed = try problem.applying(changes)
        var warm = options
        warm.warmStart = changed.startingValues(from: self)
        let result = try changed.solve(solver, mode: mode, options: warm)
        var coldOptions = options
        coldOptions.warmStart = nil
        let cold = coldStart ? try changed.solve(solver, mode: mode, options: coldOptions) : nil
        return UpdateReport(problem: changed, previous: self, result: result, cold: cold,
                            changes: diff(to: result, threshold: threshold))
    }

    /// Items added, removed, moved by more than `threshold` or reclassified between `self` and `next`.
    func diff(to next: Equilibrium, threshold: Double) -> [ItemChange] {
        let old = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(next.items.map(\.id))
        var added: [ItemChange] = [], moved: [ItemChange] = []
        for item in next.items {
            guard let before = old[item.id] else {
                added.append(ItemChange(id: item.id, group: item.group, kind: .added, before: nil, after: item.value,
                                        classBefore: nil, classAfter: item.class))
                continue
            }
            if abs(item.value - before.value) > threshold || item.class != before.class || !item.value.isFinite {
                moved.append(ItemChange(id: item.id, group: item.group, kind: .changed, before: before.value, after: item.value,
                                        classBefore: before.class, classAfter: item.class))
            }
        }
        let removed = items.filter { !newIDs.contains($0.id) }.map {
            ItemChange(id: $0.id, group: $0.group, kind: .removed, before: $0.value, after: nil, classBefore: $0.class, classAfter: nil)
        }
        moved.sort { abs($0.delta ?? 0) > abs($1.delta ?? 0) }
        return added + removed + moved
    }
}

extension Problem {
    /// A starting state for this problem from an earlier result: each item's value there,
    /// matched by id, else (new item, or a non-finite value) its initial value.
    public func startingValues(from previous: Equilibrium) -> [Double] {
        let values = Dictionary(previous.items.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        var out: [Double] = []
        out.reserveCapacity(previous.items.count)
        for g in orderedGroups {
            for i in 0..<g.count {
                let v = values[g.ids[i]] ?? g.initial[i]
                out.append(v.isFinite ? v : g.initial[i])
            }
        }
        return out
    }
}
