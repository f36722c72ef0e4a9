import ReflectiveEquilibrium

/// The sections every report shares: the status banner, provenance, and the facts of one
/// result (status, residuals, certificate, objective split, counts per class, revision shares).
/// Results are read through the public `Equilibrium` API only.
enum ReportSections {
    /// The banner under the title: an equilibrium, or loudly NOT one.
    static func banner(_ w: inout HTMLWriter, _ results: [(label: String?, result: Equilibrium)]) {
        let failed = results.filter { !$0.result.isEquilibrium }
        if failed.isEmpty {
            let certified = results.allSatisfy { $0.result.certificate.convex == true }
            w.element("p", [("class", "banner")], (results.count == 1 ? "An equilibrium: " : "Every run is an equilibrium: ")
                      + "the solver converged (scaled residual within the tolerance)"
                      + (certified ? "; certified convex, so the equilibrium is unique (H\u{00A0}≻\u{00A0}0)." : "."))
            return
        }
        for (label, result) in failed {
            w.element("p", [("class", "banner failed")],
                      "NOT AN EQUILIBRIUM\(label.map { " (\($0))" } ?? ""): the \(result.solver.rawValue) solver stopped with status "
                      + "\(result.status.rawValue) (scaled residual \(NumberText.scientific(result.scaledResidual)) > tolerance "
                      + "\(NumberText.scientific(result.tolerance))). The values in this report are where it stopped, not a reflective equilibrium.")
        }
    }

    /// The provenance section, with the solver(s) used.
    static func provenance(_ w: inout HTMLWriter, _ provenance: Provenance?, solver: String?) {
        w.element("h2", [("id", "provenance")], "Provenance")
        guard let provenance else {
            w.element("p", [("class", "note")], "No problem file: the data were given in code.")
            return
        }
        var rows = provenance.rows
        if let solver, let at = rows.firstIndex(where: { $0.0 == "wre version" }) { rows.insert(("solver", solver), at: at + 1) }
        w.fields(rows)
    }

    /// The certificate in words (`note`: with how it was reached).
    static func certificate(_ c: Certificate, note withNote: Bool = true) -> String {
        withNote ? c.sentence : c.summary + (c.convexityMargin.map { " (margin \(NumberText.fixed($0, 4)))" } ?? "")
    }

    /// "3.1541 = coherence 7.7153 − revision cost 3.9451 − parsimony cost 0.6162".
    static func objective(_ o: ObjectiveSplit) -> String {
        "\(NumberText.fixed(o.total, 4)) = coherence \(NumberText.fixed(o.coherence, 4)) − revision cost "
            + "\(NumberText.fixed(o.revisionCost, 4)) − parsimony cost \(NumberText.fixed(o.parsimonyCost, 4))"
    }

    /// The status in words.
    static func status(_ r: Equilibrium) -> String {
        r.isEquilibrium ? "converged: an equilibrium" : "\(r.status.rawValue): NOT an equilibrium (where the solver stopped)"
    }

    /// The residual rows: the scaled residual (on which convergence is decided, in the units of
    /// x) with the tolerance it was held to, and the KKT residual (in the units of the gradient).
    static func residuals(_ r: Equilibrium) -> [(String, String)] {
        [("scaled residual", NumberText.scientific(r.scaledResidual) + " (tolerance \(NumberText.scientific(r.tolerance))"
          + (r.roundingFloor.map { "; at the rounding floor \(NumberText.scientific($0))" } ?? "") + ")"),
         ("KKT residual", NumberText.scientific(r.kktResidual))]
    }

    /// The facts of one result as label–value rows (`brief`: the certificate without its note).
    static func facts(_ r: Equilibrium, brief: Bool = false) -> [(String, String)] {
        [("status", status(r)), ("solver", "\(r.solver.rawValue), mode \(r.mode.rawValue)"),
         ("iterations", "\(r.iterations) in \(NumberText.duration(r.seconds))")]
            + residuals(r)
            + [("certificate", certificate(r.certificate, note: !brief)), ("objective", objective(r.objective))]
    }

    /// "7 retained · 2 weakened · 0 suspended · 3 reversed".
    static func counts(_ r: Equilibrium, _ g: Group) -> String {
        ItemClass.classes(of: g).map { "\(r.counts.count($0, in: g)) \($0.rawValue)" }.joined(separator: " · ")
    }

    /// Counts per class: one row per group.
    static func counts(_ w: inout HTMLWriter, _ r: Equilibrium) {
        w.table(["group", "items per class"], Group.allCases.map { [$0.plural, counts(r, $0)] }, caption: "Counts per class")
    }

    /// The share of the revision cost per group.
    static func shares(_ w: inout HTMLWriter, _ r: Equilibrium) {
        let s = r.revisionShare
        w.table(Group.allCases.map(\.plural), [[s.judgments, s.principles, s.theories].map(NumberText.percent)],
                numeric: [0, 1, 2], caption: "Share of the revision cost ½ Σ λ(x − x0)² by group")
    }
}
