/// One figure of a report: a title and caption, and an SVG drawing.
///
/// `svg` is a standalone file (XML declaration, the SVG namespace, a white background, a
/// generic font stack that renders without the web) for papers; `inlineSVG` is the same drawing
/// to embed in HTML. Both are deterministic: the same data give the same bytes.
public struct SVGFigure: Sendable {
    /// The file stem of the standalone SVG (`revisions` → `revisions.svg`).
    public var name: String
    /// The heading above the figure.
    public var title: String
    /// What the figure shows and how to read it (the HTML caption and the SVG `<desc>`).
    public var caption: String
    /// The drawing's size in CSS pixels.
    var width: Double
    var height: Double
    /// The drawing.
    var body: [SVGElement]

    /// Fonts tried in order: DejaVu and Liberation (Linux), Helvetica and Arial (elsewhere),
    /// then the viewer's generic sans-serif, so nothing is fetched.
    static let fontStack = "DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif"

    init(name: String, title: String, caption: String, width: Double, height: Double, body: [SVGElement]) {
        self.name = name
        self.title = title
        self.caption = caption
        self.width = width
        self.height = height
        self.body = body
    }

    /// The `<svg>` element; `standalone` adds the namespace (required in a file of its own).
    func root(standalone: Bool) -> SVGElement {
        let n = SVGElement.number
        var attributes: [(String, String)] = []
        if standalone { attributes.append(("xmlns", "http://www.w3.org/2000/svg")) }
        attributes += [("width", n(width)), ("height", n(height)), ("viewBox", "0 0 \(n(width)) \(n(height))"),
                       ("font-family", Self.fontStack), ("role", "img")]
        var svg = SVGElement("svg", attributes)
        svg.append(SVGElement("title", text: title))
        svg.append(SVGElement("desc", text: caption))
        svg.append(.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff"))
        svg.append(contentsOf: body)
        return svg
    }

    /// The standalone SVG file.
    public var svg: String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root(standalone: true).render() + "\n" }

    /// The drawing for an HTML page (no XML declaration, no namespace attribute).
    public var inlineSVG: String { root(standalone: false).render() }
}
