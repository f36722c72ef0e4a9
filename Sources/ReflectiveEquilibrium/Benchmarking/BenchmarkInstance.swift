import Foundation

/// What a benchmark solves: a planted instance generated in memory, or a problem file.
public enum BenchmarkInstanceSpec: Sendable, Hashable, CustomStringConvertible {
    /// A planted instance (`PlantedInstance.generate`) of `size` in `regime` from `seed`.
    case planted(BenchmarkSize, PlantedRegime, seed: UInt64)
    /// A problem file (JSON or manifest); a `truth.json` beside it supplies the planted truth.
    case file(URL)
    /// A planted instance of a family (`BenchmarkFamily`) of `size` from `seed`.
    case family(BenchmarkFamily, BenchmarkSize, seed: UInt64)

    /// The instance's name in reports: `convex-1000x100x10`, or the file's name (with its
    /// directory's when the file is a generated `problem.json`: `dir/problem.json`).
    public var name: String {
        switch self {
        case let .planted(size, regime, _): return "\(regime.rawValue)-\(size)"
        case let .family(family, size, _): return "\(family)-\(size)"
        case let .file(url):
            let file = url.lastPathComponent
            guard file == PlantedInstance.manifestName else { return file }
            let directory = url.standardizedFileURL.deletingLastPathComponent().lastPathComponent
            return directory.isEmpty || directory == "/" ? file : "\(directory)/\(file)"
        }
    }

    /// The names of `specs`, made unique: a repeated name gets the file's path (or ` #2`, ` #3`…).
    public static func uniqueNames(_ specs: [BenchmarkInstanceSpec]) -> [String] {
        var seen: [String: Int] = [:]
        for s in specs { seen[s.name, default: 0] += 1 }
        var used = Set<String>()
        return specs.map { spec in
            var name = spec.name
            if seen[name]! > 1, case let .file(url) = spec { name = url.path }
            var candidate = name, copy = 1
            while used.contains(candidate) { copy += 1; candidate = "\(name) #\(copy)" }
            used.insert(candidate)
            return candidate
        }
    }

    public var description: String {
        switch self {
        case let .planted(size, regime, seed): return "planted \(regime.rawValue) \(size) (seed \(seed))"
        case let .family(family, size, seed): return "family \(family) \(size) (seed \(seed))"
        case let .file(url): return url.path
        }
    }

    /// The default suite: every size of `BenchmarkSize.defaultSuite` in both regimes.
    public static func plantedSuite(sizes: [BenchmarkSize] = BenchmarkSize.defaultSuite,
                                    regimes: [PlantedRegime] = PlantedRegime.allCases,
                                    seed: UInt64 = 1) -> [BenchmarkInstanceSpec] {
        sizes.flatMap { size in regimes.map { .planted(size, $0, seed: seed) } }
    }

    /// Generates or loads the instance.
    /// - Throws: the generator's errors, or the file reader's (`ProblemFileError`, `NPYError`);
    ///   a `truth.json` beside a file that cannot be read is an error too.
    public func load() throws -> BenchmarkInstance {
        switch self {
        case let .planted(size, regime, seed):
            let parameters = PlantedParameters(judgments: size.judgments, principles: size.principles, theories: size.theories,
                                               truePrinciples: nil, regime: regime, seed: seed)
            let (problem, truth) = try PlantedInstance.generate(parameters)
            return BenchmarkInstance(name: name, source: "generated", problem: problem, truth: truth, regime: regime, seed: seed)
        case let .family(family, size, seed):
            let (problem, truth) = try PlantedInstance.generate(family.parameters(size, seed: seed))
            return BenchmarkInstance(name: name, source: "generated", problem: problem, truth: truth, regime: family.regime, seed: seed)
        case let .file(url):
            let problem = try Problem(contentsOf: url)
            let truthURL = url.deletingLastPathComponent().appendingPathComponent(BenchmarkInstance.truthFileName)
            var truth: PlantedTruth? = nil
            if FileManager.default.fileExists(atPath: truthURL.path) {
                do {
                    truth = try JSONDecoder().decode(PlantedTruth.self, from: Data(contentsOf: truthURL))
                } catch {
                    throw ProblemFileError.fileAccess(file: BenchmarkInstance.truthFileName, reason: "cannot read the planted truth (\(error))")
                }
            }
            return BenchmarkInstance(name: name, source: url.path, problem: problem, truth: truth,
                                     regime: truth?.parameters.regime, seed: truth?.parameters.seed)
        }
    }
}

/// A loaded benchmark instance: the problem and, when known, its planted truth.
public struct BenchmarkInstance {
    /// The name in reports.
    public var name: String
    /// `generated`, or the file's path.
    public var source: String
    /// The problem.
    public var problem: Problem
    /// The planted truth (generated instances, or a file with a `truth.json` beside it).
    public var truth: PlantedTruth?
    /// The generator's regime, when known.
    public var regime: PlantedRegime?
    /// The generator's seed, when known.
    public var seed: UInt64?

    public init(name: String, source: String, problem: Problem, truth: PlantedTruth? = nil,
                regime: PlantedRegime? = nil, seed: UInt64? = nil) {
        self.name = name
        self.source = source
        self.problem = problem
        self.truth = truth
        self.regime = regime
        self.seed = seed
    }

    /// The name of the planted-truth file beside a problem file.
    public static let truthFileName = PlantedInstance.truthName

    /// Writes the problem as a `wre-problem/1` manifest of `.npy` arrays (`problem.json`) in
    /// `directory`, and the planted truth as `truth.json` beside it when known; returns the
    /// manifest's URL. (The peers read this form.)
    public func writeManifest(in directory: URL) throws -> URL {
        try problem.writeManifest(to: directory, name: PlantedInstance.manifestName)
        if let truth {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let url = directory.appendingPathComponent(Self.truthFileName)
            do { try encoder.encode(truth).write(to: url, options: .atomic) } catch {
                throw ProblemFileError.fileAccess(file: Self.truthFileName, reason: "cannot write the file (\(error.localizedDescription))")
            }
        }
        return directory.appendingPathComponent(PlantedInstance.manifestName)
    }
}
