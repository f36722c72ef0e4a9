import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The README and the design pages in `docs/` against the repository: every relative link
/// resolves to a file (and its anchor to a heading), the README's first problem file solves as
/// the README says, the examples marked in `docs/formats.md` parse, and no file cites a design
/// document the repository does not hold.
@Suite("README and docs")
struct ReadmeTests {
    /// The repository root (this file is `Tests/ReflectiveEquilibriumTests/ReadmeTests.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL

    /// `README.md` and every `docs/*.md`, relative to the root.
    static func markdownFiles() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        return ["README.md"] + docs
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("README.md and docs/ exist, and docs/ has the pages the README and the code cite")
    func pagesExist() throws {
        let files = try Self.markdownFiles()
        for page in ["docs/README.md", "docs/model.md", "docs/modes.md", "docs/results.md", "docs/formats.md", "docs/solvers.md"] {
            #expect(files.contains(page), "\(page) is missing")
        }
    }

    @Test("every relative link in README.md and docs/*.md resolves to a file in the repository, and its anchor to a heading")
    func relativeLinksResolve() throws {
        var checked = 0
        for file in try Self.markdownFiles() {
            let text = try Self.read(file)
            let directory = Self.root.appendingPathComponent(file).deletingLastPathComponent()
            for link in Markdown.links(in: text) {
                guard !Markdown.isExternal(link.target) else { continue }
                checked += 1
                let (path, anchor) = Markdown.split(link.target)
                let target = path.isEmpty ? Self.root.appendingPathComponent(file)
                    : directory.appendingPathComponent(path).standardizedFileURL
                let site = "\(file):\(link.line): [\(link.text)](\(link.target))"
                let inside = target.path.hasPrefix(Self.root.path + "/")
                #expect(inside, "\(site) leaves the repository")
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
                    Issue.record("\(site): no such file \(target.path)")
                    continue
                }
                guard let anchor else { continue }
                guard !isDirectory.boolValue, target.pathExtension == "md" else {
                    Issue.record("\(site): an anchor into a file that is not Markdown")
                    continue
                }
                let anchors = Markdown.anchors(in: try String(contentsOf: target, encoding: .utf8))
                let found = anchors.contains(anchor)
                #expect(found, "\(site): no heading with anchor '#\(anchor)' (has \(anchors.sorted()))")
            }
        }
        #expect(checked > 20, "the link scan found only \(checked) relative links")
    }

    @Test("the link scanner: code is skipped, anchors follow GitHub's rule")
    func scanner() {
        let text = """
        # Title: `wre-result/1` — done
        See [a](a.md#x) and `[not](a link)`, `Π_[l,u](x)` in code.

            [indented](code.md)

        ```sh
        # not a heading [nor](link.md)
        ```
        ## Title: `wre-result/1` — done
        [b](https://example.org) [c](#title-wre-result1--done-1)
        """
        #expect(Markdown.links(in: text).map(\.target) == ["a.md#x", "https://example.org", "#title-wre-result1--done-1"])
        #expect(Markdown.anchors(in: text) == ["title-wre-result1--done", "title-wre-result1--done-1"])
        #expect(Markdown.isExternal("https://example.org") && Markdown.isExternal("mailto:a@b.c") && !Markdown.isExternal("docs/x.md"))
    }

    /// The README's first problem file, with the outcome the README states.
    @Test("the README's first problem file parses and solves as the README says")
    func firstProblemFile() throws {
        let json = try #require(Markdown.codeBlock(after: "<!-- readme-test: first-problem -->", in: try Self.read("README.md")))
        let problem = try Problem(jsonData: Data(json.utf8))
        let (m, n, k) = problem.shape
        #expect(m == 3 && n == 2 && k == 1)
        let wide = try problem.solve()
        #expect(wide.isEquilibrium)
        #expect(wide.certificate.unique == true)
        #expect(wide.item("p2")?.class == .rejected)
        #expect(wide.item("p1")?.class == .adopted)
        #expect(wide.item("t1")?.class == .accepted)
        #expect(wide.item("j3")?.class == .weakened)
        #expect(abs(wide.value(of: "j3")! - 0.34) < 0.005 && abs(wide.value(of: "p2")! - 0.17) < 0.005)
        #expect(wide.revisions.count == 5)
        let topDown = try problem.solve(mode: .topDown)
        #expect(topDown.isEquilibrium)
        #expect(topDown.value(of: "p2") == 0.6)
        #expect(abs(topDown.value(of: "j2")! - 0.76) < 0.005 && abs(topDown.value(of: "j3")! - 0.84) < 0.005)
    }

    @Test("the examples marked in docs/formats.md parse; the changes apply to the README's first problem file")
    func formatExamples() throws {
        let formats = try Self.read("docs/formats.md")
        let problemJSON = try #require(Markdown.codeBlock(after: "<!-- docs-test: wre-problem -->", in: formats))
        let problem = try Problem(jsonData: Data(problemJSON.utf8))
        #expect(problem.shape.0 == 1 && problem.shape.1 == 1 && problem.shape.2 == 1)
        #expect(problem.relations.count == 2)
        #expect(try problem.solve().isEquilibrium)

        let changesJSON = try #require(Markdown.codeBlock(after: "<!-- docs-test: wre-changes -->", in: formats))
        let changes = try ProblemChanges(jsonData: Data(changesJSON.utf8))
        let firstJSON = try #require(Markdown.codeBlock(after: "<!-- readme-test: first-problem -->", in: try Self.read("README.md")))
        let first = try Problem(jsonData: Data(firstJSON.utf8))
        let changed = try first.applying(changes)
        #expect(changed.shape.0 == 4 && changed.shape.1 == 2 && changed.shape.2 == 1)
        #expect(try changed.solve().isEquilibrium)
    }

    @Test("no source, test, kernel, benchmark or documentation file cites a design document the repository lacks")
    func noCitationsOfAbsentDesign() throws {
        let needles = ["DESIGN" + " §", "DESIGN" + ".md"]
        let extensions: Set<String> = ["swift", "c", "h", "py", "sh", "md", "modulemap"]
        var offenders: [String] = []
        for folder in ["Sources", "Tests", "CSupport", "Benchmarks", "docs"] {
            let base = Self.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil,
                                                              options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker where extensions.contains(url.pathExtension) {
                let text = try String(contentsOf: url, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where needles.contains(where: { line.contains($0) }) {
                    offenders.append("\(url.path.dropFirst(Self.root.path.count + 1)):\(number + 1)")
                }
            }
        }
        let readme = try Self.read("README.md")
        if needles.contains(where: { readme.contains($0) }) { offenders.append("README.md") }
        #expect(offenders.isEmpty, "cite docs/*.md instead: \(offenders)")
    }
}

/// Just enough Markdown for the checks above: inline links outside code, and GitHub's heading anchors.
enum Markdown {
    struct Link: Equatable {
        var text: String
        var target: String
        var line: Int
    }

    /// The lines outside fenced code blocks, with their 1-based numbers; indented code blocks (four
    /// or more leading spaces) are left out too.
    static func prose(_ text: String) -> [(number: Int, line: String)] {
        var out: [(Int, String)] = []
        var fence: String? = nil
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                continue
            }
            if line.hasPrefix("    ") || line.hasPrefix("\t") { continue }
            out.append((i + 1, line))
        }
        return out
    }

    /// `line` without its inline code spans.
    static func strippingCode(_ line: String) -> String {
        line.replacingOccurrences(of: "(`+)[^`]*?\\1", with: "", options: .regularExpression)
    }

    /// Every inline link and image `[text](target)` outside code.
    static func links(in text: String) -> [Link] {
        let pattern = try! NSRegularExpression(pattern: #"\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)"#)
        var out: [Link] = []
        for (number, raw) in prose(text) {
            let line = strippingCode(raw)
            let range = NSRange(line.startIndex..., in: line)
            for match in pattern.matches(in: line, range: range) {
                out.append(Link(text: String(line[Range(match.range(at: 1), in: line)!]),
                                target: String(line[Range(match.range(at: 2), in: line)!]), line: number))
            }
        }
        return out
    }

    /// Whether a link target names a scheme (`https:`, `mailto:`) rather than a repository path.
    static func isExternal(_ target: String) -> Bool {
        guard let colon = target.firstIndex(of: ":") else { return false }
        return !target[..<colon].contains("/") && !target[..<colon].contains("#")
    }

    /// A target's path and anchor (`nil` when it has none).
    static func split(_ target: String) -> (path: String, anchor: String?) {
        guard let hash = target.firstIndex(of: "#") else { return (target, nil) }
        return (String(target[..<hash]), String(target[target.index(after: hash)...]))
    }

    /// The anchors GitHub gives the headings of `text`: the heading's text without Markdown code
    /// marks, lower-cased, with every character that is not a letter, digit, `-`, `_` or space
    /// dropped and spaces turned into `-`; repeats get `-1`, `-2`, ….
    static func anchors(in text: String) -> [String] {
        var seen: [String: Int] = [:]
        var out: [String] = []
        for (_, line) in prose(text) where line.hasPrefix("#") {
            let hashes = line.prefix { $0 == "#" }
            guard hashes.count <= 6, line.dropFirst(hashes.count).first == " " else { continue }
            var title = line.dropFirst(hashes.count).trimmingCharacters(in: .whitespaces)
            while title.hasSuffix("#") { title = String(title.dropLast()).trimmingCharacters(in: .whitespaces) }
            var slug = ""
            for c in title.lowercased() {
                if c == " " { slug.append("-") } else if c.isLetter || c.isNumber || c == "-" || c == "_" { slug.append(c) }
            }
            let repeats = seen[slug, default: 0]
            seen[slug] = repeats + 1
            out.append(repeats == 0 ? slug : "\(slug)-\(repeats)")
        }
        return out
    }

    /// The contents of the first fenced code block after the line `marker`.
    static func codeBlock(after marker: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == marker }),
              let open = lines[(start + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }),
              let close = lines[(open + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "```" })
        else { return nil }
        return lines[(open + 1)..<close].joined(separator: "\n")
    }
}
