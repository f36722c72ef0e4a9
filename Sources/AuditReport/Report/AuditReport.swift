import Foundation

/// An audit report a reviewer can read (docs/audit.md): one self-contained HTML page (inline SVG
/// and CSS, no script, nothing fetched, printable) and its figures as standalone SVG files.
///
/// Build one with `AuditReport.solve(_:of:provenance:)`, `.comparison(_:of:provenance:)` or
/// `.consensus(_:provenance:)`, then `write(html:svgDirectory:)`. The same inputs (and
/// provenance) give the same bytes.
public struct AuditReport: Sendable {
    /// The page title.
    public var title: String
    /// The HTML page.
    public var html: String
    /// The figures, in page order (each also inline in `html`).
    public var figures: [SVGFigure]

    /// Writes the page to `html` and each figure to `svgDirectory/NAME.svg` (the directory is
    /// created if needed); either may be `nil`.
    /// - Throws: `AuditReportError.write` naming the file or directory.
    public func write(html url: URL?, svgDirectory: URL?) throws {
        if let url { try Self.write(Data(html.utf8), to: url) }
        guard let svgDirectory else { return }
        do {
            try FileManager.default.createDirectory(at: svgDirectory, withIntermediateDirectories: true)
        } catch {
            throw AuditReportError.write(path: svgDirectory.path, reason: Self.reason(error))
        }
        for figure in figures {
            try Self.write(Data(figure.svg.utf8), to: svgDirectory.appendingPathComponent(figure.name + ".svg"))
        }
    }

    static func write(_ data: Data, to url: URL) throws {
        do { try data.write(to: url) } catch { throw AuditReportError.write(path: url.path, reason: reason(error)) }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A file-name stem from a run label ("top-down/active-set" → "top-down-active-set").
    static func stem(_ label: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        let mapped = String(label.lowercased().map { allowed.contains($0) ? $0 : "-" })
        return mapped.split(separator: "-").joined(separator: "-")
    }
}
