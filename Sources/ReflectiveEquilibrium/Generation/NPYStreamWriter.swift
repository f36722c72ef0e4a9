import Foundation

/// Writes a 2-D `.npy` file (format 1.0, C order, `<f8` or `<f4`) row by row, without ever
/// holding the array: the header first (as `numpy.save` writes it, see `NPYHeader`), then the
/// rows through a buffer of a few MiB that starts zeroed, so a sparse row costs only its
/// non-zero entries.
final class NPYStreamWriter {
    let rows: Int, columns: Int, dtype: NPYDType
    private let file: String
    private let url: URL
    private let handle: FileHandle
    private let rowBytes: Int
    private let bufferRows: Int
    private let buffer: UnsafeMutableRawBufferPointer
    /// Rows in the buffer, and rows already written to the file.
    private var buffered = 0, written = 0

    /// Creates (or truncates) the file at `url` and writes the header of a `rows × columns` array;
    /// rows go out in writes of about `bufferBytes` (at least one row).
    init(url: URL, dtype: NPYDType, rows: Int, columns: Int, bufferBytes: Int = 1 << 22) throws {
        self.rows = rows
        self.columns = columns
        self.dtype = dtype
        file = url.lastPathComponent
        rowBytes = columns * dtype.itemSize
        bufferRows = max(1, bufferBytes / max(rowBytes, 1))
        let handle: FileHandle
        do {
            let created = FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)  // when the file could not be created, this says why
            guard created else { throw CocoaError(.fileWriteUnknown) }
        } catch { throw FileWriteError(url, error) }
        self.handle = handle
        self.url = url
        buffer = .allocate(byteCount: max(bufferRows * rowBytes, 1), alignment: 8)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        let header = NPYHeader(descr: dtype.descr, fortranOrder: false, shape: [rows, columns]).encodedVersion1
        try output(Data(header))
    }

    deinit {
        buffer.deallocate()
        try? handle.close()
    }

    /// Sets entry `column` of the current row (entries not set are 0).
    @inline(__always) func set(_ column: Int, _ value: Double) {
        let offset = buffered * rowBytes + column * dtype.itemSize
        switch dtype {
        case .float64: buffer.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        case .float32: buffer.storeBytes(of: Float(value).bitPattern.littleEndian, toByteOffset: offset, as: UInt32.self)
        }
    }

    /// Ends the current row.
    func endRow() throws {
        precondition(written + buffered < rows, "\(file): more than \(rows) rows")
        buffered += 1
        if buffered == bufferRows { try flush() }
    }

    /// Appends a whole row.
    func append(_ values: [Double]) throws {
        for (column, value) in values.enumerated() where value != 0 { set(column, value) }
        try endRow()
    }

    /// Writes what is buffered and closes the file; every row must have been written.
    func finish() throws {
        try flush()
        precondition(written == rows, "\(file): \(written) of \(rows) rows written")
        do { try handle.close() } catch { throw FileWriteError(url, error) }
    }

    private func flush() throws {
        guard buffered > 0 else { return }
        let used = buffered * rowBytes
        try output(Data(bytesNoCopy: buffer.baseAddress!, count: used, deallocator: .none))
        UnsafeMutableRawBufferPointer(rebasing: buffer[0..<used]).initializeMemory(as: UInt8.self, repeating: 0)
        written += buffered
        buffered = 0
    }

    private func output(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch {
            throw FileWriteError(url, error)
        }
    }
}
