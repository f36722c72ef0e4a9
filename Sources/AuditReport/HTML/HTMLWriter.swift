/// A small writer of HTML that is also well-formed XML: every element is closed, every
/// attribute quoted, every text escaped (`XMLText.escape`), and only the five XML entities
/// are used, so a report can be checked with an XML parser. No script, no external resource.
struct HTMLWriter {
    private(set) var text = ""

    /// Elements HTML writes without content, closed as `<br/>`.
    static let void: Set<String> = ["meta", "br", "hr", "col"]

    /// Opens `tag`.
    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        text += "<" + tag
        for (key, value) in attributes { text += " " + key + "=\"" + XMLText.escape(value) + "\"" }
        text += Self.void.contains(tag) ? "/>" : ">"
    }

    /// Closes `tag`.
    mutating func close(_ tag: String) { text += "</" + tag + ">" }

    /// `<tag attributes>escaped content</tag>`.
    mutating func element(_ tag: String, _ attributes: [(String, String)] = [], _ content: String) {
        open(tag, attributes)
        text += XMLText.escape(content)
        close(tag)
    }

    /// Escaped text.
    mutating func write(_ content: String) { text += XMLText.escape(content) }

    /// Markup as it is (an inline SVG from `SVGFigure`, which escapes its own text).
    mutating func raw(_ markup: String) { text += markup }

    /// A line break in the source, for readable files.
    mutating func newline() { text += "\n" }

    /// A table with a header row; `numeric` columns are right-aligned; each cell is escaped.
    mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], caption: String? = nil,
                        rowClasses: [String?]? = nil) {
        open("table")
        if let caption { element("caption", [], caption) }
        open("thead"); open("tr")
        for (c, cell) in header.enumerated() { element("th", numeric.contains(c) ? [("class", "num")] : [], cell) }
        close("tr"); close("thead")
        open("tbody")
        for (r, row) in rows.enumerated() {
            let rowClass = rowClasses.flatMap { r < $0.count ? $0[r] : nil }
            open("tr", rowClass.map { [("class", $0)] } ?? [])
            for (c, cell) in row.enumerated() { element("td", numeric.contains(c) ? [("class", "num")] : [], cell) }
            close("tr")
            newline()
        }
        close("tbody")
        close("table")
        newline()
    }

    /// A two-column table of label–value pairs.
    mutating func fields(_ rows: [(String, String)], rowClasses: [String?]? = nil) {
        open("table", [("class", "fields")])
        open("tbody")
        for (r, (label, value)) in rows.enumerated() {
            let rowClass = rowClasses.flatMap { r < $0.count ? $0[r] : nil }
            open("tr", rowClass.map { [("class", $0)] } ?? [])
            element("th", [("scope", "row")], label)
            element("td", [], value)
            close("tr")
            newline()
        }
        close("tbody")
        close("table")
        newline()
    }

    /// A figure: its heading, the inline drawing and the caption.
    mutating func figure(_ figure: SVGFigure) {
        open("figure", [("id", "figure-" + figure.name)])
        open("div", [("class", "drawing")])
        raw(figure.inlineSVG)
        close("div")
        element("figcaption", [], figure.caption + " (Standalone file: \(figure.name).svg.)")
        close("figure")
        newline()
    }

    /// A whole document: doctype, head with the title and the inline style sheet, and `body`.
    static func document(title: String, style: String, body: String) -> String {
        var w = HTMLWriter()
        w.raw("<!DOCTYPE html>\n")
        w.open("html", [("lang", "en")])
        w.open("head")
        w.open("meta", [("charset", "utf-8")])
        w.open("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        w.element("title", [], title)
        w.open("style")
        w.raw(style)
        w.close("style")
        w.close("head")
        w.newline()
        w.open("body")
        w.open("main")
        w.raw(body)
        w.close("main")
        w.close("body")
        w.close("html")
        w.newline()
        return w.text
    }
}
