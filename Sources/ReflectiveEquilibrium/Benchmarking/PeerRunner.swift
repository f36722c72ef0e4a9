import Foundation

/// Runs the Python peers (`Benchmarks/peers/run.sh`, which sets up `Benchmarks/.venv` and runs
/// `peers.py`: SciPy L-BFGS-B, OSQP, a NumPy FISTA) on an instance written as a `wre-problem/1`
/// manifest, single-threaded, with the same tolerance, warm-up and repeats, and reads back their
/// run records (JSON lines with the fields of `BenchmarkRecord`).
public struct PeerRunner: Sendable {
    /// The script to run (`bash SCRIPT --tolerance T --warmup W --repeats R --instance NAME MANIFEST`).
    public var script: URL
    /// Where the instance manifests are written (a fresh directory per instance, removed after).
    public var workDirectory: URL

    public init(script: URL, workDirectory: URL = FileManager.default.temporaryDirectory) {
        self.script = script
        self.workDirectory = workDirectory
    }

    /// The peer script's place in the package.
    public static let scriptPath = "Benchmarks/peers/run.sh"

    /// Finds `Benchmarks/peers/run.sh` in the working directory or one of its parents, or above
    /// the executable (e.g. `.build/release/wre` inside the package).
    public static func locate(executable: URL? = nil) -> URL? {
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        if let executable { starts.append(executable.resolvingSymlinksInPath().deletingLastPathComponent()) }
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent(scriptPath)
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// Writes `instance` as a manifest (with `truth.json`), runs the peers on it and returns
    /// their records (filled with the instance's source, regime and seed) and any skips. A
    /// failure to write or to run becomes a skip of `peers` with the reason.
    public func run(on instance: BenchmarkInstance, options: BenchmarkOptions,
                    progress: (String) -> Void = { _ in }) -> (records: [BenchmarkRecord], skips: [BenchmarkSkip]) {
        let directory = workDirectory.appendingPathComponent("wre-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        func failed(_ reason: String) -> ([BenchmarkRecord], [BenchmarkSkip]) {
            progress("  peers: skipped (\(reason))")
            return ([], [BenchmarkSkip(instance: instance.name, solver: "peers", reason: reason)])
        }
        let manifest: URL
        do {
            progress("  peers: writing the instance to \(directory.path)")
            manifest = try instance.writeManifest(in: directory)
        } catch {
            return failed("cannot write the instance for the peers (\(error))")
        }
        let solutions = directory.appendingPathComponent("solutions")
        var arguments = [script.path, "--tolerance", "\(options.tolerance)", "--warmup", "\(options.warmup)",
                         "--repeats", "\(options.repeats)", "--solutions", solutions.path, "--instance", instance.name, manifest.path]
        if let t = options.timeLimit { arguments += ["--time-limit", "\(t)"] }
        progress("  peers: bash \(arguments.joined(separator: " "))")
        let output: Data, status: Int32
        do {
            (output, status) = try Self.execute("/bin/bash", arguments)
        } catch {
            return failed("cannot run \(script.path) (\(error.localizedDescription))")
        }
        var (records, skips) = Self.parse(output)
        for i in records.indices {
            records[i].instance = instance.name
            records[i].source = instance.source
            records[i].regime = instance.regime?.rawValue
            records[i].seed = instance.seed
            records[i].implementation = BenchmarkRecord.peer
            Self.verify(&records[i], solution: solutions.appendingPathComponent("\(Self.fileKey(instance.name)).\(records[i].solver).npy"),
                        problem: instance.problem, tolerance: options.tolerance)
        }
        for i in skips.indices { skips[i].instance = instance.name }
        if status != 0 {
            let (r, s) = failed("\(script.lastPathComponent) exited with status \(status)")
            return (records + r, skips + s)
        }
        return (records, skips)
    }

    /// An instance name as a file name (as `peers.py` saves solutions): characters other than
    /// ASCII letters, digits, `.`, `_` and `-` become `_`.
    static func fileKey(_ name: String) -> String {
        String(name.map { c in (c.isASCII && (c.isLetter || c.isNumber)) || "._-".contains(c) ? c : "_" })
    }

    /// Recomputes the KKT residual and the objective of a peer's saved solution with this
    /// package's `Objective` (the one implementation every solver of the package is measured
    /// by) and puts them in the record; the peer's own values, when they differ beyond rounding,
    /// go to the note. A missing or unreadable solution leaves the record as the peer wrote it.
    static func verify(_ record: inout BenchmarkRecord, solution url: URL, problem: Problem, tolerance: Double) {
        let objective = Objective(problem)
        guard let array = try? NPYArray.read(from: url), array.values.count == objective.count else {
            record.note = [record.note, "not verified by wre (no solution saved)"].compactMap { $0 }.joined(separator: "; ")
            return
        }
        let x = array.values
        let wx = objective.coherenceGradient(x)
        let (residual, scaled) = objective.residuals(x, gradient: objective.gradient(x, wx: wx))
        let total = objective.split(x, wx: wx).total
        var notes: [String] = []
        if let r = record.kktResidual, abs(r - residual) > 1e-12 + 1e-6 * residual {
            notes.append("peer's own KKT \(String(format: "%.3e", r))")
        }
        if let o = record.objective, abs(o - total) > 1e-12 * max(abs(total), 1) {
            notes.append("peer's own objective \(o)")
        }
        record.kktResidual = residual.isFinite ? residual : nil
        record.scaledResidual = scaled.isFinite ? scaled : nil
        record.objective = total.isFinite ? total : nil
        let converged = scaled <= tolerance
        if converged != record.converged {
            notes.append("peer reported converged = \(record.converged)")
            record.converged = converged
            if !converged && record.status == "converged" { record.status = SolverStatus.stalled.rawValue }
            if converged { record.status = SolverStatus.converged.rawValue }
        }
        notes.append("residuals and objective recomputed by wre")
        record.note = ([record.note].compactMap { $0 } + notes).joined(separator: "; ")
    }

    /// Runs `tool` with `arguments`, single-threaded BLAS, stderr passed through; returns stdout
    /// and the exit status.
    static func execute(_ tool: String, _ arguments: [String]) throws -> (Data, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "1" }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (data, process.terminationStatus)
    }

    /// The run and skip records in the peers' JSON lines; other lines are ignored.
    static func parse(_ output: Data) -> (records: [BenchmarkRecord], skips: [BenchmarkSkip]) {
        var records: [BenchmarkRecord] = [], skips: [BenchmarkSkip] = []
        let decoder = JSONDecoder()
        for line in output.split(separator: UInt8(ascii: "\n")) {
            let data = Data(line)
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let type = object["type"] as? String else { continue }
            switch type {
            case "run":
                if let r = try? decoder.decode(BenchmarkRecord.self, from: data) { records.append(r) }
                else { skips.append(BenchmarkSkip(instance: "", solver: object["solver"] as? String ?? "peers", reason: "unreadable peer record: \(String(decoding: data, as: UTF8.self))")) }
            case "skip":
                if let s = try? decoder.decode(BenchmarkSkip.self, from: data) { skips.append(s) }
            default: continue
            }
        }
        return (records, skips)
    }
}
