import Foundation

extension NPYArray {
    /// The bytes of a `.npy` file (format 1.0, C order) holding this array as `dtype`, with the
    /// header padded so the data starts at a multiple of 64 bytes, byte for byte as
    /// `numpy.save` writes it.
    func data(dtype: NPYDType) -> Data {
        let header = NPYHeader(descr: dtype.descr, fortranOrder: false, shape: shape).encodedVersion1
        var out = Data(capacity: header.count + values.count * dtype.itemSize)
        out.append(contentsOf: header)
        let bodyStart = out.count
        out.count += values.count * dtype.itemSize
        out.withUnsafeMutableBytes { raw in
            switch dtype {
            case .float64:
                for (i, v) in values.enumerated() {
                    raw.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: bodyStart + 8 * i, as: UInt64.self)
                }
            case .float32:
                for (i, v) in values.enumerated() {
                    raw.storeBytes(of: Float(v).bitPattern.littleEndian, toByteOffset: bodyStart + 4 * i, as: UInt32.self)
                }
            }
        }
        return out
    }

    /// Writes the array to `url` as a `.npy` file of element type `dtype` (see `data(dtype:)`);
    /// throws `FileWriteError`.
    func write(to url: URL, dtype: NPYDType) throws {
        try FileWriteError.write(data(dtype: dtype), to: url)
    }
}

extension NPYArray {
    /// The bytes of a 1-D `.npy` file of little-endian 64-bit integers (`<i8`), e.g. a CSR
    /// `indptr` or `indices` array (docs/formats.md, `sparse`).
    static func integerData(_ values: [Int]) -> Data {
        var out = Data(NPYHeader(descr: "<i8", fortranOrder: false, shape: [values.count]).encodedVersion1)
        let bodyStart = out.count
        out.count += values.count * 8
        out.withUnsafeMutableBytes { raw in
            for (i, v) in values.enumerated() { raw.storeBytes(of: Int64(v).littleEndian, toByteOffset: bodyStart + 8 * i, as: Int64.self) }
        }
        return out
    }

    /// Writes `integerData(values)` to `url`.
    static func writeIntegers(_ values: [Int], to url: URL) throws {
        try FileWriteError.write(integerData(values), to: url)
    }
}
