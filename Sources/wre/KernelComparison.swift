import Foundation
@_spi(Benchmarks) import ReflectiveEquilibrium

/// `wre bench --kernels`: the fused row pass against the route it replaces (`A p`, the
/// closed-form judgments, `Aᵀ j` through two `dgemv` calls) on a dense random problem of each
/// benchmark size (`KernelHarness`, the harness of the package-benchmark `Kernels` target), with
/// the same warm-up and repeats as the solvers. Reports medians, the achieved read bandwidth of
/// A and C (one read for the fused pass, two for the two-gemv route) and their ratio.
struct KernelComparison {
    struct Row {
        var size: BenchmarkSize
        var fusedSeconds: Double, twoGemvSeconds: Double
        var statisticsSeconds: Double
        var bytes: Double
        var ratio: Double { twoGemvSeconds / fusedSeconds }
    }

    static func measure(sizes: [BenchmarkSize], warmup: Int, repeats: Int, progress: (String) -> Void) -> [Row] {
        sizes.map { size in
            let harness = KernelHarness(m: size.judgments, n: size.principles, k: size.theories)
            func median(_ body: () -> Void) -> Double {
                for _ in 0..<warmup { body() }
                var times: [Double] = []
                for _ in 0..<repeats {
                    let start = ContinuousClock.now
                    body()
                    let d = ContinuousClock.now - start
                    times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
                }
                times.sort()
                return times.count % 2 == 1 ? times[times.count / 2] : 0.5 * (times[times.count / 2 - 1] + times[times.count / 2])
            }
            let fused = median { harness.fusedPass() }
            let twoGemv = median { harness.twoGemvPass() }
            let statistics = median { harness.statisticsPass() }
            let row = Row(size: size, fusedSeconds: fused, twoGemvSeconds: twoGemv, statisticsSeconds: statistics,
                          bytes: 8 * Double(size.judgments) * Double(size.principles + size.theories))
            progress("kernels \(size): fused \(format(fused)), two gemv \(format(twoGemv)), ratio \(String(format: "%.2f", row.ratio))×; statistics pass \(format(statistics)) (\(String(format: "%.2f", statistics / fused))× fused)")
            return row
        }
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    /// A readable (or Markdown) table.
    static func table(_ rows: [Row], markdown: Bool) -> String {
        var lines = ["", markdown ? "**Fused row pass vs two dgemv** (dense random A and C, median)" : "Fused row pass vs two dgemv (dense random A and C, median):", ""]
        let header = ["size", "fused ms", "fused GB/s", "two gemv ms", "two gemv GB/s", "two gemv / fused", "statistics ms", "statistics / fused"]
        let body = rows.map { r in
            [r.size.description, String(format: "%.2f", r.fusedSeconds * 1000), String(format: "%.2f", r.bytes / r.fusedSeconds / 1e9),
             String(format: "%.2f", r.twoGemvSeconds * 1000), String(format: "%.2f", 2 * r.bytes / r.twoGemvSeconds / 1e9),
             String(format: "%.2f×", r.ratio), String(format: "%.2f", r.statisticsSeconds * 1000),
             String(format: "%.2f×", r.statisticsSeconds / r.fusedSeconds)]
        }
        if markdown {
            lines.append("| " + header.joined(separator: " | ") + " |")
            lines.append("|" + header.map { _ in "---:|" }.joined())
            lines += body.map { "| " + $0.joined(separator: " | ") + " |" }
        } else {
            let widths = header.indices.map { c in ([header[c]] + body.map { $0[c] }).map(\.count).max()! }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { c, v in String(repeating: " ", count: widths[c] - v.count) + v }.joined(separator: "  ")
            }
            lines.append(line(header))
            lines += body.map(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON line per size: `{"kind": "kernel", "size": ..., "fusedSeconds": ..., "twoGemvSeconds": ..., "ratio": ...}`.
    static func jsonLines(_ rows: [Row]) -> String {
        rows.map { r in
            "{\"kind\": \"kernel\", \"size\": \"\(r.size)\", \"fusedSeconds\": \(r.fusedSeconds), \"twoGemvSeconds\": \(r.twoGemvSeconds), \"ratio\": \(r.ratio), \"statisticsSeconds\": \(r.statisticsSeconds)}"
        }.joined(separator: "\n") + "\n"
    }
}
