import ArgumentParser
import Foundation
import ReflectiveEquilibrium

/// `wre explain FILE`: why the equilibrium is where it is — the pulls, anchoring and parsimony
/// on each revised item (`Problem.explain`), or with `--support ID` which items most support or
/// undermine one item's value (`Problem.attribution(of:at:)`).
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain the revisions of an equilibrium, or what supports one item's value.",
        discussion: """
            Without --support: for each revised item (or the one given by --item), the items whose \
            coherence pull W_ik x_k moved it, largest first with their signs, the anchoring \
            λ(x − x0) and parsimony that resisted, and the net force (0 inside the bounds, the \
            bound's reaction at a bound).

            With --support ID: the sensitivity ∂x*_ID/∂x0_i of ID's equilibrium value to every \
            item's initial value (one solve with the Cholesky factor of the free-set Hessian), and \
            each item's support: ID with the item minus ID without it (the item dropped with its \
            relations), other items' standings held; the --exact largest are also re-solved, \
            saying which items' classes change without them.

            For an ID at a bound (an adopted or rejected principle, a judgment at ±1) the \
            sensitivities are 0: small changes leave it there. Its supporters are then the items \
            whose pull W_ID,i x_i holds it at the bound, strongest first; the --exact strongest \
            are re-solved without (one at a time and together), and for a supporter that itself \
            changed class the item whose revision drove it there is named and the problem \
            re-solved with that item held at its initial value (one step back along the chain).

            Exit codes: 0 converged, 1 the solver did not converge (an explanation is still \
            printed, labelled; --support needs an equilibrium), 2 bad input.
            """
    )

    @Argument(help: "The problem file (wre-problem/1 JSON, or a manifest of .npy matrices); - reads the JSON from standard input.")
    var file: String

    @Option(help: ArgumentHelp("Explain these items only (revised or not): comma-separated ids, and/or the option repeated.", valueName: "ids"))
    var item: [String] = []

    @Option(help: "List which items most support or undermine this item's equilibrium value.")
    var support: String?

    @OptionGroup var choice: SolverChoice

    @Option(parsing: .unconditional, help: "Converged means KKT residual ≤ this.")
    var tolerance: Double = 1e-9

    @OptionGroup var limits: SolveLimits

    @Option(parsing: .unconditional, help: "Pulls listed per item (explain), or items listed (--support).")
    var top: Int = 8

    @Option(parsing: .unconditional, help: "With --support: re-solve the problem without each of this many of the listed items (0: none); at a bound also without them together and one step back along the chain.")
    var exact: Int = 3

    @Flag(help: "Print the wre-explanation/1 (or, with --support, wre-attribution/1) JSON instead of the readable text.")
    var json = false

    @Option(help: "Write the output to this file instead of stdout.")
    var output: String?

    func validate() throws {
        try SolveLimits.validate(tolerance: tolerance)
        if !item.isEmpty && support != nil { throw ValidationError("--item and --support are exclusive: give one") }
        if !item.isEmpty && itemIDs.isEmpty { throw ValidationError("--item: give at least one id") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard exact >= 0 else { throw ValidationError("--exact must be at least 0") }
    }

    func run() throws {
        let input = try ProblemInput(file)
        try Console.refuseOverwriting([("--output", output)]) { try Console.inputFiles(input) }
        let problem = input.problem, file = input.name
        // Unknown ids are bad input before any solving.
        let known = Set(Group.allCases.flatMap { problem.items($0).ids })
        if let unknown = (itemIDs + [support].compactMap { $0 }).first(where: { !known.contains($0) }) {
            throw Console.fail(file, ExplanationError.unknownItem(unknown))
        }
        let progress = limits.progressPrinter()
        let options = SolverOptions(tolerance: tolerance, maxIterations: limits.maxIterations, timeLimit: limits.timeLimit,
                                    progress: progress?.handler)
        let result: Equilibrium
        do { result = try problem.solve(choice.solver, mode: choice.mode, options: options) } catch {
            progress?.finish()
            throw Console.fail(file, error)
        }
        progress?.finish()
        if let support {
            guard result.isEquilibrium else {
                Console.warn("wre: error: \(file): the \(result.solver.rawValue) solve ended \(result.status.rawValue) (KKT residual \(result.kktResidual) > \(result.tolerance)), not at an equilibrium: sensitivities are defined at an equilibrium only")
                throw Console.notConverged
            }
            let attribution: Attribution
            do { attribution = try problem.attribution(of: support, at: result, limit: top, exact: exact) } catch {
                throw Console.fail(file, error)
            }
            try emit(json ? String(decoding: attribution.jsonData(), as: UTF8.self) : attribution.report(source: file))
            return
        }
        var explanation: Explanation
        do {
            // One explanation per id asked for, their items in the order given.
            let ids: [String?] = itemIDs.isEmpty ? [nil] : itemIDs
            explanation = try problem.explain(result, item: ids[0], topPulls: top, revisionThreshold: options.revisionThreshold)
            for id in ids.dropFirst() {
                explanation.items += try problem.explain(result, item: id, topPulls: top, revisionThreshold: options.revisionThreshold).items
            }
        } catch { throw Console.fail(file, error) }
        try emit(json ? String(decoding: explanation.jsonData(), as: UTF8.self) : explanation.report(source: file))
        if !result.isEquilibrium {
            Console.warn("wre: warning: the solver did not converge (\(result.status.rawValue)): the explained state is NOT an equilibrium")
            throw Console.notConverged
        }
    }

    /// The ids of `--item`: every occurrence, split at commas, without blanks or repeats.
    var itemIDs: [String] {
        var seen = Set<String>()
        return item.flatMap(Bench.list).filter { seen.insert($0).inserted }
    }

    private func emit(_ text: String) throws {
        do { try Console.emit(text, to: output) } catch { throw Console.fail(output ?? "stdout", error) }
    }
}
