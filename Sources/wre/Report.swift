import Foundation
import ReflectiveEquilibrium

/// The human-readable report of one solve (docs/results.md): problem size, solver, status (a
/// non-converged run is labelled loudly as NOT an equilibrium), iterations, time, KKT
/// residual, certificate, objective split, counts per class, revision share per group, the
/// items (small problems) and the largest revisions with their strongest pulls.
struct Report {
    let problem: Problem
    var result: Equilibrium
    /// What was solved, e.g. a file path or "bundled alignment example".
    let source: String
    /// How many revisions to list.
    var revisionLimit = 20
    /// Problems with at most this many items get a full item table.
    var itemTableLimit = 40
    /// Statements are cut to this many characters.
    var textWidth = 90
    /// Show the narrative of the process uncapped, for any solver (by default: the alternating
    /// solver's only, at most `narrativeLimit` rounds).
    var fullNarrative = false
    /// Rounds told by the default narrative.
    var narrativeLimit = 12

    /// The whole report.
    /// `body` (from `render()`) with the time breakdown inserted after the header's iteration
    /// line: `time  load … · validate … · solve … · certify … · report … (total …)`.
    func withTiming(_ body: String) -> String {
        var lines = body.components(separatedBy: "\n")
        let t = result.timing
        var parts = [("load", t.load), ("validate", t.validate), ("solve", t.solve), ("certify", t.certify), ("report", t.report)]
            .compactMap { name, v in v.map { "\(name) \(Report.duration($0))" } }
        if let other = t.other, other >= 0.0005 { parts.append("other \(Report.duration(other))") }
        let line = field("time", parts.joined(separator: " · ") + (t.total.map { " (total \(Report.duration($0)))" } ?? ""))
        let at = (lines.firstIndex { $0.hasPrefix("  iterations") }).map { $0 + 1 } ?? min(3, lines.count)
        lines.insert(line, at: at)
        return lines.joined(separator: "\n")
    }

    func render() -> String {
        var lines = header()
        lines += [""] + classes()
        lines += [""] + shares()
        if result.items.count <= itemTableLimit { lines += [""] + itemTable() }
        lines += [""] + revisions()
        if let list = result.equilibria { lines += [""] + equilibria(list) }
        let story = narrative()
        if !story.isEmpty { lines += [""] + story }
        return lines.joined(separator: "\n")
    }

    // MARK: Sections

    func header() -> [String] {
        let (m, n, k) = problem.shape
        var lines = [
            "Reflective equilibrium of \(source)",
            field("problem", "\(Report.count(m, .judgment)), \(Report.count(n, .principle)), \(Report.count(k, .theory)) (\(Plural.count(m + n + k, "item")), \(Plural.count(Report.relationCount(problem), "relation")))"),
            field("solver", "\(result.solver.rawValue), mode \(result.mode.rawValue)"),
        ]
        if result.isEquilibrium {
            if let floor = result.roundingFloor {
                lines.append(field("status", "converged: an equilibrium at the rounding floor of double precision (scaled residual \(Report.sci(result.scaledResidual)) ≤ floor \(Report.sci(floor)), above the tolerance \(Report.sci(result.tolerance)))"))
            } else {
                lines.append(field("status", "converged: an equilibrium (scaled residual ≤ tolerance \(Report.sci(result.tolerance)))"))
            }
        } else {
            lines.append(field("status", "\(result.status.rawValue): \(Report.statusMeaning(result.status))"))
            lines += Report.notAnEquilibrium(result).map { "  " + $0 }
        }
        lines.append(field("iterations", "\(result.iterations) in \(Report.duration(result.seconds))"))
        let peak = MachineInfo.peakMemoryMiB
        if peak.isFinite { lines.append(field("peak memory", "\(Int(peak.rounded())) MiB resident (this process, loading included)")) }
        lines.append(field("residuals", "scaled \(Report.sci(result.scaledResidual)) (units of x) · KKT \(Report.sci(result.kktResidual)) (units of the gradient)"))
        if let choice = result.solverChoice { lines.append(field("chosen", choice)) }
        var certificate = Report.certificate(result.certificate)
        if let list = result.equilibria {
            certificate = certificate.replacingOccurrences(of: "it is the one reached from the initial values.",
                                                           with: list.count == 1 ? "it is the only one found from several starts (below)."
                                                                : "it is the best of the \(list.count) distinct ones found from several starts (below).")
        }
        lines.append(field("certificate", certificate))
        let o = result.objective
        lines.append(field("objective", "\(Report.num(o.total, 4)) = coherence \(Report.num(o.coherence, 4)) − revision cost \(Report.num(o.revisionCost, 4)) − parsimony cost \(Report.num(o.parsimonyCost, 4))"))
        return lines
    }

    func classes() -> [String] {
        var lines = ["Classes"]
        for group in Group.allCases {
            let parts = ItemClass.classes(of: group).map { "\(result.counts.count($0, in: group)) \($0.rawValue)" }
            lines.append("  " + Report.pad(group.plural, 12) + parts.joined(separator: " · "))
        }
        return lines
    }

    func shares() -> [String] {
        let s = result.revisionShare
        return ["Share of the revision cost   judgments \(Report.percent(s.judgments)) · principles \(Report.percent(s.principles)) · theories \(Report.percent(s.theories))"]
    }

    func itemTable() -> [String] {
        let idWidth = idColumnWidth(result.items.map(\.id))
        var lines = ["Items (initial → value, class)"]
        for item in result.items {
            let row = "  " + Report.pad(item.id, idWidth) + " " + Report.move(item.initial, item.value) + "  "
                + Report.pad(item.class.rawValue, 10)
            lines.append(row + (text(of: item.id).map { "  " + Report.cut($0, textWidth - 20) } ?? ""))
        }
        return lines
    }

    func revisions() -> [String] {
        let all = result.revisions
        guard !all.isEmpty else { return ["Revisions: none (no item moved by more than the revision threshold)"] }
        let shown = all.prefix(revisionLimit)
        let idWidth = idColumnWidth(shown.map(\.id) + shown.flatMap { $0.pulls.map(\.id) })
        var lines = [shown.count < all.count
            ? "Revisions (the \(shown.count) largest of \(all.count), with their strongest pulls)"
            : "Revisions (\(all.count), largest first, with their strongest pulls)"]
        for r in shown {
            var row = "  " + Report.pad(r.id, idWidth) + " " + Report.pad(r.class.rawValue, 10) + " " + Report.move(r.from, r.to)
            if !r.pulls.isEmpty {
                row += "   pulled by " + r.pulls.map { "\($0.id) (\(Report.signed($0.contribution)))" }.joined(separator: ", ")
            }
            lines.append(row)
            if result.items.count > itemTableLimit, let t = text(of: r.id) {
                lines.append("  " + String(repeating: " ", count: idWidth + 1) + Report.cut(t, textWidth))
            }
        }
        return lines
    }

    /// The distinct equilibria of a multi-start solve, best first, with what sets them apart.
    func equilibria(_ list: [EquilibriumPoint]) -> [String] {
        let runs = list.map(\.starts).reduce(0, +)
        var lines = ["Equilibria from multiple starts (\(list.count) distinct, best first; share = fraction of the starts that reached it"
                     + (list.map(\.share).reduce(0, +) < 1 - 1e-12 ? "; the rest did not converge" : "") + ")"]
        if list.isEmpty { lines.append("  none: no run converged (\(runs) converged runs)") }
        let best = list.first
        for (i, point) in list.enumerated() {
            var row = "  #\(i + 1)  objective \(Report.num(point.objective, 4))  share \(Report.percent(point.share)) (\(Plural.count(point.starts, "start")))  KKT \(Report.sci(point.kktResidual))"
                + (point.stable == false ? "  SADDLE (a nudge reaches a higher objective)" : "")
            if let best, i > 0 {
                let differing = zip(point.items, best.items).filter { $0.0.class != $0.1.class }
                let shown = differing.prefix(6).map { "\($0.0.id) \($0.0.class.rawValue)" }
                row += differing.isEmpty ? "  (same classes as #1)"
                    : "  differs from #1: " + shown.joined(separator: ", ") + (differing.count > shown.count ? ", … (\(Plural.count(differing.count, "item")))" : "")
            }
            lines.append(row)
        }
        return lines
    }

    /// The story of the process (`Trace.narrative`): by default for the alternating solver only,
    /// capped; in full for any solver when asked.
    func narrative() -> [String] {
        guard fullNarrative || (result.solver == .alternating && !result.trajectory.isEmpty),
              let trace = try? result.trace(of: problem) else { return [] }
        let story = trace.narrative(lineLimit: fullNarrative ? .max : narrativeLimit)
        return ["Process (each class change with the pulls of its round)"] + story.map { "  " + $0 }
    }

    // MARK: Helpers

    private func field(_ name: String, _ value: String) -> String { "  " + Report.pad(name, 13) + value }

    private func idColumnWidth(_ ids: [String]) -> Int { min(max(ids.map(\.count).max() ?? 2, 2), 16) }

    /// The statement of item `id`, if the problem gives one.
    func text(of id: String) -> String? {
        for group in Group.allCases {
            let items = problem.items(group)
            if let i = items.ids.firstIndex(of: id) { return items.texts[i] }
        }
        return nil
    }

    /// The lines that label a non-converged result.
    static func notAnEquilibrium(_ r: Equilibrium) -> [String] {
        ["*** NOT AN EQUILIBRIUM: scaled residual \(sci(r.scaledResidual)) > tolerance \(sci(r.tolerance)).",
         "*** The values below are where the solver stopped, not a reflective equilibrium."]
    }

    static func statusMeaning(_ s: SolverStatus) -> String {
        switch s {
        case .converged: return "an equilibrium"
        case .maxIterations: return "the iteration limit was reached first"
        case .timeLimit: return "the time limit was reached first"
        case .stalled: return "the solver stopped making progress before reaching the tolerance"
        case .numericalError: return "a non-finite number appeared; check the problem's data and scaling"
        case .settled: return "the connectionist dynamics settled, but not at a KKT point to the tolerance"
        case .bestCorner: return "the best corner of the box (the discrete accept/reject optimum), not a KKT point to the tolerance"
        }
    }

    static func certificate(_ c: Certificate) -> String { c.sentence }

    /// Non-zero entries of A, B, C and the upper triangle of S (from the problem's kept
    /// statistics: no further read of the blocks).
    static func relationCount(_ p: Problem) -> Int {
        p.relationCount
    }

    /// "1 judgment", "12 judgments".
    static func count(_ n: Int, _ group: Group) -> String { Plural.count(n, group.rawValue, group.plural) }

    static func move(_ from: Double, _ to: Double) -> String { "\(num(from, 2, width: 5)) → \(num(to, 2, width: 5))" }

    static func num(_ x: Double, _ digits: Int, width: Int = 0) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (x * scale).rounded() / scale
        return String(format: "%\(width > 0 ? "\(width)" : "").\(digits)f", rounded == 0 ? 0 : rounded)  // no "-0.00"
    }

    static func signed(_ x: Double) -> String { String(format: "%+.2f", x) }

    static func sci(_ x: Double) -> String { String(format: "%.1e", x) }

    static func percent(_ x: Double) -> String { String(format: "%.1f %%", 100 * x) }

    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.2f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func cut(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(max(width - 1, 1))) + "…"
    }
}
