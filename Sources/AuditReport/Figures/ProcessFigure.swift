import ReflectiveEquilibrium

/// The process (docs/results.md, the audit trail of mutual adjustment): the objective after each
/// step of the alternating solver (markers shaped by the group revised in the step) and the
/// KKT residual after each round on a log scale, with the tolerance dashed. Both start at the
/// starting state (round 0).
enum ProcessFigure {
    /// More steps than this are drawn as a line without markers.
    static let markerLimit = 150
    /// Lines are thinned to about this many points.
    static let pointLimit = 1500

    /// Every `n`-th of `points` (and the last), so that about `pointLimit` remain.
    static func thin<T>(_ points: [T]) -> [T] {
        guard points.count > pointLimit else { return points }
        let every = (points.count + pointLimit - 1) / pointLimit
        var out = stride(from: 0, to: points.count, by: every).map { points[$0] }
        if (points.count - 1) % every != 0, let last = points.last { out.append(last) }
        return out
    }

    /// Where step `s` of a round sits on the round axis: the round's steps share the interval (r − 1, r].
    static func positions(_ steps: [TrajectoryStep]) -> [Double] {
        var perRound: [Int: Int] = [:]
        for s in steps { perRound[s.round, default: 0] += 1 }
        var seen: [Int: Int] = [:]
        return steps.map { s in
            seen[s.round, default: 0] += 1
            return Double(s.round - 1) + Double(seen[s.round]!) / Double(perRound[s.round]!)
        }
    }

    static func figure(_ result: Equilibrium, start: (objective: Double, residual: Double),
                       residuals: [(round: Int, residual: Double)]) -> SVGFigure {
        let width = FigureLayout.width
        let steps = result.trajectory
        let rounds = max(steps.last?.round ?? 1, 1)
        let (head, headHeight) = FigureLayout.heading(
            "The process: objective and KKT residual per round (\(result.solver.rawValue) solver)",
            subtitle: "\(rounds) round\(rounds == 1 ? "" : "s"), \(steps.count) steps of mutual adjustment (judgments → principles → theories).",
            warning: FigureLayout.warning(for: result))
        var body = head
        let legend = Legend(entries: Group.allCases.map { (.marker($0, nil), "after revising the \($0.plural)") }
                            + [(.line(stroke: Palette.ink), "KKT residual after the round"),
                               (.line(stroke: Palette.warning, dash: "5 3"), "tolerance")])
        let (legendElements, legendHeight) = legend.render(x: 16, y: headHeight, width: width - 32)
        body += legendElements
        let left = 86.0, right = width - 24
        let x = Scale.linear(0, Double(rounds), to: (left, right))
        let xTicks = x.ticks(8).filter { $0 == $0.rounded() }

        // Objective panel.
        let top1 = headHeight + legendHeight + 30, height = 150.0
        body.append(.text("Objective after each step: coherence − revision cost − parsimony cost (never falls)", x: left, y: top1 - 8,
                          size: 10.5, weight: "bold"))
        let positions = Self.positions(steps)
        let objectives = [start.objective] + steps.map(\.objective)
        let finite = objectives.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let pad = max((hi - lo) * 0.08, 1e-9)
        let y1 = Scale.linear(lo - pad, hi + pad, to: (top1 + height, top1))
        body += Axis.left(y1, x: left, label: "objective", labelX: 24, gridRight: right)
        let points = zip([0] + positions, objectives).map { (x($0), y1($1)) }
        body.append(.polyline(thin(points), stroke: Palette.ink, width: 1.2))
        if steps.count <= markerLimit {
            for (s, p) in zip(steps, points.dropFirst()) {
                body.append(.group([.title("round \(s.round), \(s.group.plural): objective \(NumberText.fixed(s.objective, 4)), \(s.moved) moved"),
                                    Marker.shape(s.group, nil, x: p.0, y: p.1, r: 3.5)]))
            }
        }
        body.append(.line(x1: left, y1: top1 + height, x2: right, y2: top1 + height, stroke: Palette.ink))

        // Residual panel.
        let top2 = top1 + height + 34
        body.append(.text("KKT residual after each round (log scale), against the tolerance", x: left, y: top2 - 8, size: 10.5, weight: "bold"))
        let values = ([start.residual] + residuals.map(\.residual) + [result.tolerance]).filter { $0.isFinite && $0 > 0 }
        let y2 = Scale.log(values.min() ?? 1e-12, values.max() ?? 1, to: (top2 + height, top2))
        body += Axis.left(y2, x: left, label: "KKT residual", labelX: 24, gridRight: right)
        if result.tolerance.isFinite && result.tolerance > 0 {
            body.append(.line(x1: left, y1: y2(result.tolerance), x2: right, y2: y2(result.tolerance), stroke: Palette.warning,
                              width: 1.2, extra: [("stroke-dasharray", "5 3")]))
        }
        let residualPoints = ([(0, start.residual)] + residuals).filter { $0.1.isFinite }.map { (x(Double($0.0)), y2(max($0.1, y2.domain.lower))) }
        body.append(.polyline(thin(residualPoints), stroke: Palette.ink, width: 1.4))
        if residualPoints.count <= markerLimit {
            for (r, p) in zip([(0, start.residual)] + residuals, residualPoints) {
                body.append(.group([.title("after round \(r.0): KKT residual \(NumberText.scientific(r.1))"),
                                    SVGElement("circle", [("cx", SVGElement.number(p.0)), ("cy", SVGElement.number(p.1)), ("r", "2.2"),
                                                          ("fill", Palette.ink)])]))
            }
        }
        body += Axis.bottom(x, y: top2 + height, label: "round (each round revises judgments, then principles, then theories)", ticks: xTicks)
        let caption = "The process of mutual adjustment. Top: the objective after each step of the alternating solver (marker shape = the group revised in the step); block-exact steps never lower it. Bottom: the KKT residual after each round on a log scale (recomputed by replaying the deterministic solver for that many rounds; the last point is the result's), against the tolerance (dashed). Round 0 is the starting state."
        return SVGFigure(name: "process", title: "Process", caption: caption, width: width, height: top2 + height + 44, body: body)
    }
}
