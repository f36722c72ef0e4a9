import Foundation
import Testing
@testable import AuditReport
import ReflectiveEquilibrium

/// The SVG writer: escaping, numbers, scales and ticks, the palette's greyscale order.
@Suite("SVG writer")
struct SVGWriterTests {
    @Test("text and attributes escape < & \" ' > and replace characters XML forbids")
    func escaping() {
        #expect(XMLText.escape("a<b&c\"d'e>f") == "a&lt;b&amp;c&quot;d&apos;e&gt;f")
        #expect(XMLText.escape("tab\tok\u{1}bad") == "tab\tok\u{FFFD}bad")
        let element = SVGElement("text", [("data-id", "<&\"'>")], text: "x < y & \"z\"")
        #expect(element.render() == "<text data-id=\"&lt;&amp;&quot;&apos;&gt;\">x &lt; y &amp; &quot;z&quot;</text>")
        let check = XMLCheck("<svg>" + element.render() + SVGElement("g", [("id", "\u{7}")]).render() + "</svg>")
        #expect(check.isWellFormed, "\(check.error ?? "")")
        #expect(check.text == "x < y & \"z\"")
        #expect(check.attributes[1]["data-id"] == "<&\"'>")
    }

    @Test("numbers: at most two decimals, no -0, no exponent")
    func numbers() {
        #expect(SVGElement.number(12) == "12")
        #expect(SVGElement.number(3.5) == "3.5")
        #expect(SVGElement.number(-0.25) == "-0.25")
        #expect(SVGElement.number(-0.001) == "0")
        #expect(SVGElement.number(0.05) == "0.05")
        #expect(SVGElement.number(1e-7) == "0")
        #expect(SVGElement.number(123456.789) == "123456.79")
        #expect(SVGElement.number(.nan) == "0")
        #expect(NumberText.fixed(-0.0001, 2) == "0.00")
        #expect(NumberText.fixed(-0.46, 2) == "−0.46")
        #expect(NumberText.signed(0.4) == "+0.40")
        #expect(NumberText.scientific(4.4e-16) == "4.4e−16")
    }

    @Test("linear ticks are round and inside the domain; log ticks are decades")
    func ticks() {
        let s = Scale.linear(-1, 1, to: (0, 100))
        #expect(s.ticks(4) == [-1, -0.5, 0, 0.5, 1])
        #expect(s(0) == 50)
        let t = Scale.linear(1.52, 3.31, to: (0, 1)).ticks(4)
        #expect(t == [2, 2.5, 3])
        #expect(Scale.linear(0, 7, to: (0, 1)).ticks(3) == [0, 2, 4, 6])
        let log = Scale.log(8.1e-10, 0.5, to: (100, 0))
        #expect(log.domain.lower == 1e-10 && log.domain.upper == 1)
        #expect(log.ticks(4) == [1e-10, 1e-7, 1e-4, 1e-1])
        #expect(log.label(1e-7, ticks: log.ticks(4)) == "10⁻⁷")
        #expect(abs(log(1e-5) - 50) < 1e-9)
        #expect(Scale.linear(0, 1, to: (0, 1)).label(0.5, ticks: [0, 0.5, 1]) == "0.5")
    }

    /// Relative luminance (WCAG) of `#rrggbb`: what a greyscale print keeps.
    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        func channel(_ i: Int) -> Double {
            let v = Double(Int(String(digits[i..<(i + 2)]), radix: 16)!) / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    @Test("class colours get lighter from kept to reversed in every group, with clear steps (greyscale print)")
    func greyscaleOrder() {
        for group in Group.allCases {
            let ramp = Palette.ramp(group).map(Self.luminance)
            for i in 1..<ramp.count { #expect(ramp[i] > ramp[i - 1] + 0.12, "\(group) level \(i)") }
            // Classes map onto increasing levels in report order, kept first.
            let levels = ItemClass.classes(of: group).map(Palette.level)
            #expect(levels == levels.sorted() && Set(levels).count == levels.count)
        }
        // Same class level reads the same grey across groups (within a small band).
        for level in 0..<4 {
            let values = Group.allCases.map { Self.luminance(Palette.ramp($0)[level]) }
            #expect((values.max()! - values.min()!) < 0.12, "level \(level)")
        }
        let shares = stride(from: 0.0, through: 1.0, by: 0.1).map { Self.luminance(Palette.share($0)) }
        for i in 1..<shares.count { #expect(shares[i] < shares[i - 1], "share ramp darkens with the share") }
    }

    @Test("a figure is a well-formed standalone SVG with namespace, size, title and a generic font family")
    func standalone() {
        let figure = SVGFigure(name: "t", title: "A <title>", caption: "cap & tion", width: 100, height: 50,
                               body: [.text("ünïcode ≥ 1", x: 1, y: 2)])
        let check = XMLCheck(figure.svg)
        #expect(check.isWellFormed, "\(check.error ?? "")")
        #expect(check.elements.first == "svg")
        #expect(check.attributes.first?["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(check.attributes.first?["font-family"]?.hasSuffix("sans-serif") == true)
        #expect(check.text.contains("A <title>") && check.text.contains("cap & tion"))
        #expect(!figure.inlineSVG.contains("xmlns") && !figure.inlineSVG.contains("<?xml"))
        #expect(XMLCheck(figure.inlineSVG).isWellFormed)
    }

    @Test("a legend wraps its entries to the width")
    func legendWraps() {
        let legend = Legend(entries: (0..<12).map { (.box(fill: "#000000"), "entry number \($0)") })
        let (_, narrow) = legend.render(x: 0, y: 0, width: 200)
        let (_, wide) = legend.render(x: 0, y: 0, width: 2000)
        #expect(narrow > 3 * wide)
    }
}

/// Which revisions a figure shows when it cannot show them all.
@Suite("Revision selection")
struct RevisionSelectionTests {
    @Test("the largest, with a floor per group, in input order")
    func floor() {
        let groups: [Group] = Array(repeating: .judgment, count: 30) + [.principle, .judgment, .principle, .theory, .principle]
        let chosen = RevisionSelection.largest(groups, count: 10, floor: 2)
        #expect(chosen.count == 10)
        #expect(chosen == chosen.sorted())
        #expect(chosen.filter { groups[$0] == .principle } == [30, 32])
        #expect(chosen.filter { groups[$0] == .theory } == [33])
        #expect(chosen.filter { groups[$0] == .judgment } == Array(0..<7))
        #expect(RevisionSelection.largest(groups, count: 100, floor: 2) == Array(groups.indices))
    }

    @Test("nice domains end on ticks")
    func nice() {
        let s = Scale.linear(0, 2.1, to: (0, 1)).nice()
        #expect(s.domain.lower == 0 && s.domain.upper == 2.5)
        #expect(Scale.linear(0, 169, to: (0, 1)).nice(3).domain.upper == 200)
    }
}
