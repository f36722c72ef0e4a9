import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// `wre bench`: solver variants × planted instances (or given files), with warm-up and
/// repeats; optionally the Python peers side by side. The engine is `BenchmarkSuite`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the solvers on planted instances or problem files.",
        discussion: """
            Without FILEs, generates planted instances of every --sizes × --regimes (default: \
            1000x100x10, 20000x1000x100, 100000x1000x100, convex and nonconvex; generated once, \
            solved from memory). Reports per solver and instance the median, min and max seconds \
            over --repeats timed runs after --warmup untimed ones, iterations, KKT residual, \
            objective and its relative gap to the best solver, status, planted-truth recovery, \
            achieved GB/s and GFLOP/s, peak memory, and a machine line (cores, OpenBLAS core and \
            threads, measured memory bandwidth). OpenBLAS honours OPENBLAS_NUM_THREADS.

            --peers also runs Benchmarks/peers/run.sh (SciPy L-BFGS-B, OSQP, NumPy FISTA; \
            single-threaded, same tolerance) on the same instances and reports, per instance, the \
            fastest peer's median over our fastest solver's and whether all reached the same \
            objective to 1e-6 relative. Progress goes to stderr.

            Exit codes: 0 done (whatever the solvers' statuses), 2 bad input.
            """
    )

    @Argument(help: "Problem files to benchmark instead of generated instances (a truth.json beside a file gives the planted truth).")
    var files: [String] = []

    @Option(help: "Comma-separated solvers (\(SolverKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var solvers: String = ([SolverKind.auto] + SolverKind.continuous).map(\.rawValue).joined(separator: ",")

    @Option(help: "Comma-separated sizes m x n x k of the generated instances (default: \(BenchmarkSize.defaultSuite.map(\.description).joined(separator: ",")); with --families \(Bench.familySize)).")
    var sizes: String?

    @Flag(help: "Benchmark the problem families instead of the two regimes: A density 0.01 / 0.1 / 1 (dense storage) × judgments mostly at their bounds / mostly free × convex / non-convex × units 1 / 10⁶, and the dense families with independent random signs (see --family).")
    var families = false

    @Option(help: "With --families: only these comma-separated families (names as in the report, e.g. d1-free-convex-u1, d0.1-bounds-nonconvex-u1e6, d1-free-convex-u1-random).")
    var family: String?

    @Option(help: "Comma-separated regimes of the generated instances (\(PlantedRegime.allCases.map(\.rawValue).joined(separator: ", "))).")
    var regimes: String = PlantedRegime.allCases.map(\.rawValue).joined(separator: ",")

    @Option(parsing: .unconditional, help: "Seed of the generated instances.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Untimed runs per solver and instance.")
    var warmup: Int = 1

    @Option(parsing: .unconditional, help: "Timed runs per solver and instance.")
    var repeats: Int = 5

    @Option(parsing: .unconditional, help: "Converged means KKT residual ≤ this (for every solver and peer).")
    var tolerance: Double = 1e-8

    @OptionGroup var limits: SolveLimits

    @Flag(help: "Output format (default: a readable table).")
    var format: BenchFormat?

    @Option(help: "Write the output to this file instead of stdout.")
    var output: String?

    @Flag(help: "Also run the Python peers (Benchmarks/peers/run.sh) on the same instances.")
    var peers = false

    @Option(help: "The peer script (default: Benchmarks/peers/run.sh found from the working directory or the executable).")
    var peersScript: String?

    @Option(parsing: .unconditional, help: "Size of the memory-bandwidth probe in MiB.")
    var bandwidthProbe: Int = 512

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "Also time the fused row pass against the two-dgemv route (A p, closed-form judgments, Aᵀ j) at each --sizes entry (dense random blocks).")
    var kernels = false

    func validate() throws {
        _ = try solverKinds()
        if files.isEmpty { _ = try instanceSpecs() }
        guard warmup >= 0 else { throw ValidationError("--warmup must be at least 0") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        try SolveLimits.validate(tolerance: tolerance)
        guard bandwidthProbe >= 1 else { throw ValidationError("--bandwidth-probe must be at least 1 (MiB)") }
    }

    func run() throws {
        let printer = quiet ? nil : limits.progressPrinter()
        let progress: (String) -> Void = quiet ? { _ in } : { printer?.clear(); Console.warn("bench: " + $0) }
        var runner: PeerRunner? = nil
        if peers {
            let executable = URL(fileURLWithPath: CommandLine.arguments[0])
            guard let script = peersScript.map({ URL(fileURLWithPath: $0) }) ?? PeerRunner.locate(executable: executable) else {
                Console.warn("wre: error: --peers: cannot find \(PeerRunner.scriptPath); give it with --peers-script")
                throw Console.badInput
            }
            runner = PeerRunner(script: script)
        }
        var instances: [BenchmarkInstanceSpec] = try instanceSpecs()
        if !files.isEmpty {
            for file in files {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    Console.warn("wre: error: \(file): \(isDirectory.boolValue ? "is a directory, not a problem file" : "no such file")")
                    throw Console.badInput
                }
            }
            instances = files.map { .file(URL(fileURLWithPath: $0)) }
        }
        var options = BenchmarkOptions(solvers: try solverKinds(), warmup: warmup, repeats: repeats, tolerance: tolerance,
                                       maxIterations: limits.maxIterations, timeLimit: limits.timeLimit)
        options.progress = printer?.handler
        progress("measuring the memory bandwidth (\(bandwidthProbe) MiB)…")
        let machine = MachineInfo.current(probeBytes: bandwidthProbe << 20)
        progress(BenchmarkReport(machine: machine).machineLine)

        let report: BenchmarkReport
        do {
            report = try BenchmarkSuite(instances: instances, options: options, peers: runner).run(machine: machine, progress: progress)
        } catch {
            throw Console.fail(files.count == 1 ? files[0] : "bench", error)
        }
        var text: String
        let format = format ?? .table
        switch format {
        case .table: text = report.table()
        case .json: text = report.jsonLines()
        case .csv: text = report.csv()
        case .markdown: text = report.markdown()
        }
        if kernels {
            let rows = KernelComparison.measure(sizes: try sizeList(), warmup: warmup, repeats: repeats, progress: progress)
            switch format {
            case .json: text += (text.hasSuffix("\n") ? "" : "\n") + KernelComparison.jsonLines(rows)
            case .csv: progress("--kernels: not written in CSV (use --json or the table)")
            case .table, .markdown: text += KernelComparison.table(rows, markdown: format == .markdown)
            }
        }
        do { try Console.emit(text, to: output) } catch { throw Console.fail(output ?? "stdout", error) }
    }

    func solverKinds() throws -> [SolverKind] {
        try Self.list(solvers).map { name in
            guard let kind = SolverKind(rawValue: name) else {
                throw ValidationError("--solvers: unknown solver '\(name)' (known: \(SolverKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return kind
        }
    }

    /// The parsed `--sizes`.
    /// The default size of `--families`.
    static let familySize = "20000x1000x100"

    func sizeList() throws -> [BenchmarkSize] {
        let sizes = self.sizes ?? (families ? Self.familySize : BenchmarkSize.defaultSuite.map(\.description).joined(separator: ","))
        return try Self.list(sizes).map { text in
            guard let size = BenchmarkSize(parsing: text) else {
                throw ValidationError("--sizes: '\(text)' is not m x n x k (e.g. 1000x100x10)")
            }
            return size
        }
    }

    func instanceSpecs() throws -> [BenchmarkInstanceSpec] {
        let sizeList = try sizeList()
        if families || family != nil {
            var chosen = BenchmarkFamily.suite()
            if let family {
                chosen = try Self.list(family).map { name in
                    guard let f = BenchmarkFamily(parsing: name) else {
                        throw ValidationError("--family: '\(name)' is not a family name (e.g. d0.1-free-convex-u1e6; densities in [0, 1], bounds or free, convex or nonconvex, u1 or u1eN, optionally -random)")
                    }
                    return f
                }
            }
            guard !sizeList.isEmpty else { throw ValidationError("--sizes must name at least one size") }
            return sizeList.flatMap { size in chosen.map { BenchmarkInstanceSpec.family($0, size, seed: seed) } }
        }
        let regimeList = try Self.list(regimes).map { name in
            guard let regime = PlantedRegime(rawValue: name) else {
                throw ValidationError("--regimes: unknown regime '\(name)' (known: \(PlantedRegime.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return regime
        }
        guard !sizeList.isEmpty, !regimeList.isEmpty else { throw ValidationError("--sizes and --regimes must name at least one each") }
        return BenchmarkInstanceSpec.plantedSuite(sizes: sizeList, regimes: regimeList, seed: seed)
    }

    /// The non-empty items of a comma-separated list.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// The output formats of `wre bench`.
enum BenchFormat: String, EnumerableFlag {
    case table, json, csv, markdown

    static func help(for value: BenchFormat) -> ArgumentHelp? {
        switch value {
        case .table: return "A readable table (default)."
        case .json: return "JSON lines: a machine line, then one run line per solver and instance (see BenchmarkRecord)."
        case .csv: return "CSV: a header and one row per solver and instance."
        case .markdown: return "A Markdown table."
        }
    }
}
