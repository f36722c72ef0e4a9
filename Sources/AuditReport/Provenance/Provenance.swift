import Foundation
import ReflectiveEquilibrium

/// Where a report's numbers come from (docs/audit.md): the problem file and its SHA-256, the
/// problem's sizes and non-zeros, the `wre` version, the solver options, the machine and the
/// date. Rows are label–value pairs, printed in order.
public struct Provenance: Sendable {
    /// The problem file as given (`nil` for a problem built in code, e.g. the bundled example).
    public var problemFile: String?
    /// SHA-256 of the problem file's bytes, 64 hex digits.
    public var problemSHA256: String?
    /// The problem file's size in bytes.
    public var problemBytes: Int?
    /// `(m, n, k)`.
    public var shape: (judgments: Int, principles: Int, theories: Int)
    /// Non-zero entries per block: A, B, C and the upper triangle of S.
    public var nonzeros: [(block: String, count: Int)]
    /// The `wre` version (`PackageInfo.version`).
    public var version: String
    /// The solver options, as label–value pairs (e.g. ("tolerance", "1e-09")).
    public var options: [(String, String)]
    /// Further rows (e.g. a saved result file and its hash).
    public var extra: [(String, String)]
    /// The machine line: cores, memory, the OpenBLAS core, threads and build; the OS.
    public var machine: String
    /// When the report was made, ISO 8601.
    public var date: String

    /// The provenance of a report on `problem`, read from `problemFile` (hashed) when given.
    ///
    /// - Parameters:
    ///   - options: the solver options as label–value pairs (`Provenance.rows(of:)`).
    ///   - machine: the machine line (default: this machine's, `Provenance.machineLine()`).
    ///   - date: the report date (default: now).
    /// - Throws: a Foundation error when the problem file cannot be read.
    public init(problemFile: String?, problem: Problem, options: [(String, String)], extra: [(String, String)] = [],
                machine: String = Provenance.machineLine(), date: Date = Date()) throws {
        self.problemFile = problemFile
        if let problemFile {
            let (hex, bytes) = try SHA256.file(URL(fileURLWithPath: problemFile))
            problemSHA256 = hex
            problemBytes = bytes
        }
        shape = problem.shape
        let c = problem.compatibility
        nonzeros = [("A (judgments × principles)", c.judgmentPrinciple.nonzeroCount),
                    ("B (principles × theories)", c.principleTheory?.nonzeroCount ?? 0),
                    ("C (judgments × theories)", c.judgmentTheory?.nonzeroCount ?? 0),
                    ("S (principle pairs)", (c.principlePrinciple?.nonzeroCount ?? 0) / 2)]
        version = PackageInfo.version
        self.options = options
        self.extra = extra
        self.machine = machine
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        self.date = formatter.string(from: date)
    }

    /// Adds a file the report also rests on (e.g. a saved result) with its SHA-256.
    /// - Throws: a Foundation error when the file cannot be read.
    public mutating func addFile(_ label: String, path: String) throws {
        let (hex, bytes) = try SHA256.file(URL(fileURLWithPath: path))
        extra += [(label, path), ("SHA-256 of the \(label)", hex), ("\(label) size", "\(bytes) bytes")]
    }

    /// This machine: `MachineInfo.configurationLine` and the operating system (no bandwidth
    /// probe: a report measures nothing).
    public static func machineLine() -> String {
        let info = MachineInfo.current(probeBytes: 1 << 20, passes: 1)
        return info.configurationLine + "; " + info.operatingSystem
    }

    /// The options of a solve as provenance rows.
    public static func rows(of options: SolverOptions) -> [(String, String)] {
        var rows: [(String, String)] = [("tolerance", NumberText.scientific(options.tolerance))]
        rows.append(("iteration limit", options.maxIterations.map(String.init) ?? "the solver's default"))
        rows.append(("time limit", options.timeLimit.map { NumberText.fixed($0, 1) + " s" } ?? "none"))
        rows.append(("revision threshold", NumberText.fixed(options.revisionThreshold, 3)))
        rows.append(("certificate", options.certify ? "computed" : "skipped"))
        rows.append(("warm start", options.warmStart == nil ? "none (initial values)" : "given"))
        return rows
    }

    /// All rows, in print order: file, hash, size, sizes, non-zeros, version, options, extra, machine, date.
    var rows: [(String, String)] {
        var out: [(String, String)] = [("problem file", problemFile ?? "built in code (no file)")]
        if let problemSHA256 { out.append(("SHA-256 of the file", problemSHA256)) }
        if let problemBytes { out.append(("file size", "\(problemBytes) bytes")) }
        let (m, n, k) = shape
        out.append(("sizes", "m = \(m) judgments, n = \(n) principles, k = \(k) theories (N = \(m + n + k) items)"))
        out.append(("non-zeros", nonzeros.map { "\($0.block) \($0.count)" }.joined(separator: "; ")))
        out.append(("wre version", version))
        out += options + extra
        out.append(("machine", machine))
        out.append(("date", date))
        return out
    }
}
