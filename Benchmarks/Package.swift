// swift-tools-version: 6.1
// The package-benchmark (ordo-one/benchmark) targets of ReflectiveEquilibrium, kept out of the
// root package so that building `wre` resolves and compiles only swift-argument-parser and the
// core (the way swift-collections keeps its benchmarks). Run from this directory:
//
//     swift package benchmark [--target Kernels|Solvers] [--filter REGEX]
//     OPENBLAS_NUM_THREADS=1 swift package benchmark
//
// `Kernels` uses the library's `@_spi(Benchmarks)` kernel harness (`KernelHarness`); `Solvers`
// uses only its public API.
import PackageDescription

/// One benchmark executable: its sources in `Benchmarks/<name>/` (the directory package-benchmark
/// looks for), the library and the benchmark runtime, run by the benchmark plugin.
func benchmarkTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "ReflectiveEquilibrium", package: "ReflectiveEquilibrium"),
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "ReflectiveEquilibriumBenchmarks",
    dependencies: [
        .package(name: "ReflectiveEquilibrium", path: ".."),
        // Only the MallocInterposer trait: the default RuntimeInterposer trait needs
        // swift-runtime-interposer, which does not resolve here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        benchmarkTarget("Kernels"), benchmarkTarget("Solvers"),
        // The Swift API's timing for python/solve_overhead.py (a plain executable, no plugin).
        .executableTarget(
            name: "SolveTiming",
            dependencies: [.product(name: "ReflectiveEquilibrium", package: "ReflectiveEquilibrium")],
            path: "SolveTiming"
        ),
    ]
)
