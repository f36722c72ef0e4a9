/// Escaping of text for XML and HTML (SVG elements, HTML text and attribute values).
///
/// Both escapes replace `&`, `<`, `>`, `"` and `'` by the five predefined XML entities, which
/// HTML5 also knows, so one escaped string is safe as element text and inside a quoted
/// attribute of either language. Characters that XML 1.0 forbids (C0 controls other than tab,
/// line feed and carriage return, lone surrogates cannot occur in a Swift `String`, U+FFFE and
/// U+FFFF) become U+FFFD, so an id with a stray control byte still gives a well-formed file.
enum XMLText {
    /// `text` with the markup characters replaced by entities.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0..<0x20: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
