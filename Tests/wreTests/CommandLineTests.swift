import Foundation
@testable import ReflectiveEquilibrium
import Testing
@testable import wre

/// The command line as a user meets it (issue 10, items 6–9 and 12): negative option values,
/// standard input, output files, `--version`, one error style, plurals, compare's columns.
@Suite("Command line")
struct CommandLineTests {
    /// A problem of one item per group and one relation of each block.
    static let tiny = #"""
        {"format": "wre-problem/1",
         "judgments": [{"id": "j", "initial": -1}], "principles": [{"id": "p"}], "theories": [{"id": "t"}],
         "relations": [{"from": "j", "to": "p", "weight": -0.8}]}
        """#

    /// Writes the bundled example as `demo.json` in the runner's directory.
    static func demo(_ wre: WRERunner) throws {
        try Data(try Problem.alignmentExample.jsonData()).write(to: wre.url("demo.json"))
    }

    // MARK: - Negative option values (item 6)

    /// (arguments after the file, fragment of the real error)
    static let negativeValues: [([String], String)] = [
        (["solve", "demo.json", "--time-limit", "-1"], "--time-limit must be a positive number"),
        (["solve", "demo.json", "--tolerance", "-1"], "--tolerance must be a positive number"),
        (["solve", "demo.json", "--max-iterations", "-5"], "--max-iterations must be at least 1"),
        (["solve", "demo.json", "--starts", "-2"], "--starts must be at least 1"),
        (["solve", "demo.json", "--cluster-tolerance", "-1e-3"], "--cluster-tolerance must be a positive number"),
        (["solve", "demo.json", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (["compare", "demo.json", "--tolerance", "-1"], "--tolerance must be a positive number"),
        (["compare", "demo.json", "--time-limit", "-0.5"], "--time-limit must be a positive number"),
        (["explain", "demo.json", "--top", "-2"], "--top must be at least 1"),
        (["explain", "demo.json", "--exact", "-1"], "--exact must be at least 0"),
        (["explain", "demo.json", "--max-iterations", "-5"], "--max-iterations must be at least 1"),
        (["update", "demo.json", "c.json", "--threshold", "-1"], "--threshold must be a non-negative number"),
        (["update", "demo.json", "c.json", "--tolerance", "-1"], "--tolerance must be a positive number"),
        (["bench", "--repeats", "-1"], "--repeats must be at least 1"),
        (["bench", "--warmup", "-1"], "--warmup must be at least 0"),
        (["bench", "--tolerance", "-1"], "--tolerance must be a positive number"),
        (["bench", "--bandwidth-probe", "-4"], "--bandwidth-probe must be at least 1"),
        (["generate", "--judgments", "-3", "--principles", "2", "--theories", "0", "--output", "g"], "--judgments"),
    ]

    @Test("negative option values parse and meet the real validation error, exit code 2", arguments: negativeValues.indices)
    func negativeValue(index: Int) throws {
        let (arguments, fragment) = Self.negativeValues[index]
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try Self.demo(wre)
        let outcome = try wre.run(arguments)
        #expect(outcome.code == 2, "\(arguments)")
        #expect(outcome.stderr.hasPrefix("wre: error: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(fragment), "\(arguments): \(outcome.stderr)")
        #expect(!outcome.stderr.contains("Missing value"), "\(arguments): \(outcome.stderr)")
    }

    @Test("parsing in process: a negative value reaches validate()")
    func negativeInProcess() {
        #expect(throws: (any Error).self) { _ = try Solve.parse(["f.json", "--time-limit", "-1"]) }
        do {
            _ = try Solve.parse(["f.json", "--tolerance", "-1"])
        } catch {
            #expect(Solve.message(for: error) == "--tolerance must be a positive number")
        }
        let limits = try? SolveLimits.parse(["--time-limit", "2.5", "--max-iterations", "7"])
        #expect(limits?.timeLimit == 2.5 && limits?.maxIterations == 7)
    }

    // MARK: - One error style (item 12)

    @Test("argument-parser's errors read `wre: error: …` like every other error, exit code 2")
    func errorStyle() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try Self.demo(wre)
        for arguments in [["solve", "demo.json", "--bogus"], ["solve"], ["nonsense"], ["solve", "demo.json", "--solver", "magic"],
                          ["solve", "missing.json"], ["explain", "demo.json", "--item", "nobody"]] {
            let outcome = try wre.run(arguments)
            #expect(outcome.code == 2, "\(arguments)")
            #expect(outcome.stderr.hasPrefix("wre: error: "), "\(arguments): \(outcome.stderr)")
            #expect(!outcome.stderr.contains("Error:"), "\(arguments): \(outcome.stderr)")
        }
        #expect(WRE.errorReport("Error: Missing value\nUsage: wre solve\n") == "wre: error: Missing value\nUsage: wre solve")
    }

    @Test("help is not an error: exit code 0, on stdout")
    func help() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        let outcome = try wre.run(["solve", "--help"])
        #expect(outcome.code == 0 && outcome.stdout.contains("USAGE: wre solve") && outcome.stderr.isEmpty)
    }

    @Test("no option help says `(default: --flag)` after a flag that is the default")
    func flagDefaults() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        for command in ["solve", "compare", "explain", "update", "bench", "generate", "demo"] {
            let help = try wre.run([command, "--help"]).stdout
            #expect(!help.contains("(default: --"), "\(command): \(help)")
        }
    }

    // MARK: - --version (item 9)

    @Test("wre --version prints the library's version")
    func version() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        let outcome = try wre.run(["--version"])
        #expect(outcome.code == 0)
        #expect(outcome.stdout == PackageInfo.version + "\n")
        #expect(PackageInfo.version.split(separator: ".").count == 3)
    }

    // MARK: - Standard input (item 7)

    @Test("`-` reads the problem JSON from standard input, for solve, compare, explain and update")
    func standardInput() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        let json = try Problem.alignmentExample.jsonData()
        let solve = try wre.run(["solve", "-", "--json"], stdin: json)
        #expect(solve.code == 0)
        let result = try Equilibrium(jsonData: Data(solve.stdout.utf8))
        let expected = try Problem.alignmentExample.solve().state
        #expect(zip(result.state, expected).allSatisfy { abs($0 - $1) <= 1e-12 })
        #expect(try wre.run(["solve", "-"], stdin: json).stdout.hasPrefix("Reflective equilibrium of standard input"))
        #expect(try wre.run(["compare", "-", "--modes", "wide,top-down"], stdin: json).code == 0)
        #expect(try wre.run(["explain", "-", "--item", "j2"], stdin: json).stdout.contains("j2 (judgment)"))
        try wre.write(#"{"format": "wre-changes/1", "set": {"items": [{"id": "j2", "initial": -1}]}}"#, to: "c.json")
        let update = try wre.run(["update", "-", "c.json"], stdin: json)
        #expect(update.code == 0 && update.stdout.hasPrefix("Update of standard input with c.json"))
        // The changes may come from standard input instead.
        try Self.demo(wre)
        let changes = try wre.run(["update", "demo.json", "-"], stdin: Data(try wre.read("c.json").utf8))
        #expect(changes.code == 0 && changes.stdout.hasPrefix("Update of demo.json with standard input"))
        #expect(try wre.run(["update", "-", "-"]).code == 2)
    }

    @Test("a manifest on standard input finds its arrays relative to the working directory; errors name standard input")
    func standardInputManifest() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try FileManager.default.createDirectory(at: wre.url("data"), withIntermediateDirectories: true)
        try NPYArray(Matrix([[1, -1], [0, 1], [1, 0]])).write(to: wre.url("data/A.npy"), dtype: .float64)
        let manifest = Data(#"{"format": "wre-problem/1", "matrices": {"judgmentPrinciple": "data/A.npy"}}"#.utf8)
        let solve = try wre.run(["solve", "-"], stdin: manifest)
        #expect(solve.code == 0 && solve.stdout.contains("3 judgments, 2 principles, 0 theories"), "\(solve.stderr)")
        let bad = try wre.run(["solve", "-"], stdin: Data(#"{"format": "wre-problem/1", "judgments": 3}"#.utf8))
        #expect(bad.code == 2 && bad.stderr.hasPrefix("wre: error: standard input: judgments: expected an array"), "\(bad.stderr)")
    }

    @Test("an empty problem is an error naming the file, exit code 2")
    func emptyProblem() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try wre.write(#"{"format": "wre-problem/1", "theories": [{"id": "t"}]}"#, to: "empty.json")
        let outcome = try wre.run(["solve", "empty.json"])
        #expect(outcome.code == 2)
        #expect(outcome.stderr == "wre: error: empty.json: the problem has no judgments and no principles (only 1 theory): nothing to bring into equilibrium\n")
    }

    // MARK: - Output files (item 8)

    @Test("an output over the input problem, even through a symlink or a hard link, is refused and the input kept")
    func refuseOverwritingInput() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try Self.demo(wre)
        let original = try wre.read("demo.json")
        try FileManager.default.createSymbolicLink(atPath: wre.url("link.json").path, withDestinationPath: "demo.json")
        try FileManager.default.linkItem(at: wre.url("demo.json"), to: wre.url("hard.json"))
        for arguments in [["solve", "demo.json", "--output", "demo.json"], ["solve", "demo.json", "--output", "./link.json"],
                          ["solve", "link.json", "--trace", "demo.json"], ["compare", "demo.json", "--output", "hard.json"],
                          ["explain", "hard.json", "--output", "demo.json"]] {
            let outcome = try wre.run(arguments)
            #expect(outcome.code == 2, "\(arguments)")
            #expect(outcome.stderr.hasPrefix("wre: error: --"), "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("is the input problem") && outcome.stderr.contains("refusing to overwrite it"), "\(outcome.stderr)")
            #expect(try wre.read("demo.json") == original)
        }
        let same = try wre.run(["solve", "demo.json", "--output", "r.txt", "--trace", "./r.txt"])
        #expect(same.code == 2 && same.stderr.contains("are the same file"))
        // A new file beside it is fine.
        #expect(try wre.run(["solve", "demo.json", "--output", "report.txt"]).code == 0)
        #expect(try wre.read("report.txt").hasPrefix("Reflective equilibrium of demo.json"))
    }

    @Test("update refuses to write the changed problem over the problem or one of its arrays")
    func updateRefusesInputs() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try Problem.alignmentExample.writeManifest(to: wre.directory, name: "m.json")
        try wre.write(#"{"format": "wre-changes/1", "set": {"items": [{"id": "j2", "initial": -1}]}}"#, to: "c.json")
        for target in ["m.json", "A.npy", "c.json"] {
            let outcome = try wre.run(["update", "m.json", "c.json", "--write-problem", target])
            #expect(outcome.code == 2 && outcome.stderr.contains("refusing to overwrite"), "\(target): \(outcome.stderr)")
        }
    }

    @Test("write failures say why in plain words, before any solving")
    func writeFailures() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try Self.demo(wre)
        let missing = try wre.run(["solve", "demo.json", "--output", "nowhere/r.txt"])
        #expect(missing.stderr == "wre: error: cannot write nowhere/r.txt: no such directory: nowhere\n")
        let directory = try wre.run(["solve", "demo.json", "--trace", "."])
        #expect(directory.stderr == "wre: error: cannot write .: is a directory\n")
        for outcome in [missing, directory] {
            #expect(outcome.code == 2 && outcome.stdout.isEmpty)
            #expect(!outcome.stderr.contains("NSCocoaErrorDomain") && !outcome.stderr.contains("could not be completed"))
        }
    }

    @Test("generate refuses a non-empty directory unless --force, and a file")
    func generateNonEmpty() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        let arguments = ["generate", "--judgments", "20", "--principles", "4", "--theories", "1", "--output", "g"]
        #expect(try wre.run(arguments).code == 0)  // a new directory
        let again = try wre.run(arguments)
        #expect(again.code == 2)
        #expect(again.stderr.hasPrefix("wre: error: --output g: the directory is not empty (8 entries: A.npy, B.npy, C.npy, …); give --force"),
                "\(again.stderr)")
        #expect(try wre.run(arguments + ["--force"]).code == 0)
        try FileManager.default.createDirectory(at: wre.url("empty"), withIntermediateDirectories: true)
        #expect(try wre.run(Array(arguments.dropLast()) + ["empty"]).code == 0)  // an empty directory is fine
        try wre.write("x", to: "file")
        let file = try wre.run(Array(arguments.dropLast()) + ["file", "--force"])
        #expect(file.code == 2 && file.stderr.contains("is a file, not a directory"))
    }

    // MARK: - update --write-problem on a manifest (item 7)

    @Test("update --write-problem on a manifest writes a manifest beside the new file, which reads back as the changed problem")
    func updateWritesManifest() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        #expect(try wre.run(["generate", "--judgments", "300", "--principles", "12", "--theories", "3", "--output", "g"]).code == 0)
        try wre.write(#"{"format": "wre-changes/1", "set": {"items": [{"id": "j7", "initial": -1, "confidence": 3}, {"id": "p2", "parsimony": 0.25}]}}"#,
                      to: "c.json")
        let outcome = try wre.run(["update", "g/problem.json", "c.json", "--write-problem", "g/changed.json", "--json"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: wre.url("g").path).filter { $0.hasPrefix("changed") }.sorted()
        #expect(written == ["changed.json", "changed_A.npy", "changed_B.npy", "changed_C.npy", "changed_j.npy", "changed_p.npy", "changed_t.npy"])
        let manifest = try wre.read("g/changed.json")
        #expect(manifest.utf8.count < 2000 && !manifest.contains("relations"))
        let changed = try Problem(contentsOf: wre.url("g/changed.json"))
        let original = try Problem(contentsOf: wre.url("g/problem.json"))
        var expected = original
        expected.judgments.initial[7] = -1
        expected.judgments.confidence[7] = 3
        expected.principles.parsimony[2] = 0.25
        #expect(changed == expected)
        #expect(original.judgments.confidence[7] != 3)  // the original arrays are untouched
        // A problem in the relations form is written as JSON.
        try Self.demo(wre)
        try wre.write(#"{"format": "wre-changes/1", "set": {"items": [{"id": "j2", "initial": -1}]}}"#, to: "d.json")
        #expect(try wre.run(["update", "demo.json", "d.json", "--write-problem", "demo2.json"]).code == 0)
        #expect(try wre.read("demo2.json").contains("\"relations\""))
        #expect(!FileManager.default.fileExists(atPath: wre.url("demo2_A.npy").path))
    }

    // MARK: - Polish (item 12)

    @Test("a one-item-per-group report says 1 judgment, 1 principle, 1 theory, 3 items, 1 relation")
    func plurals() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try wre.write(Self.tiny, to: "tiny.json")
        let report = try wre.run(["solve", "tiny.json"]).stdout
        #expect(report.contains("1 judgment, 1 principle, 1 theory (3 items, 1 relation)"), "\(report)")
        let compare = try wre.run(["compare", "tiny.json", "--modes", "wide"]).stdout
        #expect(compare.hasPrefix("Comparison of 1 run on tiny.json (1 judgment, 1 principle, 1 theory)"), "\(compare)")
        for text in [report, compare] {
            for wrong in ["1 theories", "1 items", "1 judgments", "1 principles", "1 relations", "1 runs", "1 starts", "1 iterations"] {
                #expect(!text.contains(" " + wrong), "\(wrong) in \(text)")
            }
        }
    }

    @Test("a multi-start report counts its starts in the singular for one")
    func oneStart() throws {
        let problem = try Problem(jsonData: Data(Self.tiny.utf8))
        var result = try problem.solve()
        let items = result.items.map { PointItem(id: $0.id, value: $0.value, class: $0.class) }
        result.equilibria = [EquilibriumPoint(objective: 1, share: 0.5, starts: 1, kktResidual: 0, items: items),
                             EquilibriumPoint(objective: 0.5, share: 0.5, starts: 1, kktResidual: 0, items: items)]
        let lines = Report(problem: problem, result: result, source: "tiny").equilibria(try #require(result.equilibria))
        #expect(lines.filter { $0.contains("(1 start)") }.count == 2, "\(lines)")
        #expect(!lines.joined().contains("1 starts"))
        #expect(Plural.count(1, "theory", "theories") == "1 theory" && Plural.count(0, "theory", "theories") == "0 theories")
        #expect(Plural.count(2, "start") == "2 starts" && Plural.noun(1, "entry", "entries") == "entry")
    }

    @Test("compare's columns never run together, whatever the cells' widths")
    func compareColumns() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        #expect(try wre.run(["generate", "--judgments", "60", "--principles", "8", "--theories", "2", "--regime", "nonconvex",
                             "--output", "n"]).code == 0)
        let outcome = try wre.run(["compare", "n/problem.json", "--modes", "wide,narrow", "--solvers", "active-set,projected-gradient"])
        let text = outcome.stdout
        #expect(text.contains("not convex"), "\(text)")
        #expect(!text.contains("convexnot") && !text.contains("uniquenot"))
        // Every row of the table: the name, then one cell per run, at least two spaces apart.
        let table = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("  solver") }.prefix { !$0.isEmpty }
        #expect(table.count > 10)
        for row in table {
            let cells = row.dropFirst(28).split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.filter { !$0.isEmpty }.count == 4, "\(row)")
        }
    }

    @Test("explain --item takes several ids, comma-separated and repeated, in the order given")
    func explainSeveralItems() throws {
        let wre = try WRERunner()
        defer { wre.cleanUp() }
        try Self.demo(wre)
        let outcome = try wre.run(["explain", "demo.json", "--item", "p3,j2", "--item", "t1", "--item", "j2", "--json"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let ids = (json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["p3", "j2", "t1"])
        let unknown = try wre.run(["explain", "demo.json", "--item", "j2,zz"])
        #expect(unknown.code == 2 && unknown.stderr.contains("'zz'"))
        #expect(try wre.run(["explain", "demo.json", "--item", ","]).stderr.contains("--item: give at least one id"))
        let parsed = try Explain.parse(["demo.json", "--item", "a, b", "--item", "c,a"])
        #expect(parsed.itemIDs == ["a", "b", "c"])
    }
}
