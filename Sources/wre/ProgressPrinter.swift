import Foundation
import ReflectiveEquilibrium

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows a running solve on stderr (`SolverOptions.progress`): iterations, the solver's progress
/// measure (KKT residual, or projected-gradient's gradient mapping, or exhaustive's share of
/// corners) and the elapsed time.
///
/// On a terminal one line is redrawn in place (carriage return) as the library reports, at
/// most four times a second, and cleared by `finish()`; elsewhere (`--progress` with stderr
/// redirected) a full line is written at most once a second. The library makes its first report
/// after 0.25 s, so fast solves print nothing. `finish()` also writes one summary line (time and
/// peak resident memory) when anything was shown.
final class ProgressPrinter: @unchecked Sendable {
    /// Whether stderr is a terminal (lines are redrawn in place).
    let terminal: Bool
    /// Least seconds between two full lines when stderr is not a terminal.
    static let lineInterval = 1.0

    private let lock = NSLock()
    private var lastLine = -Double.infinity
    private var shown = false
    private var onScreen = false
    private let start = ContinuousClock.now

    init(terminal: Bool) { self.terminal = terminal }

    /// The printer for a `--progress`/`--no-progress` setting: forced on, forced off, or (nil)
    /// on exactly when stderr is a terminal.
    static func make(_ setting: Bool?) -> ProgressPrinter? {
        let terminal = isatty(STDERR_FILENO) == 1
        switch setting {
        case .some(false): return nil
        case .some(true): return ProgressPrinter(terminal: terminal)
        case .none: return terminal ? ProgressPrinter(terminal: true) : nil
        }
    }

    /// The handler to put in `SolverOptions.progress`.
    var handler: @Sendable (SolverProgress) -> Void { { [self] in self.show($0) } }

    /// Shows one report (throttled when stderr is not a terminal).
    func show(_ progress: SolverProgress) {
        lock.lock(); defer { lock.unlock() }
        if terminal {
            write("\r" + Self.line(progress) + "\u{1B}[K")
            onScreen = true
        } else {
            if progress.elapsedSeconds < lastLine { lastLine = -.infinity }  // the next solve (bench)
            guard progress.elapsedSeconds - lastLine >= Self.lineInterval else { return }
            lastLine = progress.elapsedSeconds
            write(Self.line(progress) + "\n")
        }
        shown = true
    }

    /// Clears the in-place line, so that other output on stderr starts at the left margin.
    func clear() {
        lock.lock(); defer { lock.unlock() }
        clearLine()
    }

    /// Ends the display before the result is printed: clears the in-place line, and when
    /// anything was shown writes the summary line (time since the printer was made, peak
    /// resident memory of the process).
    func finish() {
        lock.lock(); defer { lock.unlock() }
        clearLine()
        let d = ContinuousClock.now - start
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        if shown { write(Self.summary(seconds: seconds, peakMiB: MachineInfo.peakMemoryMiB) + "\n") }
    }

    /// One progress line, e.g.
    /// `wre: projected-gradient  iteration 1200 / 100000  gradient mapping 3.1e-06  12.4 s`.
    static func line(_ p: SolverProgress) -> String {
        let measure: String
        switch p.measureKind {
        case .kktResidual: measure = "KKT residual " + Report.sci(p.measure)
        case .scaledResidual: measure = "scaled residual " + Report.sci(p.measure)
        case .gradientMapping: measure = "gradient mapping " + Report.sci(p.measure)
        case .fractionSearched: measure = String(format: "%.1f %% of the corners", 100 * p.measure)
        }
        var parts = ["wre: \(p.solver.rawValue)", "iteration \(p.iteration) / \(p.iterationLimit)", measure]
        if let objective = p.objective { parts.append("objective " + String(format: "%.6g", objective)) }
        parts.append(String(format: "%.1f s", p.elapsedSeconds))
        return parts.joined(separator: "  ")
    }

    /// The closing line: `wre: solved in 12.40 s, peak resident memory 812 MiB`.
    static func summary(seconds: Double, peakMiB: Double) -> String {
        "wre: solved in " + Report.duration(seconds) + (peakMiB.isFinite ? ", peak resident memory \(Int(peakMiB.rounded())) MiB" : "")
    }

    private func clearLine() {
        if onScreen { write("\r\u{1B}[K") }
        onScreen = false
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
