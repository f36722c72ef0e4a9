import CWRE
import ReflectiveEquilibrium

extension wre_info {
    /// The summary of `result` the header's `wre_info` holds (docs/results.md): status, solver,
    /// mode, iterations, both residuals, the objective split, the certificate and the time.
    /// Unknown certificate fields are −1 (`convex`, `unique`) and NaN (margin, scale).
    init(_ result: Equilibrium) {
        self.init()
        CString.copy(result.status.rawValue, into: &status)
        CString.copy(result.solver.rawValue, into: &solver)
        CString.copy(result.mode.rawValue, into: &mode)
        CString.copy(result.certificate.method?.rawValue ?? "", into: &certificate_method)
        success = result.isEquilibrium ? 1 : 0
        iterations = Int64(result.iterations)
        kkt_residual = result.kktResidual
        scaled_residual = result.scaledResidual
        tolerance = result.tolerance
        objective_total = result.objective.total
        coherence = result.objective.coherence
        revision_cost = result.objective.revisionCost
        parsimony_cost = result.objective.parsimonyCost
        convex = Self.flag(result.certificate.convex)
        unique = Self.flag(result.certificate.unique)
        convexity_margin = result.certificate.convexityMargin ?? .nan
        certifying_scale = result.certificate.certifyingScale ?? .nan
        seconds = result.seconds
        revisions = Int64(result.revisions.count)
    }

    private static func flag(_ value: Bool?) -> Int32 { value.map { $0 ? 1 : 0 } ?? -1 }
}

extension CString {
    /// Copies `text` into a fixed C character array (a tuple), truncated to fit with its NUL.
    static func copy<Buffer>(_ text: String, into buffer: inout Buffer) {
        withUnsafeMutableBytes(of: &buffer) { copy(text, into: $0) }
    }
}
