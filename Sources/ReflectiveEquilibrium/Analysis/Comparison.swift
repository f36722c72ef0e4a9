/// One problem solved in several modes and/or with several solvers, side by side (docs/modes.md:
/// "comparing modes on one problem shows what bi-directional revision changes").
///
/// Every run solves the same problem; `differences` lists the items whose class is not the
/// same in every run, and `contrasts` says, for each pair of runs that differ, what each did
/// with those items in one sentence ("top-down keeps p3 partial and weakens j2, j6 and j8;
/// wide rejects p3 and reverses j2, j6 and j8"). Runs that did not converge are kept and
/// labelled: their values are where the solver stopped, not equilibria.
public struct Comparison: Sendable {
    /// One solve.
    public struct Run: Sendable {
        /// How the run is named in tables and sentences: the mode, the solver, or both.
        public var label: String
        public var mode: Mode
        public var solver: SolverKind
        public var result: Equilibrium
    }

    /// An item whose class differs between runs, with its value and class in each run (in
    /// `runs` order).
    public struct Difference: Sendable, Equatable {
        public var id: String
        public var group: Group
        public var initial: Double
        public var values: [Double]
        public var classes: [ItemClass]
    }

    /// What two runs did differently, in words.
    public struct Contrast: Sendable, Equatable {
        /// Indices into `runs`.
        public var first: Int
        public var second: Int
        /// The ids whose class differs between the two.
        public var items: [String]
        public var sentence: String
    }

    /// The runs, modes outer, solvers inner, in the order asked for.
    public var runs: [Run]
    /// Items whose class is not the same in every run, in input order.
    public var differences: [Difference]
    /// One per pair of runs, in order (1,2), (1,3), …, (2,3), ….
    public var contrasts: [Contrast]
    /// The problem's shape `(m, n, k)`.
    public var shape: (judgments: Int, principles: Int, theories: Int)

    /// Whether every run converged.
    public var allConverged: Bool { runs.allSatisfy { $0.result.isEquilibrium } }
}

extension Problem {
    /// Solves this problem once per mode and solver (modes outer) with the same options and
    /// compares the results (see `Comparison`).
    ///
    /// - Throws: `ProblemError` for invalid data, options or an empty list; `SolverError` when a
    ///   solver refuses the problem.
    public func compare(modes: [Mode], solvers: [SolverKind] = [.activeSet], options: SolverOptions = SolverOptions()) throws -> Comparison {
        guard !modes.isEmpty else { throw ProblemError.invalidOption(name: "modes", value: "an empty list") }
        guard !solvers.isEmpty else { throw ProblemError.invalidOption(name: "solvers", value: "an empty list") }
        var runs: [Comparison.Run] = []
        for mode in modes {
            for solver in solvers {
                let label = solvers.count == 1 ? mode.rawValue : (modes.count == 1 ? solver.rawValue : "\(mode.rawValue)/\(solver.rawValue)")
                runs.append(Comparison.Run(label: label, mode: mode, solver: solver, result: try solve(solver, mode: mode, options: options)))
            }
        }
        return Comparison(runs: runs, shape: shape)
    }
}

extension Comparison {
    /// The comparison of finished runs (all of one problem).
    init(runs: [Run], shape: (judgments: Int, principles: Int, theories: Int)) {
        self.runs = runs
        self.shape = shape
        let items = runs[0].result.items
        differences = items.indices.compactMap { i in
            let classes = runs.map { $0.result.items[i].class }
            guard Set(classes).count > 1 else { return nil }
            return Difference(id: items[i].id, group: items[i].group, initial: items[i].initial,
                              values: runs.map { $0.result.items[i].value }, classes: classes)
        }
        var contrasts: [Contrast] = []
        for a in runs.indices {
            for b in runs.indices where b > a {
                let differing = differences.filter { $0.classes[a] != $0.classes[b] }
                contrasts.append(Contrast(first: a, second: b, items: differing.map(\.id),
                                          sentence: Self.sentence(runs[a], runs[b], differing, a, b)))
            }
        }
        self.contrasts = contrasts
    }

    /// "top-down keeps p3 partial and weakens j2, j6 and j8; wide rejects p3 and reverses all three".
    static func sentence(_ first: Run, _ second: Run, _ differing: [Difference], _ a: Int, _ b: Int) -> String {
        func name(_ run: Run) -> String { run.label + (run.result.isEquilibrium ? "" : " (NOT converged: \(run.result.status.rawValue))") }
        guard !differing.isEmpty else { return "\(name(first)) and \(name(second)) agree on the class of every item" }
        // Principles and theories first (the interesting news), then judgments, each in input order.
        let ordered = differing.filter { $0.group != .judgment } + differing.filter { $0.group == .judgment }
        let firstPhrases = phrases(ordered, run: a)
        // The second clause may refer back to the last list the first one named ("… and keeps both").
        let lastNamed = firstPhrases.last?.ids ?? []
        let secondText = phrases(ordered, run: b).map { phrase -> String in
            guard phrase.ids == lastNamed, lastNamed.count > 1 else { return phrase.text }
            return phrase.verb + (lastNamed.count == 2 ? " both" : " all " + number(lastNamed.count))
        }
        return name(first) + " " + clauses(firstPhrases.map(\.text)) + "; " + name(second) + " " + clauses(secondText)
    }

    /// "A", "A and B", "A, B, and C" (the serial comma keeps the phrases apart from the id lists).
    static func clauses(_ parts: [String]) -> String {
        parts.count <= 2 ? parts.joined(separator: " and ") : parts.dropLast().joined(separator: ", ") + ", and " + parts.last!
    }

    /// A verb with the items it applies to and the class word that follows them (for "keeps"
    /// and "makes … partial"): "reverses j2 and j6", "keeps p3 partial".
    struct Phrase {
        var verb: String
        var ids: [String]
        var suffix: String?

        var text: String { verb + " " + ExplanationFormat.list(ids) + (suffix.map { " " + $0 } ?? "") }
    }

    /// The differing items grouped by what run `r` did with them, in order of first appearance.
    static func phrases(_ items: [Difference], run r: Int) -> [Phrase] {
        var out: [Phrase] = []
        for item in items {
            let cls = item.classes[r]
            let unchanged = cls == ItemClass(group: item.group, initial: item.initial, value: item.initial)
            let verb = unchanged ? "keeps" : verb(for: cls)
            let suffix = unchanged ? cls.rawValue : (cls == .partial ? "partial" : nil)
            if let slot = out.firstIndex(where: { $0.verb == verb && $0.suffix == suffix }) {
                out[slot].ids.append(item.id)
            } else {
                out.append(Phrase(verb: verb, ids: [item.id], suffix: suffix))
            }
        }
        return out
    }

    /// "three" … "ten", digits beyond.
    static func number(_ n: Int) -> String {
        let words = [3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"]
        return words[n] ?? String(n)
    }

    /// What moving an item into class `c` is called.
    static func verb(for c: ItemClass) -> String {
        switch c {
        case .retained: return "retains"
        case .weakened: return "weakens"
        case .suspended: return "suspends"
        case .reversed: return "reverses"
        case .adopted: return "adopts"
        case .accepted: return "accepts"
        case .partial: return "makes"
        case .rejected: return "rejects"
        }
    }
}
