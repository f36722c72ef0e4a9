// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ReflectiveEquilibrium",
    products: [
        .library(name: "ReflectiveEquilibrium", targets: ["ReflectiveEquilibrium"]),
        .library(name: "AuditReport", targets: ["AuditReport"]),
        .executable(name: "wre", targets: ["wre"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Benchmarks/ only (package-benchmark). Only the MallocInterposer trait: the default
        // RuntimeInterposer trait needs swift-runtime-interposer, which does not resolve here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            path: "CSupport/COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "CKernels",
            path: "CSupport/CKernels"
        ),
        .target(
            name: "ReflectiveEquilibrium",
            dependencies: ["COpenBLAS", "CKernels"]
        ),
        // Audit reports (DESIGN §12): self-contained HTML and standalone SVG figures.
        .target(
            name: "AuditReport",
            dependencies: ["ReflectiveEquilibrium"]
        ),
        .executableTarget(
            name: "wre",
            dependencies: [
                "ReflectiveEquilibrium",
                "AuditReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ReflectiveEquilibriumTests",
            dependencies: ["ReflectiveEquilibrium"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AuditReportTests",
            dependencies: ["AuditReport", "ReflectiveEquilibrium"]
        ),
        // Benchmarks (DESIGN §7): `swift package benchmark [--target Kernels|Solvers]`.
        .executableTarget(
            name: "Kernels",
            dependencies: ["ReflectiveEquilibrium", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Kernels",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Solvers",
            dependencies: ["ReflectiveEquilibrium", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Solvers",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
