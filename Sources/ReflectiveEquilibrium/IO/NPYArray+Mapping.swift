import Foundation

extension NPYArray {
    /// A 2-D `.npy` file (`<f8` or `<f4`, C order) as a block, read in place: the file is
    /// memory-mapped and the block points into the mapping (float64 stays float64, float32 stays
    /// float32), so loading costs no copy and pages come in from the page cache as the solver
    /// reads them. When the data cannot be viewed in place (no mapping, a data offset not aligned
    /// to the element size, a big-endian host), the values are copied once into an owned block
    /// of the same element type. An integer or boolean file (`NPYElement`; entries meant to be
    /// −1, 0, 1) is widened once into an owned float32 block, exact for integers up to 2²⁴ in
    /// magnitude (validation then names any entry outside [-1, 1]). `checkShape` sees the
    /// shape first (and may throw); then errors as `read(from:name:)`, plus
    /// `NPYError.dimensions` unless 2-D.
    static func matrix(mapping url: URL, name: String, checkShape: ([Int]) throws -> Void = { _ in }) throws -> Matrix {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw NPYError.unreadable(file: name, reason: "no such file: \(url.path)")
        }
        guard let region = MappedRegion(path: url.path) else {
            // Not mappable (e.g. a special file): read it, then keep the element type.
            let array = try read(from: url, name: name)
            try checkShape(array.shape)
            let m = try array.matrix(file: name)
            return array.dtype == .float32 ? m.converted(to: .float32) : m
        }
        let layout = try layout(region.bytes, name: name)
        try checkShape(layout.shape)
        guard layout.shape.count == 2 else { throw NPYError.dimensions(file: name, expected: 2, shape: layout.shape) }
        let (rows, columns) = (layout.shape[0], layout.shape[1])
        let inPlace = layout.dataStart % layout.itemSize == 0 && 1.littleEndian == 1
        switch (layout.element!, inPlace) {
        case (.float(.float64), true):
            return Matrix(rows: rows, columns: columns, entries: .float64(.mapped(region, offset: layout.dataStart, count: layout.count)))
        case (.float(.float32), true):
            return Matrix(rows: rows, columns: columns, entries: .float32(.mapped(region, offset: layout.dataStart, count: layout.count)))
        case (.float(.float64), false):
            return Matrix(rows: rows, columns: columns, storage: widened(layout, region, as: Double.self))
        case (.float(.float32), false), (.signed, _), (.unsigned, _), (.boolean, _):
            return Matrix(rows: rows, columns: columns, float32: widened(layout, region, as: Float.self))
        }
    }

    /// The elements of a mapped file, each converted to `T`.
    private static func widened<T: BinaryFloatingPoint>(_ layout: Layout, _ region: MappedRegion, as _: T.Type) -> [T] {
        [T](unsafeUninitializedCapacity: layout.count) { buffer, initialized in
            layout.element!.forEach(region.bytes, start: layout.dataStart, count: layout.count) { buffer[$0] = T($1) }
            initialized = layout.count
        }
    }
}
