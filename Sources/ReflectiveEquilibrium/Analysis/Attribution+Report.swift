extension Attribution {
    /// The readable attribution: the item and its standing, what the two measures mean, a table
    /// of the entries (sensitivity, support with standings held, support re-solved), the
    /// strongest supporters and underminers in words, and the caveats.
    public func report(source: String? = nil) -> String {
        typealias F = ExplanationFormat
        var lines = ["What holds \(id) (\(group.rawValue)) where it is" + (source.map { " in \($0)" } ?? "")
                     + " (mode \(mode.rawValue), solver \(solver.rawValue))",
                     "  \(id): \(F.move(initial, value)), \(ItemClass(group: group, value: value).rawValue), \(F.standing(standing)); \(Plural.count(freeItems, "free item"))"]
        if entries.isEmpty {
            lines += notes.map { "  note: " + $0 }
            if standing == .interior { lines.append("  No other item bears on \(id): nothing supports or undermines it.") }
            return lines.joined(separator: "\n")
        }
        lines.append("  sensitivity  ∂\(id)*/∂x0_i: the move of \(id)'s equilibrium value per unit of item i's initial value")
        lines.append("  support      \(id) with item i minus \(id) without it (i dropped with its relations), other standings held;")
        lines.append("               re-solved: the same with the problem solved again without i (standings may change)")
        lines.append("")
        let width = max(entries.map(\.id.count).max() ?? 4, 4)
        lines.append("  " + F.pad("item", width) + "  " + F.pad("group", 10) + F.pad("value", 8) + F.pad("sensitivity", 13)
                     + F.pad("support", 10) + F.pad("re-solved", 11) + "standing")
        for e in entries {
            lines.append("  " + F.pad(e.id, width) + "  " + F.pad(e.group.rawValue, 10) + F.pad(F.num(e.value, 2, width: 5), 8)
                         + F.pad(F.signed(e.sensitivity, 4), 13) + F.pad(F.signed(e.support, 4), 10)
                         + F.pad(e.exactSupport.map { F.signed($0, 4) } ?? "—", 11) + F.standing(e.standing))
        }
        if influencers > entries.count { lines.append("  (\(entries.count) of the \(influencers) items that bear on \(id), by |support|)") }
        lines.append("")
        let supporters = entries.filter { $0.support > 0 }.map { "\($0.id) (\(F.signed($0.support, 3)))" }
        let underminers = entries.filter { $0.support < 0 }.map { "\($0.id) (\(F.signed($0.support, 3)))" }
        lines.append("  Most support \(id): " + (supporters.isEmpty ? "none listed" : F.list(supporters, limit: 5)) + ".")
        lines.append("  Most undermine \(id): " + (underminers.isEmpty ? "none listed" : F.list(underminers, limit: 5)) + ".")
        lines += notes.map { "  note: " + $0 }
        return lines.joined(separator: "\n")
    }
}
