import Foundation

/// The outcome of a benchmark and its renderings (docs/solvers.md, Benchmarks): a readable table, JSON lines,
/// CSV and Markdown.
public struct BenchmarkReport: Sendable {
    /// The machine line.
    public var machine: MachineInfo
    /// One record per solver (and peer) and instance.
    public var records: [BenchmarkRecord]
    /// Solvers not run on an instance, with the reason.
    public var skips: [BenchmarkSkip]
    /// One verdict per instance when peers ran.
    public var comparisons: [PeerComparison]

    public init(machine: MachineInfo, records: [BenchmarkRecord] = [], skips: [BenchmarkSkip] = [],
                comparisons: [PeerComparison] = []) {
        self.machine = machine
        self.records = records
        self.skips = skips
        self.comparisons = comparisons
    }

    // MARK: JSON lines

    /// One JSON object per line: first `{"type": "machine", ...}` (the fields of `MachineInfo`),
    /// then `{"type": "run", ...}` per record (the fields of `BenchmarkRecord`), then
    /// `{"type": "skip", ...}` per skip and `{"type": "comparison", ...}` per peer comparison.
    public func jsonLines() -> String {
        var lines = [JSONValue.object([("type", .string("machine"))] + machine.jsonMembers).compactText]
        lines += records.map { JSONValue.object([("type", .string("run"))] + $0.jsonMembers).compactText }
        lines += skips.map { JSONValue.object([("type", .string("skip")), ("instance", .string($0.instance)),
                                               ("solver", .string($0.solver)), ("reason", .string($0.reason))]).compactText }
        lines += comparisons.map { JSONValue.object([("type", .string("comparison"))] + $0.jsonMembers).compactText }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: CSV

    /// The machine columns appended to every CSV row.
    static let machineColumns = ["cores", "blasCoreName", "blasThreads", "memoryBandwidthGBs"]

    /// A header (the JSON field names of a run, then `cores`, `blasCoreName`, `blasThreads`,
    /// `memoryBandwidthGBs`) and one row per record; empty cells for `null`.
    public func csv() -> String {
        var lines = [(BenchmarkRecord.fieldNames + Self.machineColumns).joined(separator: ",")]
        let machineCells = [String(machine.cores), Self.csvCell(machine.blasCoreName), String(machine.blasThreads),
                            Self.plain(machine.memoryBandwidthGBs)]
        for r in records {
            let cells = r.jsonMembers.map { Self.csvCell($0.1) }
            lines.append((cells + machineCells).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvCell(_ v: JSONValue) -> String {
        switch v {
        case .null: return ""
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .number(x): return plain(x)
        case let .string(s): return csvCell(s)
        case .array, .object: return csvCell(v.compactText)
        }
    }

    static func csvCell(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func plain(_ x: Double) -> String { x.isFinite ? x.description : "" }

    // MARK: Tables

    /// The columns of the readable and Markdown tables.
    static let tableHeader = ["instance", "solver", "status", "median s", "spread", "passes", "iter", "scaled r̂", "KKT",
                              "objective", "gap", "certificate", "free J", "adopted", "reversed", "GB/s", "GFLOP/s", "PG/read A",
                              "peak MiB"]

    func tableRows() -> [[String]] {
        records.map { r in
            let solver = r.isOurs ? r.solver + (r.ran.map { " → \($0)" } ?? "") : r.solver + " (peer)"
            let spread = r.medianSeconds > 0 ? String(format: "±%.0f%%", 50 * (r.maxSeconds - r.minSeconds) / r.medianSeconds) : "—"
            return [r.instance, solver, r.status, Self.seconds(r.medianSeconds), spread, Self.fixed(r.passes, 1), String(r.iterations),
                    Self.sci(r.scaledResidual), Self.sci(r.kktResidual), Self.significant(r.objective, 8), Self.sci(r.objectiveGap),
                    r.certificate ?? "—", Self.percent(r.freeJudgments), Self.percent(r.principlesAdopted),
                    Self.percent(r.flippedReversed), Self.fixed(r.gbPerSecond, 2), Self.fixed(r.gflopPerSecond, 2),
                    Self.fixed(r.bandwidthRatio, 2), Self.fixed(r.peakMemoryMiB, 0)]
        }
    }

    /// The machine line in words.
    public var machineLine: String {
        let m = machine
        return m.configurationLine + "; memory bandwidth \(String(format: "%.2f", m.memoryBandwidthGBs)) GB/s "
            + "(ddot over \(m.bandwidthProbeBytes >> 20) MiB, best of \(m.bandwidthPasses)); \(m.operatingSystem); \(m.date)"
    }

    /// The readable report: the machine line, an aligned table, the peer comparisons and skips.
    public func table() -> String {
        var lines = ["Machine: " + machineLine, ""]
        let rows = [Self.tableHeader] + tableRows()
        let widths = (0..<Self.tableHeader.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        let leftAligned: Set<Int> = [0, 1, 2]
        func render(_ row: [String]) -> String {
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return leftAligned.contains(c) ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        lines.append(render(rows[0]))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.dropFirst().map(render)
        if !comparisons.isEmpty {
            lines += ["", "Peers (fastest converged of each side, median seconds):"]
            lines += comparisons.map { "  " + Self.comparisonLine($0) }
        }
        if !skips.isEmpty {
            lines += ["", "Skipped:"]
            lines += skips.map { "  \($0.instance): \($0.solver): \($0.reason)" }
        }
        lines += ["", Self.legend]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown document: the machine line, the table, the peer comparisons and skips.
    public func markdown() -> String {
        func row(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        var lines = ["**Machine:** " + machineLine, ""]
        lines.append(row(Self.tableHeader))
        lines.append("|" + Self.tableHeader.enumerated().map { c, _ in c < 3 ? "---|" : "---:|" }.joined())
        lines += tableRows().map(row)
        if !comparisons.isEmpty {
            lines += ["", row(["instance", "our fastest", "s", "fastest peer", "s", "peer / ours", "same objective (1e-6)", "all converged", "spread"])]
            lines.append("|---|---|---:|---|---:|---:|---|---|---:|")
            lines += comparisons.map { c in
                row([c.instance, c.fastestSolver ?? "—", Self.seconds(c.fastestSeconds), c.fastestPeer ?? "—",
                     Self.seconds(c.fastestPeerSeconds), c.speedup.map { String(format: "%.1f×", $0) } ?? "—",
                     c.sameObjective ? "yes" : "no", c.allConverged ? "yes" : "no", Self.sci(c.objectiveSpread)])
            }
        }
        if !skips.isEmpty {
            lines += [""] + skips.map { "- skipped \($0.solver) on \($0.instance): \($0.reason)" }
        }
        lines += ["", Self.legend]
        return lines.joined(separator: "\n") + "\n"
    }

    static let legend = """
        spread: (max − min)/2 over the timed runs, relative to the median. passes: median seconds / one read of A and C \
        on the instance (a fused row pass, measured in the same run). scaled r̂: the residual convergence is decided on \
        (units of x); KKT: in units of the gradient. gap: (best − objective)/max(|best|, 1) against the best objective on \
        the instance. certificate: the instance's, once (not timed with the solves). free J: share of judgments strictly \
        inside their bounds at the result. adopted/reversed: planted principles adopted, flipped judgments reversed. \
        GB/s, GFLOP/s: block bytes (flops) per iteration × iterations / median seconds (IterationCost; no GB/s when the \
        blocks fit in the last-level cache). PG/read A: one more iteration of projected-gradient / one read of A (8mn \
        bytes) at the measured bandwidth. peak MiB: peak RSS of the process that ran the solver during its runs (data \
        included). solver → X: auto ran X.
        """

    static func comparisonLine(_ c: PeerComparison) -> String {
        var s = "\(c.instance): "
        if let f = c.fastestSolver, let p = c.fastestPeer, let x = c.speedup {
            s += "\(f) \(seconds(c.fastestSeconds)) s vs \(p) \(seconds(c.fastestPeerSeconds)) s: peer/ours = \(String(format: "%.1f", x))×"
        } else {
            s += "fastest \(c.fastestSolver ?? "—") vs \(c.fastestPeer ?? "—")"
        }
        s += "; same objective to 1e-6: \(c.sameObjective ? "yes" : "NO") (spread \(sci(c.objectiveSpread)))"
        s += "; all converged: \(c.allConverged ? "yes" : "NO")"
        if let note = c.note { s += " (\(note))" }
        return s
    }

    // MARK: Number formats

    /// Seconds with three significant digits at least (never `0.0000`): `123.4`, `1.234`, `0.0482`, `0.000123`.
    static func seconds(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        if x >= 100 { return String(format: "%.1f", x) }
        if x >= 1 { return String(format: "%.3f", x) }
        if x <= 0 { return "0" }
        let digits = max(3, Int((-Foundation.log10(x)).rounded(.up)) + 2)
        return String(format: "%.\(digits)f", x)
    }

    /// `digits` significant digits.
    static func significant(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.\(digits)g", x)
    }

    static func sci(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return x == 0 ? "0" : String(format: "%.1e", x)
    }

    static func fixed(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.\(digits)f", x)
    }

    static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.0f%%", 100 * x)
    }
}

extension MachineInfo {
    /// The fields in output order (after `"type": "machine"`).
    public static let fieldNames = ["cores", "cpusAllowed", "physicalMemoryGiB", "blasConfiguration", "blasCoreName", "blasThreads",
                                    "kernelThreads", "openblasNumThreadsVariable", "memoryBandwidthGBs", "bandwidthProbeBytes",
                                    "bandwidthPasses", "operatingSystem", "hostName", "date"]

    var jsonMembers: [(String, JSONValue)] {
        let values: [JSONValue] = [.int(cores), cpusAllowed.map(JSONValue.int) ?? .null, .number(physicalMemoryGiB), .string(blasConfiguration), .string(blasCoreName),
                                   .int(blasThreads), .int(kernelThreads), .string(openblasNumThreadsVariable), .number(memoryBandwidthGBs),
                                   .int(bandwidthProbeBytes), .int(bandwidthPasses), .string(operatingSystem),
                                   .string(hostName), .string(date)]
        return Array(zip(Self.fieldNames, values))
    }
}

extension PeerComparison {
    /// The fields in output order (after `"type": "comparison"`).
    public static let fieldNames = ["instance", "fastestSolver", "fastestSeconds", "fastestPeer", "fastestPeerSeconds",
                                    "speedup", "sameObjective", "allConverged", "objectiveSpread", "compared", "note"]

    var jsonMembers: [(String, JSONValue)] {
        let values: [JSONValue] = [.string(instance), .string(fastestSolver), .number(fastestSeconds), .string(fastestPeer),
                                   .number(fastestPeerSeconds), .number(speedup), .bool(sameObjective), .bool(allConverged),
                                   .number(objectiveSpread), .array(compared.map { .string($0) }), .string(note)]
        return Array(zip(Self.fieldNames, values))
    }
}
