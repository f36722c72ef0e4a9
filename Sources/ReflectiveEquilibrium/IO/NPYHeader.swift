/// The header dictionary of a `.npy` file, e.g.
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 7), }`.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// The six magic bytes every `.npy` file starts with.
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// NumPy aligns the start of the data to this many bytes.
    static let alignment = 64
    /// NumPy leaves room for this many digits of the first axis so the header can grow in place.
    static let growthDigits = 21

    /// The Python `repr` of a shape tuple: `()`, `(5,)`, `(3, 7)`.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// The dictionary text exactly as NumPy's `format.write_array` renders it, including the
    /// spare spaces for growth (without the final alignment padding and newline).
    var text: String {
        var s = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(Self.shapeText(shape)), }"
        if let first = shape.first { s += String(repeating: " ", count: max(0, Self.growthDigits - String(first).count)) }
        return s
    }

    /// A version 1.0 preamble and header, padded with spaces and a newline so the data starts at
    /// a multiple of 64 bytes, as NumPy writes it.
    var encodedVersion1: [UInt8] {
        let body = Array(text.utf8)
        let prefix = Self.magic.count + 2 + 2
        let padding = Self.alignment - (prefix + body.count + 1) % Self.alignment
        let length = body.count + padding + 1
        precondition(length <= Int(UInt16.max), "header too long for .npy version 1.0")
        return Self.magic + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)]
            + body + [UInt8](repeating: 0x20, count: padding) + [0x0a]
    }
}

extension NPYHeader {
    /// Parses the header dictionary (a Python literal with the keys `descr`, `fortran_order` and
    /// `shape`); `file` names the file in errors.
    init(parsing bytes: some Collection<UInt8>, file: String) throws {
        var parser = NPYHeaderParser(bytes: Array(bytes), file: file)
        let entries = try parser.dictionary()
        func fail(_ reason: String) -> NPYError { .malformedHeader(file: file, reason: reason) }
        let expected: Set<String> = ["descr", "fortran_order", "shape"]
        if let extra = entries.keys.sorted().first(where: { !expected.contains($0) }) { throw fail("unexpected key '\(extra)'") }
        guard case let .string(descr)? = entries["descr"] else { throw fail("'descr' is missing or not a string") }
        guard case let .bool(fortran)? = entries["fortran_order"] else { throw fail("'fortran_order' is missing or not True/False") }
        guard case let .tuple(shape)? = entries["shape"] else { throw fail("'shape' is missing or not a tuple of integers") }
        self.init(descr: descr, fortranOrder: fortran, shape: shape)
    }
}

/// A recursive-descent parser for the small Python literal subset NumPy writes in headers:
/// a dictionary of quoted-string keys whose values are strings, `True`/`False` or tuples of
/// non-negative integers.
struct NPYHeaderParser {
    enum Value: Equatable { case string(String), bool(Bool), tuple([Int]) }

    let bytes: [UInt8]
    let file: String
    var position = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private func fail(_ reason: String) -> NPYError {
        .malformedHeader(file: file, reason: "\(reason) at character \(position)")
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d { position += 1 }
    }

    /// Skips space, then consumes `byte` if it is next.
    private mutating func accept(_ byte: Character) -> Bool {
        skipSpace()
        guard current == byte.asciiValue else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ byte: Character) throws {
        guard accept(byte) else { throw fail("expected '\(byte)'") }
    }

    mutating func dictionary() throws -> [String: Value] {
        try expect("{")
        var out: [String: Value] = [:]
        while !accept("}") {
            let key = try string()
            try expect(":")
            guard out.updateValue(try value(), forKey: key) == nil else { throw fail("key '\(key)' repeated") }
            if !accept(",") { try expect("}"); break }
        }
        skipSpace()
        guard position == bytes.count else { throw fail("unexpected text after the dictionary") }
        return out
    }

    private mutating func string() throws -> String {
        skipSpace()
        guard let quote = current, quote == 0x27 || quote == 0x22 else { throw fail("expected a quoted string") }
        let start = position + 1
        guard let end = bytes[start...].firstIndex(of: quote) else { throw fail("unterminated string") }
        position = end + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func value() throws -> Value {
        skipSpace()
        if current == 0x27 || current == 0x22 { return .string(try string()) }
        if accept("(") {
            var items: [Int] = []
            while !accept(")") {
                items.append(try integer())
                if !accept(",") { try expect(")"); break }
            }
            return .tuple(items)
        }
        for (word, flag) in [("True", true), ("False", false)] where bytes[position...].starts(with: word.utf8) {
            position += word.utf8.count
            return .bool(flag)
        }
        throw fail("expected a string, True, False or a tuple")
    }

    private mutating func integer() throws -> Int {
        skipSpace()
        let start = position
        while let c = current, (0x30...0x39).contains(c) { position += 1 }
        guard position > start, let n = Int(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            throw fail("expected a non-negative integer")
        }
        if current == UInt8(ascii: "L") { position += 1 }  // Python 2 long suffix in old files
        return n
    }
}
