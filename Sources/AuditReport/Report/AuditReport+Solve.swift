import ReflectiveEquilibrium

extension AuditReport {
    /// Problems with at most this many items get a table of every item.
    static let itemTableLimit = 60

    /// The report of one solve: provenance, the equilibrium (or, loudly, where the solver
    /// stopped), the revisions chart (every revision, or the largest and their distribution),
    /// the pulls of the largest revisions, the process (alternating solver) and, for small
    /// problems, every item.
    ///
    /// - Parameters:
    ///   - result: a solve of `problem`.
    ///   - provenance: where the data come from (`nil` for a problem built in code).
    /// - Throws: `ExplanationError.resultMismatch` / `.foreignResult` when `result` is not a
    ///   solve of `problem`.
    public static func solve(_ result: Equilibrium, of problem: Problem, provenance: Provenance?) throws -> AuditReport {
        let explanation = try problem.explain(result, topPulls: PullsFigure.pullsShown)
        var groups: [String: Group] = [:]
        for item in result.items { groups[item.id] = item.group }
        var figures = [RevisionsFigure.figure(result)]
        if RevisionsFigure.shown(result).count < result.revisions.count { figures.append(RevisionHistogram.figure(result)) }
        figures.append(PullsFigure.figure(explanation.items, groups: groups, result: result, revisions: result.revisions.count))
        if !result.trajectory.isEmpty {
            let trace = try result.trace(of: problem, topPulls: 0)
            figures.append(ProcessFigure.figure(result, start: (trace.start.objective, trace.start.kktResidual),
                                                residuals: ResidualReplay.residuals(result, problem: problem)))
        }
        let title = "Audit report: reflective equilibrium of " + (provenance?.problemFile ?? "a problem built in code")
        var w = HTMLWriter()
        w.element("h1", [], title)
        w.element("p", [("class", "lead")], "wre \(PackageInfo.version) · \(result.solver.rawValue) solver, mode \(result.mode.rawValue)"
                  + (provenance.map { " · " + $0.date } ?? ""))
        ReportSections.banner(&w, [(nil, result)])
        ReportSections.provenance(&w, provenance, solver: "\(result.solver.rawValue), mode \(result.mode.rawValue)")
        w.element("h2", [("id", "equilibrium")], result.isEquilibrium ? "The equilibrium" : "Where the solver stopped (NOT an equilibrium)")
        w.fields(ReportSections.facts(result), rowClasses: ReportSections.facts(result).map { $0.0 == "status" && !result.isEquilibrium ? "failed" : nil })
        ReportSections.counts(&w, result)
        ReportSections.shares(&w, result)
        if let points = result.equilibria { multiStart(&w, points) }

        let texts = Self.texts(problem)
        w.element("h2", [("id", "revisions")], "Revisions")
        for figure in figures where figure.name == "revisions" || figure.name == "revision-distribution" { w.figure(figure) }
        revisionTable(&w, result, texts: texts)
        w.element("h2", [("id", "pulls")], "Why they moved")
        for figure in figures where figure.name == "pulls" { w.figure(figure) }
        w.element("h2", [("id", "process")], "The process")
        if let figure = figures.first(where: { $0.name == "process" }) {
            w.figure(figure)
        } else {
            w.element("p", [("class", "note")], "The \(result.solver.rawValue) solver records no round-by-round trajectory: "
                      + "it went from the initial values to this state in \(result.iterations) iterations. "
                      + "Solve with --solver alternating for the audit trail of mutual adjustment (judgments → principles → theories).")
        }
        if result.items.count <= itemTableLimit {
            w.element("h2", [("id", "items")], "Every item")
            w.table(["id", "group", "statement", "initial", "final", "class"],
                    result.items.map { [$0.id, $0.group.rawValue, texts[$0.id] ?? "", NumberText.fixed($0.initial, 2),
                                        NumberText.fixed($0.value, 2), $0.class.rawValue] },
                    numeric: [3, 4])
        }
        return AuditReport(title: title, html: HTMLWriter.document(title: title, style: ReportStyle.css, body: w.text), figures: figures)
    }

    /// The statement of every item that has one, by id.
    static func texts(_ problem: Problem) -> [String: String] {
        var out: [String: String] = [:]
        for group in Group.allCases {
            let items = problem.items(group)
            for (id, text) in zip(items.ids, items.texts) { if let text { out[id] = text } }
        }
        return out
    }

    /// The revisions drawn in the chart, with statements and strongest pulls.
    static func revisionTable(_ w: inout HTMLWriter, _ result: Equilibrium, texts: [String: String]) {
        let shown = RevisionsFigure.shown(result)
        guard !shown.isEmpty else {
            w.element("p", [("class", "note")], "No item moved by more than the revision threshold.")
            return
        }
        let caption = shown.count < result.revisions.count
            ? "The \(shown.count) revisions of the chart (of \(result.revisions.count)), largest first"
            : "All \(shown.count) revisions, largest first"
        // The statement column only when some shown item has one (planted instances have none).
        let statements = shown.contains { texts[$0.id] != nil }
        w.table(["id", "group"] + (statements ? ["statement"] : []) + ["initial", "final", "class", "strongest pulls W_ik x_k"],
                shown.map { r in
                    [r.id, r.group.rawValue] + (statements ? [texts[r.id] ?? ""] : [])
                        + [NumberText.fixed(r.from, 2), NumberText.fixed(r.to, 2), r.class.rawValue,
                           r.pulls.map { "\($0.id) \(NumberText.signed($0.contribution))" }.joined(separator: ", ")]
                }, numeric: statements ? [3, 4] : [2, 3], caption: caption)
    }

    /// The distinct equilibria of a multi-start solve.
    static func multiStart(_ w: inout HTMLWriter, _ points: [EquilibriumPoint]) {
        w.table(["#", "objective", "share of starts", "starts", "KKT residual", "stable"],
                points.enumerated().map { i, p in
                    ["\(i + 1)", NumberText.fixed(p.objective, 4), NumberText.percent(p.share), "\(p.starts)",
                     NumberText.scientific(p.kktResidual), p.stable.map { $0 ? "yes" : "no (saddle)" } ?? "not checked"]
                }, numeric: [1, 2, 3, 4],
                caption: "Distinct equilibria from several starts (best first; this report shows #1)")
    }
}
