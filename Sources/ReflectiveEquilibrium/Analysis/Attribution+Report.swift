extension Attribution {
    /// The readable attribution: the item and its standing, what the measures mean, a table of
    /// the entries (inside the bounds: sensitivity, support with standings held, support
    /// re-solved; at a bound: the supporters' pulls and the item re-solved without each), what
    /// the re-solves changed, the chain one step back (at a bound), the strongest supporters
    /// and underminers in words, and the caveats.
    public func report(source: String? = nil) -> String {
        typealias F = ExplanationFormat
        var lines = ["What holds \(id) (\(group.rawValue)) where it is" + (source.map { " in \($0)" } ?? "")
                     + " (mode \(mode.rawValue), solver \(solver.rawValue))",
                     "  \(id): \(F.move(initial, value)), \(itemClass.rawValue), \(F.standing(standing)); \(Plural.count(freeItems, "free item"))"]
        if entries.isEmpty {
            lines += notes.map { "  note: " + $0 }
            if standing == .interior { lines.append("  No other item bears on \(id): nothing supports or undermines it.") }
            return lines.joined(separator: "\n")
        }
        let atBound = standing == .atLower || standing == .atUpper
        let width = max(entries.map(\.id.count).max() ?? 4, 4)
        if atBound {
            let direction = standing == .atUpper ? "up" : "down"
            lines.append("  pull         W_\(id),i x_i: item i's coherence pull on \(id) at the equilibrium (+ up, − down)")
            lines.append("  without i    \(id) re-solved with item i dropped (its relations removed): its value and class then")
            lines.append("")
            lines.append("  " + F.pad("item", width) + "  " + F.pad("group", 10) + F.pad("value", 8) + F.pad("class", 11)
                         + F.pad("pull", 10) + "without i")
            for e in entries {
                lines.append("  " + F.pad(e.id, width) + "  " + F.pad(e.group.rawValue, 10) + F.pad(F.num(e.value, 2, width: 5), 8)
                             + F.pad(e.itemClass.rawValue, 11) + F.pad(F.signed(e.pull, 4), 10)
                             + (e.without.map { "\(F.num($0.value, 2, width: 5)) \($0.class.rawValue)" } ?? "—"))
            }
            let pulling = influencers - opposing
            if pulling > entries.count || opposing > 0 {
                lines.append("  (" + (pulling > entries.count ? "\(entries.count) of the \(pulling) items that pull \(id) \(direction), by |pull|" : "every item that pulls \(id) \(direction)")
                             + (opposing > 0 ? "; \(opposing) other\(opposing == 1 ? " pulls" : "s pull") it the other way" : "") + ")")
            }
        } else {
            lines.append("  sensitivity  ∂\(id)*/∂x0_i: the move of \(id)'s equilibrium value per unit of item i's initial value")
            lines.append("  support      \(id) with item i minus \(id) without it (i dropped with its relations), other standings held;")
            lines.append("               re-solved: the same with the problem solved again without i (standings may change)")
            lines.append("")
            lines.append("  " + F.pad("item", width) + "  " + F.pad("group", 10) + F.pad("value", 8) + F.pad("sensitivity", 13)
                         + F.pad("support", 10) + F.pad("re-solved", 11) + "standing")
            for e in entries {
                lines.append("  " + F.pad(e.id, width) + "  " + F.pad(e.group.rawValue, 10) + F.pad(F.num(e.value, 2, width: 5), 8)
                             + F.pad(F.signed(e.sensitivity, 4), 13) + F.pad(F.signed(e.support, 4), 10)
                             + F.pad(e.exactSupport.map { F.signed($0, 4) } ?? "—", 11) + F.standing(e.standing))
            }
            if influencers > entries.count { lines.append("  (\(entries.count) of the \(influencers) items that bear on \(id), by |support|)") }
        }
        lines.append("")
        for e in entries { if let without = e.without { lines.append("  Without \(e.id): " + Self.describe(without, id)) } }
        if let joint = jointWithout { lines.append("  Without \(F.list(joint.dropped)) together: " + Self.describe(joint, id)) }
        for e in entries { if let chain = e.chain { lines.append("  Chain: " + Self.describe(chain, of: e, id)) } }
        if atBound {
            let holders = entries.map { e in "\(e.id) (" + (e.exactSupport.map { "re-solved \(F.signed($0, 3))" } ?? "pull \(F.signed(e.pull, 3))") + ")" }
            lines.append("  Hold \(id) \(F.standing(standing)): " + F.list(holders, limit: 5) + ".")
        } else {
            let supporters = entries.filter { $0.support > 0 }.map { "\($0.id) (\(F.signed($0.support, 3)))" }
            let underminers = entries.filter { $0.support < 0 }.map { "\($0.id) (\(F.signed($0.support, 3)))" }
            lines.append("  Most support \(id): " + (supporters.isEmpty ? "none listed" : F.list(supporters, limit: 5)) + ".")
            lines.append("  Most undermine \(id): " + (underminers.isEmpty ? "none listed" : F.list(underminers, limit: 5)) + ".")
        }
        lines += notes.map { "  note: " + $0 }
        return lines.joined(separator: "\n")
    }

    /// `p1 0.72 (partial, inside its bounds); 2 other items change class: j4 retained → weakened and p2 adopted → partial`.
    static func describe(_ outcome: Counterfactual, _ id: String) -> String {
        typealias F = ExplanationFormat
        let head = "\(id) \(F.num(outcome.value)) (\(outcome.class.rawValue), \(F.standing(outcome.standing)))"
        guard outcome.changedCount > 0 else { return head + "; no other item changes class" }
        let shown = outcome.changes.map { "\($0.id) \($0.classBefore?.rawValue ?? "—") → \($0.classAfter?.rawValue ?? "—")" }
        let more = outcome.changedCount - shown.count
        return head + "; \(outcome.changedCount) other item\(outcome.changedCount == 1 ? " changes" : "s change") class: "
            + (more > 0 ? shown.joined(separator: ", ") + " and \(more) more" : F.list(shown, limit: shown.count))
    }

    /// `j7 is reversed (1.00 → -0.80), pushed there most by t2's revision (0.50 → 0.00, rejected; its pull on j7 changed by -0.40);
    /// with t2 held at 0.50: j7 0.62 (retained), p1 0.55 (partial)`.
    static func describe(_ chain: ChainStep, of supporter: AttributionEntry, _ id: String) -> String {
        typealias F = ExplanationFormat
        var text = "\(supporter.id) is \(supporter.itemClass.rawValue) (\(F.num(supporter.initial)) → \(F.num(supporter.value))), pushed there most by "
            + "\(chain.id)'s revision (\(F.num(chain.initial)) → \(F.num(chain.value)), \(chain.itemClass.rawValue); its pull on \(supporter.id) changed by \(F.signed(chain.pullChange)))"
        if let held = chain.held, let value = chain.supporterValue, let cls = chain.supporterClass {
            text += "; with \(chain.id) held at \(F.num(chain.initial)): \(supporter.id) \(F.num(value)) (\(cls.rawValue)), \(id) \(F.num(held.value)) (\(held.class.rawValue))"
        }
        return text
    }
}
