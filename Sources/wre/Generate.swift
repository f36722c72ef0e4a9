import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// `wre generate`: writes a planted instance (a `wre-problem/1` manifest of `.npy` files) and
/// its planted truth, and prints a one-paragraph summary.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a planted instance (wre-problem/1 manifest of .npy files) and its planted truth.",
        discussion: """
            Every judgment has a hidden true verdict; the planted true principles and theories agree \
            with the verdicts, the false ones conflict with them (more weakly), and a --noise share of \
            the judgments starts flipped. In the convex regime the principle and theory anchoring is \
            set 10 % above a certified bound on the coupling, so the equilibrium is unique by \
            construction (the bound is in truth.json); in the nonconvex regime it is set to half of \
            the coupling. Files in DIR: A.npy, B.npy, C.npy, j.npy, p.npy, t.npy, problem.json, \
            truth.json. The same parameters and seed give the same bytes.
            """
    )

    @Option(parsing: .unconditional, help: "Number of judgments m (≥ 1).")
    var judgments: Int

    @Option(parsing: .unconditional, help: "Number of principles n (≥ 1).")
    var principles: Int

    @Option(parsing: .unconditional, help: "Number of background theories k (≥ 0).")
    var theories: Int

    @Option(parsing: .unconditional, help: "Density of A, judgments × principles, in [0, 1] (default 0.1).")
    var densityA: Double?

    @Option(parsing: .unconditional, help: "Density of B, principles × theories, in [0, 1] (default 0.3).")
    var densityB: Double?

    @Option(parsing: .unconditional, help: "Density of C, judgments × theories, in [0, 1] (default 0.05).")
    var densityC: Double?

    @Option(parsing: .unconditional, help: "Number of planted true principles, 1…n (default max(1, n/5)).")
    var truePrinciples: Int?

    @Option(parsing: .unconditional, help: "Share of judgments whose initial verdict is flipped, in [0, 1] (default 0.1).")
    var noise: Double?

    @Option(parsing: .unconditional, help: "Anchoring (confidence) of every judgment, > 0 (default 1).")
    var judgmentAnchoring: Double?

    @Option(parsing: .unconditional, help: "Relative anchoring of principles, > 0 (default 1; the regime sets the common scale of principles and theories).")
    var principleAnchoring: Double?

    @Option(parsing: .unconditional, help: "Relative anchoring of theories, > 0 (default 1).")
    var theoryAnchoring: Double?

    @Option(parsing: .unconditional, help: "Parsimony cost μ of every principle, ≥ 0 (default 0.01).")
    var parsimony: Double?

    @Option(help: "convex (unique equilibrium by construction) or nonconvex.")
    var regime: String = PlantedRegime.convex.rawValue

    @Option(parsing: .unconditional, help: "Magnitude of the judgments' initial stance, in (0, 1] (default 1: at the bounds). With a stance below 1 and a strong --judgment-anchoring most judgments stay free.")
    var initialStance: Double?

    @Option(parsing: .unconditional, help: "Units: every confidence, parsimony cost and block weight is multiplied by this (> 0, default 1); the equilibrium is the same.")
    var units: Double?

    @Option(help: "Signs of the blocks: planted (W = S|W|S, the truth's signature; default) or random (independent signs; the regime is then calibrated on the exact spectrum, a Gram sum over the rows).")
    var signs: String = PlantedSigns.planted.rawValue

    @Option(parsing: .unconditional, help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Flag(help: "Write the .npy arrays as float32 (<f4) instead of float64.")
    var float32 = false

    @Option(help: "The directory to write (created if needed; it must be empty unless --force).")
    var output: String

    @Flag(help: "Write into a non-empty --output directory (files of the same names are replaced, others kept).")
    var force = false

    /// The command-line flag of each `PlantedParameters` property, for error messages.
    static let flags = [
        "judgments": "--judgments", "principles": "--principles", "theories": "--theories",
        "judgmentPrincipleDensity": "--density-a", "principleTheoryDensity": "--density-b",
        "judgmentTheoryDensity": "--density-c", "truePrinciples": "--true-principles", "noise": "--noise",
        "judgmentAnchoring": "--judgment-anchoring", "principleAnchoring": "--principle-anchoring",
        "theoryAnchoring": "--theory-anchoring", "parsimony": "--parsimony", "regime": "--regime",
        "initialStance": "--initial-stance", "units": "--units",
    ]

    /// The parameters the options describe (defaults for those not given).
    func parameters() throws -> PlantedParameters {
        guard let regime = PlantedRegime(rawValue: regime) else {
            throw ValidationError("--regime must be convex or nonconvex (got '\(regime)')")
        }
        guard let signs = PlantedSigns(rawValue: signs) else {
            throw ValidationError("--signs must be planted or random (got '\(signs)')")
        }
        let d = PlantedParameters(judgments: judgments, principles: principles, theories: theories)
        var p = PlantedParameters(
            judgments: judgments, principles: principles, theories: theories,
            judgmentPrincipleDensity: densityA ?? d.judgmentPrincipleDensity,
            principleTheoryDensity: densityB ?? d.principleTheoryDensity,
            judgmentTheoryDensity: densityC ?? d.judgmentTheoryDensity, truePrinciples: truePrinciples,
            noise: noise ?? d.noise, judgmentAnchoring: judgmentAnchoring ?? d.judgmentAnchoring,
            principleAnchoring: principleAnchoring ?? d.principleAnchoring,
            theoryAnchoring: theoryAnchoring ?? d.theoryAnchoring, parsimony: parsimony ?? d.parsimony,
            regime: regime, seed: seed)
        p.initialStance = initialStance ?? d.initialStance
        p.units = units ?? d.units
        p.signs = signs
        return p
    }

    func validate() throws {
        do {
            try parameters().validate()
        } catch let error as PlantedError {
            let flag = Generate.flags[error.parameter] ?? error.parameter
            throw ValidationError("\(flag): \(error.description)")
        }
    }

    func run() throws {
        let parameters = try parameters()
        let directory = URL(fileURLWithPath: output)
        try Generate.checkDirectory(output, force: force)
        let dtype: NPYDType = float32 ? .float32 : .float64
        let cells = Double(parameters.judgments) * Double(parameters.principles + parameters.theories)
        if cells >= 5e7 {
            Console.warn("wre: generating \(parameters.judgments) × \(parameters.principles + parameters.theories) blocks (\(Generate.size(cells * Double(float32 ? 4 : 8)))) in \(output) …")
        }
        let start = Date()
        let manifest: URL
        do { manifest = try PlantedInstance.write(parameters, to: directory, dtype: dtype) } catch { throw Console.fail(output, error) }
        let seconds = Date().timeIntervalSince(start)
        let truth: PlantedTruth
        do {
            truth = try JSONDecoder().decode(PlantedTruth.self, from: Data(contentsOf: directory.appendingPathComponent(PlantedInstance.truthName)))
        } catch { throw Console.fail(output, error) }
        try Console.emit(Generate.summary(truth, directory: directory, manifest: manifest, dtype: dtype, seconds: seconds), to: nil)
    }

    /// Refuses (bad input) an `--output` that is a file, or a directory with entries unless
    /// `force`: a planted instance never silently replaces another's files.
    static func checkDirectory(_ path: String, force: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Console.error("--output \(path): is a file, not a directory") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard !entries.isEmpty, !force else { return }
        let shown = entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
        throw Console.error("--output \(path): the directory is not empty (\(Plural.count(entries.count, "entry", "entries")): \(shown)); give --force to write into it anyway, or choose a new directory")
    }

    /// The one-paragraph summary of a generated instance.
    static func summary(_ truth: PlantedTruth, directory: URL, manifest: URL, dtype: NPYDType, seconds: Double) -> String {
        let p = truth.parameters
        let names = ["A.npy", "B.npy", "C.npy", "j.npy", "p.npy", "t.npy", PlantedInstance.manifestName, PlantedInstance.truthName]
        var total = 0.0
        let files: [String] = names.compactMap { name in
            let path = directory.appendingPathComponent(name).path
            guard let bytes = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else { return nil }
            total += bytes.doubleValue
            return "\(name) \(size(bytes.doubleValue))"
        }
        let regime: String
        if let bound = truth.convexityBound {
            regime = "Convex by construction: the Schur complement of the judgments has smallest eigenvalue ≥ \(String(format: "%.6g", bound)) (certified bound, in \(PlantedInstance.truthName)), so the equilibrium is unique."
        } else {
            regime = "Not convex by construction: principles and theories are anchored at half of the certified coupling, so the certificate refutes convexity and several equilibria may exist."
        }
        let densities = p.theories > 0
            ? "densities A \(p.judgmentPrincipleDensity), B \(p.principleTheoryDensity), C \(p.judgmentTheoryDensity)"
            : "density of A \(p.judgmentPrincipleDensity)"
        return """
            Planted \(p.regime.rawValue) instance: \(Report.count(p.judgments, .judgment)) (\(truth.flippedJudgments.count) start flipped, \
            noise \(p.noise)), \(Report.count(p.principles, .principle)) (\(truth.truePrinciples.count) planted true), \(Report.count(p.theories, .theory)); \
            \(densities); seed \(p.seed). \
            \(regime) Wrote \(directory.path) (\(dtype.rawValue)) in \(Report.duration(seconds)): \(files.joined(separator: ", ")); \
            \(size(total)) in all. Solve it with: wre solve \(manifest.path)
            """
    }

    /// "812 B", "1.5 KiB", "7.6 GiB".
    static func size(_ bytes: Double) -> String {
        var value = bytes
        for unit in ["B", "KiB", "MiB", "GiB"] {
            if value < 1024 || unit == "GiB" { return unit == "B" ? "\(Int(value)) B" : String(format: "%.1f ", value) + unit }
            value /= 1024
        }
        return "\(Int(bytes)) B"
    }
}
