import Foundation
#if canImport(Glibc)
import Glibc
private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#elseif canImport(Darwin)
import Darwin
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// The machine a benchmark ran on (the first line of `wre bench --json`, `"type": "machine"`):
/// cores, memory, the OpenBLAS build and configuration, and a measured memory bandwidth.
public struct MachineInfo: Sendable, Codable, Equatable {
    /// Cores available to the process (`ProcessInfo.activeProcessorCount`).
    public var cores: Int
    /// CPUs the process may run on (`sched_getaffinity`, e.g. 1 under `taskset -c 0`); `nil`
    /// where unknown. OpenBLAS follows it; `cores` does not.
    public var cpusAllowed: Int?
    /// Physical memory in GiB.
    public var physicalMemoryGiB: Double
    /// OpenBLAS's build configuration string (version and options), `openblas_get_config`.
    public var blasConfiguration: String
    /// The kernel family OpenBLAS selected for this CPU, `openblas_get_corename`.
    public var blasCoreName: String
    /// The threads OpenBLAS uses, `openblas_get_num_threads` (honours `OPENBLAS_NUM_THREADS`).
    public var blasThreads: Int
    /// The threads the package's own C kernels use (the fused row pass of projected-gradient
    /// splits the rows of A between this many cores; it does not follow `OPENBLAS_NUM_THREADS`).
    public var kernelThreads: Int
    /// `OPENBLAS_NUM_THREADS` as found in the environment, if set.
    public var openblasNumThreadsVariable: String?
    /// Measured read bandwidth of main memory in GB/s (10⁹ bytes per second): the best of
    /// `bandwidthPasses` `ddot(x, x)` passes over an array of `bandwidthProbeBytes` (far larger
    /// than the caches), with the threads OpenBLAS uses. Used for the `bandwidthRatio` of
    /// projected-gradient.
    public var memoryBandwidthGBs: Double
    /// Size of the array of the bandwidth probe in bytes.
    public var bandwidthProbeBytes: Int
    /// Passes of the bandwidth probe (the best one counts).
    public var bandwidthPasses: Int
    /// The operating system, `ProcessInfo.operatingSystemVersionString`.
    public var operatingSystem: String
    /// The host name.
    public var hostName: String
    /// When the benchmark started, ISO 8601.
    public var date: String

    public init(cores: Int, cpusAllowed: Int?, physicalMemoryGiB: Double, blasConfiguration: String, blasCoreName: String, blasThreads: Int,
                kernelThreads: Int, openblasNumThreadsVariable: String?, memoryBandwidthGBs: Double, bandwidthProbeBytes: Int, bandwidthPasses: Int,
                operatingSystem: String, hostName: String, date: String) {
        self.cores = cores
        self.cpusAllowed = cpusAllowed
        self.physicalMemoryGiB = physicalMemoryGiB
        self.blasConfiguration = blasConfiguration
        self.blasCoreName = blasCoreName
        self.blasThreads = blasThreads
        self.kernelThreads = kernelThreads
        self.openblasNumThreadsVariable = openblasNumThreadsVariable
        self.memoryBandwidthGBs = memoryBandwidthGBs
        self.bandwidthProbeBytes = bandwidthProbeBytes
        self.bandwidthPasses = bandwidthPasses
        self.operatingSystem = operatingSystem
        self.hostName = hostName
        self.date = date
    }

    /// The machine this process runs on, with the bandwidth measured now over an array of
    /// `probeBytes` (default 512 MiB; at least 1 MiB).
    public static func current(probeBytes: Int = 512 << 20, passes: Int = 5) -> MachineInfo {
        let info = ProcessInfo.processInfo
        let bytes = max(probeBytes, 1 << 20)
        let passes = max(passes, 1)
        return MachineInfo(
            cores: info.activeProcessorCount,
            cpusAllowed: allowedCPUs(),
            physicalMemoryGiB: Double(info.physicalMemory) / Double(1 << 30),
            blasConfiguration: BLASConfiguration.configuration.trimmingCharacters(in: .whitespaces),
            blasCoreName: BLASConfiguration.coreName,
            blasThreads: BLASConfiguration.threads,
            kernelThreads: activeCores,
            openblasNumThreadsVariable: info.environment["OPENBLAS_NUM_THREADS"],
            memoryBandwidthGBs: { defer { resetPeakMemory() }; return measureBandwidth(bytes: bytes, passes: passes) }(),
            bandwidthProbeBytes: bytes / 8 * 8,
            bandwidthPasses: passes,
            operatingSystem: info.operatingSystemVersionString,
            hostName: info.hostName,
            date: ISO8601DateFormatter().string(from: Date()))
    }

    /// Cores, memory, the OpenBLAS core, threads and build, and the C kernels' threads, in one
    /// line (the machine line of `wre bench` without the bandwidth, OS and date):
    /// "2 cores, 7.8 GiB; OpenBLAS Haswell core, 2 threads [OpenBLAS 0.3.21 …]; C kernels 2 threads".
    public var configurationLine: String {
        let variable = openblasNumThreadsVariable.map { ", OPENBLAS_NUM_THREADS=\($0)" } ?? ""
        let allowed = cpusAllowed.flatMap { $0 != cores ? " (\($0) allowed)" : nil } ?? ""
        return "\(cores) cores\(allowed), \(String(format: "%.1f", physicalMemoryGiB)) GiB; OpenBLAS \(blasCoreName) core, "
            + "\(blasThreads) thread\(blasThreads == 1 ? "" : "s")\(variable) [\(blasConfiguration)]; "
            + "C kernels \(kernelThreads) thread\(kernelThreads == 1 ? "" : "s")"
    }

    /// The size of the largest CPU cache (Linux: the highest `cache/index*/level` of cpu0), or `nil`.
    public static let lastLevelCacheBytes: Int? = {
        var best: (level: Int, bytes: Int)? = nil
        for index in 0..<8 {
            let base = "/sys/devices/system/cpu/cpu0/cache/index\(index)/"
            guard let level = (try? String(contentsOfFile: base + "level", encoding: .utf8)).flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }),
                  let size = try? String(contentsOfFile: base + "size", encoding: .utf8) else { continue }
            var text = size.trimmingCharacters(in: .whitespacesAndNewlines)
            var factor = 1
            if text.hasSuffix("K") { factor = 1024; text.removeLast() } else if text.hasSuffix("M") { factor = 1 << 20; text.removeLast() }
            guard let value = Int(text) else { continue }
            if best == nil || level > best!.level { best = (level, value * factor) }
        }
        return best?.bytes
    }()

    /// The CPUs in the process's affinity mask (Linux: `Cpus_allowed_list` of
    /// `/proc/self/status`, e.g. `0-1` or `0,2-3`), else `nil`.
    static func allowedCPUs() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        var count = 0
        for range in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = range.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let first = bounds.first ?? nil, let last = bounds.last ?? nil, bounds.count <= 2, last >= first else { return nil }
            count += last - first + 1
        }
        return count > 0 ? count : nil
    }

    /// Reads an array of `bytes` with `ddot(x, x)` `passes` times and returns the best rate in
    /// GB/s (each pass reads the array once: both operands are the same memory).
    static func measureBandwidth(bytes: Int, passes: Int) -> Double {
        let count = bytes / 8
        let x = [Double](repeating: 1, count: count)   // written once: every page is mapped
        var best = Double.infinity
        var sink = 0.0
        x.withUnsafeBufferPointer { xb in
            for _ in 0..<passes {
                let start = ContinuousClock.now
                sink += BLAS.dot(count, xb.baseAddress!, xb.baseAddress!)
                best = min(best, Stopwatch.seconds(since: start))
            }
        }
        guard sink == Double(count * passes), best > 0 else { return .nan }
        return Double(count * 8) / best / 1e9
    }

    /// Starts a new peak-memory window (Linux: writes `5` to `/proc/self/clear_refs`, which resets
    /// `VmHWM` to the current resident size). Returns whether it did; elsewhere the peak is the
    /// process's since it started.
    @discardableResult
    public static func resetPeakMemory() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// The process's peak resident memory in MiB since it started or since the last
    /// `resetPeakMemory()`: `VmHWM` of `/proc/self/status` on Linux (`getrusage`'s `ru_maxrss`
    /// would also include the peak of the process that spawned this one), `ru_maxrss` elsewhere.
    public static var peakMemoryMiB: Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Double($0) }) {
            return kib / 1024
        }
        var usage = rusage()
        guard getrusage(RUSAGE_SELF_WHO, &usage) == 0 else { return .nan }
        #if os(Linux)
        return Double(usage.ru_maxrss) / 1024          // KiB
        #else
        return Double(usage.ru_maxrss) / (1024 * 1024) // bytes
        #endif
    }
}

/// Seconds from a `ContinuousClock` instant.
enum Stopwatch {
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        seconds(ContinuousClock.now - start)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
