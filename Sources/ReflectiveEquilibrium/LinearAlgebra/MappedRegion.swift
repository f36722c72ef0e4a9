import Foundation
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
        guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE | Self.populate(count), fd, 0), p != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(p)
    }

    /// `MAP_POPULATE` (Linux) for a file of at most half the physical memory: the kernel maps
    /// every page in one go (reading it ahead when it is not cached) instead of one fault per
    /// 4 KiB page on first touch, which costs about a read of the block at a few GB. Larger files
    /// are paged in on demand (they may not fit).
    private static func populate(_ bytes: Int) -> Int32 {
        #if os(Linux)
        let memory = ProcessInfo.processInfo.physicalMemory
        return UInt64(bytes) <= memory / 2 ? Int32(MAP_POPULATE) : 0
        #else
        return 0
        #endif
    }

    /// The mapped bytes.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }
}
