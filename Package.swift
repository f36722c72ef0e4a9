// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ReflectiveEquilibrium",
    products: [
        .library(name: "ReflectiveEquilibrium", targets: ["ReflectiveEquilibrium"]),
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
        .executableTarget(
            name: "wre",
            dependencies: [
                "ReflectiveEquilibrium",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ReflectiveEquilibriumTests",
            dependencies: ["ReflectiveEquilibrium"],
            exclude: ["Fixtures"]
        ),
        // The command line: parsing and messages in process, behaviour through the built `wre`.
        .testTarget(
            name: "wreTests",
            dependencies: ["wre", "ReflectiveEquilibrium"]
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
