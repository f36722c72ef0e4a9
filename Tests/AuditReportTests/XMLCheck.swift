import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup with Foundation's `XMLParser`, collecting element names and text, so tests
/// can check that an SVG or an HTML report is well-formed and read what it says.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    private(set) var text = ""
    private(set) var attributes: [[String: String]] = []
    private(set) var error: String?

    /// Parses `markup`; `error` is set when it is not well-formed.
    init(_ markup: String) {
        super.init()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = self
        if !parser.parse() && error == nil {
            error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" } ?? "unknown error"
        }
    }

    var isWellFormed: Bool { error == nil }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        self.attributes.append(attributes)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = "\(parseError) at line \(parser.lineNumber), column \(parser.columnNumber)"
    }
}
