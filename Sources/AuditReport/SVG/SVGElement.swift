/// One SVG element: a name, attributes in the order given, and children (elements or text).
///
/// Rendering escapes every attribute value and text, so ids and statements from a problem file
/// can be put into a figure as they are. Numbers are written with at most two decimals
/// (`SVGElement.number`), which keeps files small and byte-identical across runs.
struct SVGElement: Sendable, Equatable {
    /// A child: an element or a run of text.
    enum Node: Sendable, Equatable {
        case element(SVGElement)
        case text(String)
    }

    var name: String
    var attributes: [(String, String)]
    var children: [Node]

    init(_ name: String, _ attributes: [(String, String)] = [], children: [Node] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element holding `text` only.
    init(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    static func == (a: SVGElement, b: SVGElement) -> Bool {
        a.name == b.name && a.children == b.children && a.attributes.elementsEqual(b.attributes, by: { $0 == $1 })
    }

    /// Appends `element` as the last child.
    mutating func append(_ element: SVGElement) { children.append(.element(element)) }

    /// Appends `elements` as the last children.
    mutating func append(contentsOf elements: [SVGElement]) { children += elements.map { .element($0) } }

    /// The element as markup.
    func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        out += "<" + name
        for (key, value) in attributes { out += " " + key + "=\"" + XMLText.escape(value) + "\"" }
        guard !children.isEmpty else { out += "/>"; return }
        out += ">"
        for child in children {
            switch child {
            case let .element(e): e.render(into: &out)
            case let .text(t): out += XMLText.escape(t)
            }
        }
        out += "</" + name + ">"
    }

    /// `x` with at most two decimals and no trailing zeros ("12", "3.5", "-0.25"); NaN and
    /// infinities (which no coordinate should be) as 0.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = (x * 100).rounded()
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = Int64(abs(hundredths))
        var text = String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return negative ? "-" + text : text
    }
}

extension SVGElement {
    /// A group `<g>` of `children`, with optional attributes.
    static func group(_ children: [SVGElement], _ attributes: [(String, String)] = []) -> SVGElement {
        SVGElement("g", attributes, children: children.map { .element($0) })
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                     stroke: String? = nil, extra: [(String, String)] = []) -> SVGElement {
        var attributes = [("x", number(x)), ("y", number(y)), ("width", number(max(width, 0))),
                          ("height", number(max(height, 0))), ("fill", fill)]
        if let stroke { attributes.append(("stroke", stroke)) }
        return SVGElement("rect", attributes + extra)
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                     width: Double = 1, extra: [(String, String)] = []) -> SVGElement {
        SVGElement("line", [("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)), ("y2", number(y2)),
                            ("stroke", stroke), ("stroke-width", number(width))] + extra)
    }

    /// Text at `(x, y)` (the baseline); `anchor` is `start`, `middle` or `end`.
    static func text(_ content: String, x: Double, y: Double, size: Double = 11, anchor: String = "start",
                     weight: String? = nil, fill: String = Palette.ink, extra: [(String, String)] = []) -> SVGElement {
        var attributes = [("x", number(x)), ("y", number(y)), ("font-size", number(size))]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if let weight { attributes.append(("font-weight", weight)) }
        if fill != Palette.ink { attributes.append(("fill", fill)) }
        return SVGElement("text", attributes + extra, text: content)
    }

    /// A polyline through `points` (no fill).
    static func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5,
                         extra: [(String, String)] = []) -> SVGElement {
        let list = points.map { number($0.0) + "," + number($0.1) }.joined(separator: " ")
        return SVGElement("polyline", [("points", list), ("fill", "none"), ("stroke", stroke),
                                       ("stroke-width", number(width))] + extra)
    }

    /// A tooltip (`<title>`) child, shown by viewers on hover and read by screen readers.
    static func title(_ text: String) -> SVGElement { SVGElement("title", text: text) }
}
