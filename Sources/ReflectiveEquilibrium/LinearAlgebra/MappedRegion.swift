#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only, private memory mapping of a whole file (`mmap`), unmapped when the last
/// reference goes. Blocks read from `.npy` files point into it instead of copying the data, so
/// a problem holds each block once and the kernel pages it in from the page cache on demand.
final class MappedRegion: @unchecked Sendable {
    /// The first byte of the mapping (`nil` for an empty file).
    let base: UnsafeRawPointer?
    /// The length of the mapping in bytes.
    let count: Int

    /// Maps the file at `path`; `nil` when it cannot be opened or mapped (the caller then reads it).
    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        count = Int(info.st_size)
        guard count > 0 else { base = nil; return }
        guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(p)
    }

    /// The mapped bytes.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }
}
