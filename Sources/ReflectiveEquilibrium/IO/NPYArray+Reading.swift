import Foundation

extension NPYArray {
    /// Reads a `.npy` file (format 1.0, 2.0 or 3.0; `<f8` or `<f4`, or an integer or boolean
    /// type widened to `Double`, see `NPYElement`; C order). Errors name the file by its last
    /// path component.
    static func read(from url: URL) throws -> NPYArray {
        try read(from: url, name: url.lastPathComponent)
    }

    /// Reads a `.npy` file; errors name it `name` (e.g. the path as written in a manifest).
    static func read(from url: URL, name: String) throws -> NPYArray {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw NPYError.unreadable(file: name, reason: "no such file: \(url.path)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw NPYError.unreadable(file: name, reason: FileFailure.reason(error, url: url))
        }
        return try read(data: data, name: name)
    }

    /// Decodes the bytes of a `.npy` file; errors name it `name`. Checks as `layout(_:name:)`.
    static func read(data: Data, name: String) throws -> NPYArray {
        try data.withUnsafeBytes { raw in try decode(raw, name: name) }
    }

    /// Where the elements of a `.npy` file lie: its header, element type and the byte offset
    /// of the data, after every check of `read(data:name:)`.
    struct Layout {
        var shape: [Int], descr: String, itemSize: Int, dataStart: Int, count: Int
        /// The element type (`nil` for a type outside `NPYElement` that `layout(_:name:types:)` was given).
        var element: NPYElement? { NPYElement(descr: descr) }
    }

    /// The header of a `.npy` file whose first bytes are `raw` (the data need not follow), and
    /// the byte offset where the data start: checks the magic string, the version and the
    /// header dictionary.
    static func header(_ raw: UnsafeRawBufferPointer, name: String) throws -> (header: NPYHeader, dataStart: Int) {
        let magic = NPYHeader.magic
        guard raw.count >= magic.count, raw.prefix(magic.count).elementsEqual(magic) else { throw NPYError.badMagic(file: name) }
        guard raw.count >= magic.count + 2 else { throw NPYError.truncatedHeader(file: name) }
        let major = Int(raw[magic.count]), minor = Int(raw[magic.count + 1])
        guard (1...3).contains(major), minor == 0 else {
            throw NPYError.unsupportedVersion(file: name, major: major, minor: minor)
        }
        let lengthBytes = major == 1 ? 2 : 4
        let headerStart = magic.count + 2 + lengthBytes
        guard raw.count >= headerStart else { throw NPYError.truncatedHeader(file: name) }
        let headerLength = raw[(magic.count + 2)..<headerStart].reversed().reduce(0) { $0 << 8 | Int($1) }
        let (dataStart, overflow) = headerStart.addingReportingOverflow(headerLength)
        guard !overflow, raw.count >= dataStart else { throw NPYError.truncatedHeader(file: name) }
        // Version 3.0 headers are UTF-8, earlier ones Latin-1; the keys and values we accept are ASCII.
        return (try NPYHeader(parsing: raw[headerStart..<dataStart], file: name), dataStart)
    }

    /// The header of the `.npy` file at `url`, reading only the bytes before the data (to learn
    /// an array's shape without touching its data); errors name the file `name`.
    static func header(of url: URL, name: String) throws -> NPYHeader {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw NPYError.unreadable(file: name, reason: "no such file: \(url.path)")
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var bytes = try handle.read(upToCount: 12) ?? Data()
            // The header length is a little-endian UInt16 (version 1) or UInt32 after the version bytes.
            if bytes.count >= 10 {
                let major = bytes[bytes.startIndex + 6]
                let lengthBytes = major == 1 ? 2 : 4
                let length = bytes.dropFirst(8).prefix(lengthBytes).reversed().reduce(0) { $0 << 8 | Int($1) }
                let wanted = 8 + lengthBytes + length - bytes.count
                if wanted > 0 { bytes += try handle.read(upToCount: wanted) ?? Data() }
            }
            return try bytes.withUnsafeBytes { try header($0, name: name).header }
        } catch let error as NPYError {
            throw error
        } catch {
            throw NPYError.unreadable(file: name, reason: FileFailure.reason(error, url: url))
        }
    }

    /// Checks the magic string, the version, the header dictionary, the element type, the
    /// order, and that the data after the header is exactly `product(shape) × itemsize` bytes.
    /// `types` lists the accepted type strings with their item sizes (those of `NPYElement` unless given).
    static func layout(_ raw: UnsafeRawBufferPointer, name: String, types: [String: Int] = NPYElement.types) throws -> Layout {
        let (header, dataStart) = try header(raw, name: name)
        guard let itemSize = types[header.descr] else { throw NPYError.unsupportedDType(file: name, descr: header.descr) }
        guard !header.fortranOrder else { throw NPYError.fortranOrder(file: name) }
        let found = raw.count - dataStart
        // Element count and byte size, saturating at Int.max (which no file can match).
        let count = header.shape.reduce(1) { n, d in
            let (p, o) = n.multipliedReportingOverflow(by: d); return o ? Int.max : p
        }
        let (product, o) = count.multipliedReportingOverflow(by: itemSize)
        let expected = o ? Int.max : product
        guard expected == found else {
            throw NPYError.dataSize(file: name, shape: header.shape, expectedBytes: expected, foundBytes: found)
        }
        return Layout(shape: header.shape, descr: header.descr, itemSize: itemSize, dataStart: dataStart, count: count)
    }

    private static func decode(_ raw: UnsafeRawBufferPointer, name: String) throws -> NPYArray {
        let layout = try layout(raw, name: name)
        let (count, element) = (layout.count, layout.element!)
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            element.forEach(raw, start: layout.dataStart, count: count) { buffer[$0] = $1 }
            initialized = count
        }
        guard case let .float(dtype) = element else { return NPYArray(shape: layout.shape, values: values) }
        return NPYArray(shape: layout.shape, values: values, dtype: dtype)
    }
}
