import Foundation
import Testing
@testable import ReflectiveEquilibrium

/// The `.npy` reader and writer against the NumPy format specification (versions 1.0–3.0).
/// Fixtures are built byte by byte here, as `numpy.save` / `numpy.lib.format.write_array`
/// lay them out, so the tests need no Python.
@Suite("NumPy .npy files")
struct NPYTests {
    /// A `.npy` file: magic, version, header length (u16 for 1.0, u32 for 2.0/3.0), header text
    /// padded with spaces and a newline to a multiple of 64 bytes, then `payload`.
    static func file(version: UInt8, header: String, payload: [UInt8], pad: Bool = true) -> Data {
        let lengthBytes = version == 1 ? 2 : 4
        var text = Array(header.utf8)
        if pad {
            while (6 + 2 + lengthBytes + text.count + 1) % 64 != 0 { text.append(0x20) }
        }
        text.append(0x0a)
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        out += (0..<lengthBytes).map { UInt8((text.count >> (8 * $0)) & 0xff) }
        return Data(out + text + payload)
    }

    /// Little-endian bytes of doubles.
    static func float64Bytes(_ values: [Double]) -> [UInt8] {
        values.flatMap { v in (0..<8).map { UInt8((v.bitPattern >> (8 * UInt64($0))) & 0xff) } }
    }

    /// Little-endian bytes of floats.
    static func float32Bytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { v in (0..<4).map { UInt8((v.bitPattern >> (8 * UInt32($0))) & 0xff) } }
    }

    /// Reproducible values of mixed magnitude and sign, including awkward ones.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        let special: [Double] = [0, -0.0, 1, -1, 0.1, 1e-300, -1e300, .pi, Double.leastNonzeroMagnitude]
        return (0..<count).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if i % 5 == 4 { return special[Int(state >> 60) % special.count] }
            return (Double(state >> 11) * 0x1p-53 - 0.5) * pow(10, Double(Int(state % 7)) - 3)
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("npy-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let shapes: [[Int]] = [[1, 1], [3, 7], [0, 4], [4, 0], [1, 9], [9, 1], [6], [2, 3, 2]]

    @Test("float64 round trip through a file is exact", arguments: shapes)
    func roundTripFloat64(shape: [Int]) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let array = NPYArray(shape: shape, values: Self.values(shape.reduce(1, *), seed: UInt64(shape.count * 31 + shape[0])))
        let url = dir.appendingPathComponent("a.npy")
        try array.write(to: url, dtype: .float64)
        let back = try NPYArray.read(from: url)
        #expect(back.shape == shape)
        #expect(back.dtype == .float64)
        #expect(back.values.map(\.bitPattern) == array.values.map(\.bitPattern))
    }

    @Test("float32 round trip equals the values rounded to Float", arguments: shapes)
    func roundTripFloat32(shape: [Int]) throws {
        let array = NPYArray(shape: shape, values: Self.values(shape.reduce(1, *), seed: 7))
        let data = array.data(dtype: .float32)
        let back = try NPYArray.read(data: data, name: "f.npy")
        #expect(back.shape == shape)
        #expect(back.dtype == .float32)
        #expect(back.values == array.values.map { Double(Float($0)) })
        #expect(data.count % 64 == (array.values.count * 4) % 64)
    }

    @Test("the writer's header is byte for byte NumPy's and aligns the data to 64 bytes", arguments: shapes)
    func headerMatchesNumPy(shape: [Int]) {
        let data = NPYArray(shape: shape, values: [Double](repeating: 0, count: shape.reduce(1, *))).data(dtype: .float64)
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect(Array(data.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        #expect((10 + headerLength) % 64 == 0)
        #expect(data.count == 10 + headerLength + 8 * shape.reduce(1, *))
        // numpy.save pads '{…}' + 21 − len(str(shape[0])) spaces, then aligns with spaces and '\n'.
        let tuple = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': \(tuple), }"
        let expected = Self.file(version: 1, header: dict + String(repeating: " ", count: 21 - String(shape[0]).count), payload: [])
        #expect(Array(data.prefix(10 + headerLength)) == Array(expected))
    }

    @Test("the (3, 7) float64 header has NumPy 2's length of 118 bytes")
    func numpyHeaderLength() {
        // From `numpy.save(io, numpy.zeros((3, 7)))` with NumPy 2.4: b"\x93NUMPY\x01\x00v\x00{'descr'…".
        let data = NPYArray(shape: [3, 7], values: [Double](repeating: 0, count: 21)).data(dtype: .float64)
        #expect(data[8] == 0x76 && data[9] == 0)
        #expect(data.count == 296)
    }

    @Test("versions 1.0, 2.0 and 3.0 with both dtypes read correctly", arguments: [UInt8(1), 2, 3])
    func readsAllVersions(version: UInt8) throws {
        let values: [Double] = [1, -2.5, 0.125, 3e-10, -0.0, 7]
        let f8 = Self.file(version: version, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                           payload: Self.float64Bytes(values))
        let a = try NPYArray.read(data: f8, name: "v.npy")
        #expect(a.shape == [2, 3] && a.dtype == .float64 && a.values == values)
        let floats: [Float] = [0.1, -1, 2.5, 1e-3]
        let f4 = Self.file(version: version, header: "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 1), }",
                           payload: Self.float32Bytes(floats))
        let b = try NPYArray.read(data: f4, name: "v.npy")
        #expect(b.shape == [4, 1] && b.dtype == .float32 && b.values == floats.map(Double.init))
    }

    @Test("headers in other spellings: key order, double quotes, no trailing comma, no padding, Python 2 longs, UTF-8")
    func headerVariants() throws {
        let payload = Self.float64Bytes([1, 2])
        let headers: [(UInt8, String, Bool)] = [
            (1, "{'shape': (1, 2), 'fortran_order': False, 'descr': '<f8'}", true),
            (1, "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (1, 2)}", false),
            (1, "{'descr':'<f8','fortran_order':False,'shape':(1L, 2L),}", true),
            (2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", true),
            (3, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }    ", true),
        ]
        for (version, header, pad) in headers {
            let a = try NPYArray.read(data: Self.file(version: version, header: header, payload: payload, pad: pad), name: "h.npy")
            #expect(a.values == [1, 2], "\(header)")
            #expect(a.shape.reduce(1, *) == 2, "\(header)")
        }
    }

    /// Checks that decoding `data` throws an `NPYError` whose message contains every fragment.
    static func expectFailure(_ data: Data, name: String = "bad.npy", _ fragments: String...,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try NPYArray.read(data: data, name: name)
            Issue.record("expected an error mentioning \(fragments)", sourceLocation: sourceLocation)
        } catch let error as NPYError {
            let message = String(describing: error)
            for fragment in fragments + [name] {
                #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        }
    }

    static let goodHeader = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }"
    static let goodPayload = float64Bytes([1, 2, 3, 4])

    @Test("bad magic, versions, truncated headers")
    func badPreamble() {
        let good = Self.file(version: 1, header: Self.goodHeader, payload: Self.goodPayload)
        var magic = good
        magic[1] = UInt8(ascii: "X")
        Self.expectFailure(magic, "\\x93NUMPY")
        Self.expectFailure(Data("PK\u{3}\u{4}".utf8), "not a NumPy")
        Self.expectFailure(Data(), "not a NumPy")
        Self.expectFailure(Self.file(version: 4, header: Self.goodHeader, payload: Self.goodPayload), "version 4.0")
        var minor = good
        minor[7] = 1
        Self.expectFailure(minor, "version 1.1")
        Self.expectFailure(good.prefix(9), "header")
        Self.expectFailure(good.prefix(40), "ends inside its header")
    }

    @Test("unsupported dtypes are named", arguments: [">f8", ">i8", ">u2", "<f2", "<c16", "<b1", "|S8"])
    func unsupportedDType(descr: String) {
        let header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (2, 2), }"
        Self.expectFailure(Self.file(version: 1, header: header, payload: Self.goodPayload), name: "A.npy",
                           "dtype '\(descr)' is not supported", "'<f8' or '<f4'")
    }

    @Test("integer and boolean arrays read widened to Double, at every item size")
    func integerArrays() throws {
        func file(_ descr: String, _ bytes: [UInt8]) -> Data {
            Self.file(version: 1, header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': (2,), }", payload: bytes)
        }
        let cases: [(String, [UInt8], [Double])] = [
            ("|i1", [0xff, 0x01], [-1, 1]), ("<i1", [0x80, 0x7f], [-128, 127]), ("|u1", [0xff, 0x00], [255, 0]),
            ("|b1", [0x01, 0x00], [1, 0]), ("<i2", [0xfe, 0xff, 0x02, 0x00], [-2, 2]), ("<u2", [0xff, 0xff, 0, 1], [65535, 256]),
            ("<i4", [0xff, 0xff, 0xff, 0xff, 5, 0, 0, 0], [-1, 5]), ("<u4", [0, 0, 0, 0x80, 1, 0, 0, 0], [2147483648, 1]),
            ("<i8", [0xfd] + [UInt8](repeating: 0xff, count: 7) + [7] + [UInt8](repeating: 0, count: 7), [-3, 7]),
            ("<u8", [9] + [UInt8](repeating: 0, count: 7) + [0, 0, 0, 0, 0, 0, 0, 0x01], [9, 72057594037927936]),
        ]
        for (descr, bytes, values) in cases {
            let array = try NPYArray.read(data: file(descr, bytes), name: "x.npy")
            #expect(array.shape == [2] && array.values == values, "\(descr)")
        }
        // The wrong payload size for the item size is still caught.
        Self.expectFailure(file("<i4", [1, 0, 0, 0]), "truncated")
    }

    @Test("Fortran order, malformed headers and wrong data sizes")
    func badHeaderAndData() {
        Self.expectFailure(Self.file(version: 1, header: "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }",
                                     payload: Self.goodPayload), "Fortran order")
        for header in ["{'descr': '<f8', 'shape': (2, 2), }", "{'descr': '<f8', 'fortran_order': False, 'shape': [2, 2]}",
                       "{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 2)}", "('<f8', False, (2, 2))",
                       "{'descr': '<f8', 'fortran_order': False, 'shape': (2, -2)}",
                       "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), 'extra': 1}",
                       "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,)}",
                       "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)} trailing"] {
            Self.expectFailure(Self.file(version: 1, header: header, payload: Self.goodPayload), "malformed header")
        }
        let truncated = Self.file(version: 1, header: Self.goodHeader, payload: Array(Self.goodPayload.dropLast(3)))
        Self.expectFailure(truncated, name: "j.npy", "truncated", "(2, 2)", "32 bytes", "found 29")
        let extra = Self.file(version: 2, header: Self.goodHeader, payload: Self.goodPayload + [0])
        Self.expectFailure(extra, "extra bytes", "found 33")
        let huge = Self.file(version: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 9), }",
                             payload: Self.goodPayload)
        Self.expectFailure(huge, "truncated")
    }

    @Test("a missing file is an error that names it")
    func missingFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try NPYArray.read(from: dir.appendingPathComponent("nowhere.npy"))
        } throws: { error in
            String(describing: error).contains("nowhere.npy") && String(describing: error).contains("no such file")
        }
    }

    @Test("matrix conversion needs two dimensions and keeps C order")
    func matrixConversion() throws {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        let array = NPYArray(m)
        #expect(array.shape == [2, 3] && array.values == [1, 2, 3, 4, 5, 6])
        #expect(try array.matrix(file: "m.npy") == m)
        #expect(throws: NPYError.dimensions(file: "v.npy", expected: 2, shape: [6])) {
            _ = try NPYArray(shape: [6], values: array.values).matrix(file: "v.npy")
        }
        let columns = NPYArray(rows: 2, columns: [[1, 2], [3, 4], [5, 6]])
        #expect(columns.shape == [2, 3] && columns.values == [1, 3, 5, 2, 4, 6])
    }
}
