/// A strict JSON (RFC 8259) parser into `JSONValue`.
///
/// Foundation's `JSONSerialization` on Linux rounds some 17-digit numbers wrongly, which would
/// break exact round trips of problem files, and `JSONDecoder` reports syntax errors without a
/// position; this parser reads every number correctly rounded, reports the line and column of
/// a syntax error, and names `NaN`/`Infinity` (which JSON cannot express) when it meets them.
struct JSONParser {
    /// A syntax error with its 1-based line and column.
    struct SyntaxError: Error, CustomStringConvertible {
        var message: String
        var line: Int
        var column: Int
        var description: String { "line \(line), column \(column): \(message)" }
    }

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    private static let maximumDepth = 512
    private static let nonFiniteMessage = "NaN and Infinity are not finite numbers (JSON cannot express them)"

    /// Parses a complete document (an optional UTF-8 byte order mark, one value, white space).
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        if bytes.starts(with: [0xef, 0xbb, 0xbf]) { parser.position = 3 }
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ message: String) -> SyntaxError {
        let before = bytes[..<min(position, bytes.count)]
        let line = before.reduce(1) { $1 == 0x0a ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0a).map { $0 + 1 } ?? 0
        return SyntaxError(message: message, line: line, column: position - lineStart + 1)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 { position += 1 }
    }

    private mutating func consume(_ c: UInt8) -> Bool {
        skipSpace()
        guard current == c else { return false }
        position += 1
        return true
    }

    private mutating func value() throws(SyntaxError) -> JSONValue {
        skipSpace()
        guard let c = current else { throw error("unexpected end of the document") }
        switch c {
        case UInt8(ascii: "{"): return try container(close: UInt8(ascii: "}")) { (p: inout JSONParser) throws(SyntaxError) in
                p.skipSpace()
                guard p.current == UInt8(ascii: "\"") else { throw p.error("expected a quoted field name") }
                let key = try p.string()
                guard p.consume(UInt8(ascii: ":")) else { throw p.error("expected ':' after a field name") }
                return (key, try p.value())
            }.objectValue
        case UInt8(ascii: "["): return try container(close: UInt8(ascii: "]")) { (p: inout JSONParser) throws(SyntaxError) in
                ("", try p.value())
            }.arrayValue
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default:
            for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)]
            where bytes[position...].starts(with: word.utf8) {
                position += word.utf8.count
                return value
            }
            if bytes[position...].starts(with: "NaN".utf8) || bytes[position...].starts(with: "Infinity".utf8) {
                throw error(Self.nonFiniteMessage)
            }
            throw error("unexpected character '\(Unicode.Scalar(c))'")
        }
    }

    /// The members of an object or elements of an array, up to `close`.
    private mutating func container(close: UInt8, member: (inout JSONParser) throws(SyntaxError) -> (String, JSONValue))
        throws(SyntaxError) -> [(String, JSONValue)] {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        var members: [(String, JSONValue)] = []
        if consume(close) { return members }
        repeat {
            members.append(try member(&self))
        } while consume(UInt8(ascii: ","))
        guard consume(close) else { throw error("expected ',' or '\(Unicode.Scalar(close))'") }
        return members
    }

    private mutating func number() throws(SyntaxError) -> JSONValue {
        let start = position
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.position
            while let c = p.current, (0x30...0x39).contains(c) { p.position += 1 }
            return p.position - s
        }
        if current == UInt8(ascii: "-") {
            position += 1
            if bytes[position...].starts(with: "Infinity".utf8) {
                throw error(Self.nonFiniteMessage)
            }
        }
        let integerStart = position
        guard digits(&self) > 0 else { throw error("expected a digit") }
        if bytes[integerStart] == 0x30 && position - integerStart > 1 { throw error("leading zeros are not allowed") }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw error("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
        }
        // Swift's conversion is correctly rounded; an overflow gives ±infinity, reported by the reader.
        return .number(Double(String(decoding: bytes[start..<position], as: UTF8.self)) ?? .nan)
    }

    private mutating func string() throws(SyntaxError) -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("unterminated string") }
            position += 1
            switch c {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &out)
            case 0..<0x20: position -= 1; throw error("control character in a string (escape it)")
            default: out.append(c)
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(SyntaxError) {
        guard let c = current else { throw error("unterminated string") }
        position += 1
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09]
        if let s = simple[c] { out.append(s); return }
        guard c == UInt8(ascii: "u") else { position -= 1; throw error("invalid escape '\\\(Unicode.Scalar(c))'") }
        var code = try hex4()
        if (0xd800..<0xdc00).contains(code), bytes[position...].starts(with: "\\u".utf8) {
            position += 2
            let low = try hex4()
            guard (0xdc00..<0xe000).contains(low) else { throw error("invalid surrogate pair") }
            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("invalid Unicode escape") }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let digit = Character(Unicode.Scalar(c)).hexDigitValue else {
                throw error("expected four hex digits after \\u")
            }
            v = v << 4 | UInt32(digit)
            position += 1
        }
        return v
    }
}

private extension Array where Element == (String, JSONValue) {
    var objectValue: JSONValue { .object(self) }
    var arrayValue: JSONValue { .array(map(\.1)) }
}
