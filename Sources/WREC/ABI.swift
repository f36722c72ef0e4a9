import CWRE
import Foundation
import ReflectiveEquilibrium

/// The implementation of the C ABI (`CSupport/CWRE/include/wre.h`, docs/python.md). Each
/// exported function (`Exports.swift`) is one call of a function here: the arguments are
/// checked (`Boundary`), the library is called, its errors become a code and a message, and
/// outputs are written only on success.
enum ABI {
    /// Runs `body`: `WRE_OK`, or the failure's code after writing it into `error`.
    static func call(_ out: UnsafeMutablePointer<wre_error>?, _ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return WRE_OK
        } catch {
            let failure = ABIFailure(error)
            failure.write(to: out)
            return failure.code
        }
    }

    /// The package version as a C string, allocated once and never freed (`wre_version`).
    nonisolated(unsafe) static let version = UnsafePointer(strdup(PackageInfo.version)!)

    /// The size of the struct named `name` (0 for any other name).
    static func structSize(_ name: UnsafePointer<CChar>?) -> Int64 {
        guard let name, let text = String(validatingCString: name) else { return 0 }
        let sizes: [String: Int] = [
            "wre_error": MemoryLayout<wre_error>.size, "wre_array": MemoryLayout<wre_array>.size,
            "wre_strings": MemoryLayout<wre_strings>.size, "wre_block": MemoryLayout<wre_block>.size,
            "wre_items": MemoryLayout<wre_items>.size, "wre_problem_spec": MemoryLayout<wre_problem_spec>.size,
            "wre_solve_options": MemoryLayout<wre_solve_options>.size, "wre_info": MemoryLayout<wre_info>.size,
        ]
        return Int64(sizes[text] ?? 0)
    }

    /// Writes a new string for the caller to free into `out`.
    static func give(_ text: String, to out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws {
        let out = try Boundary.output(out, "json")
        out.pointee = try CString.allocate(text)
    }

    /// `data` (UTF-8 JSON from the library) as a string for the caller.
    static func give(_ data: Data, to out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws {
        try give(String(decoding: data, as: UTF8.self), to: out)
    }
}
