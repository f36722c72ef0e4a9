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
    static let tableHeader = ["instance", "solver", "status", "median s", "min s", "max s", "iter", "KKT", "objective",
                              "gap", "adopted", "reversed", "GB/s", "GFLOP/s", "PG/read A", "peak MiB"]

    func tableRows() -> [[String]] {
        records.map { r in
            [r.instance, r.isOurs ? r.solver : r.solver + " (peer)", r.status, Self.seconds(r.medianSeconds),
             Self.seconds(r.minSeconds), Self.seconds(r.maxSeconds), String(r.iterations), Self.sci(r.kktResidual),
             Self.fixed(r.objective, 6), Self.sci(r.objectiveGap), Self.percent(r.principlesAdopted),
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
        gap: (best − objective)/max(|best|, 1) against the best objective on the instance. adopted/reversed: planted \
        principles adopted, flipped judgments reversed. GB/s, GFLOP/s: block bytes (flops) per iteration × iterations \
        / median seconds (IterationCost). PG/read A: one more iteration of projected-gradient / one read of A (8mn bytes) \
        at the measured bandwidth. peak MiB: peak RSS of the process that ran the solver during its runs (data included).
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

    static func seconds(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return x >= 100 ? String(format: "%.1f", x) : (x >= 1 ? String(format: "%.3f", x) : String(format: "%.4f", x))
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
