import Foundation

/// A JSON document with object members in a fixed order, so that the same value always gives
/// the same bytes. Non-finite numbers are written as `null` (JSON has no NaN or infinity).
enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// `number` for a finite value, `null` otherwise; `null` for `nil`.
    static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// `bool`, or `null` for `nil`.
    static func bool(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }

    /// `string`, or `null` for `nil`.
    static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// UTF-8 text laid out as in docs/formats.md: one top-level member per line, each element of a
    /// top-level array on its own line, everything deeper on one line; a final newline.
    var prettyData: Data {
        var out = ""
        write(to: &out, layoutDepth: 0)
        out += "\n"
        return Data(out.utf8)
    }

    /// The value on one line (`{"a": 1, "b": [2, 3]}`).
    var compactText: String {
        var out = ""
        write(to: &out, layoutDepth: .max)
        return out
    }

    /// Writes the value; containers at `layoutDepth` 0 (objects) and 1 (arrays) are broken
    /// over lines, deeper ones are written inline.
    private func write(to out: inout String, layoutDepth depth: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .number(x): out += x.isFinite ? x.description : "null"
        case let .string(s): Self.writeString(s, to: &out)
        case let .array(elements):
            Self.writeContainer(elements, open: "[", close: "]", broken: depth <= 1, depth: depth, to: &out) { e, out in
                e.write(to: &out, layoutDepth: depth == .max ? .max : depth + 1)
            }
        case let .object(members):
            Self.writeContainer(members, open: "{", close: "}", broken: depth == 0, depth: depth, to: &out) { member, out in
                Self.writeString(member.0, to: &out)
                out += ": "
                member.1.write(to: &out, layoutDepth: depth == .max ? .max : depth + 1)
            }
        }
    }

    private static func writeContainer<T>(_ elements: [T], open: String, close: String, broken: Bool, depth: Int,
                                          to out: inout String, element: (T, inout String) -> Void) {
        out += open
        guard !elements.isEmpty else { out += close; return }
        let indent = String(repeating: "  ", count: broken ? depth + 1 : 0)
        for (i, e) in elements.enumerated() {
            if i > 0 { out += "," }
            out += broken ? "\n" + indent : (i > 0 ? " " : "")
            element(e, &out)
        }
        out += broken ? "\n" + String(repeating: "  ", count: depth) + close : close
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c }) else {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
