// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ReflectiveEquilibrium",
    products: [
        .library(name: "ReflectiveEquilibrium", targets: ["ReflectiveEquilibrium"]),
        .library(name: "AuditReport", targets: ["AuditReport"]),
        .executable(name: "wre", targets: ["wre"]),
        // The C ABI (CSupport/CWRE/include/wre.h) as a shared library, libReflectiveEquilibriumC.so:
        // what the Python package loads (docs/python.md).
        .library(name: "ReflectiveEquilibriumC", type: .dynamic, targets: ["WREC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        // Audit reports (docs/audit.md): self-contained HTML and standalone SVG figures.
        .target(
            name: "AuditReport",
            dependencies: ["ReflectiveEquilibrium"]
        ),
        // The C ABI: the header is the contract, WREC implements it in Swift (docs/python.md).
        .target(
            name: "CWRE",
            path: "CSupport/CWRE"
        ),
        .target(
            name: "WREC",
            dependencies: ["ReflectiveEquilibrium", "CWRE"]
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
        // The package-benchmark targets (Kernels, Solvers) are a separate package,
        // Benchmarks/Package.swift, so building `wre` resolves only swift-argument-parser.
        // The command line: parsing and messages in process, behaviour through the built `wre`.
        .testTarget(
            name: "wreTests",
            dependencies: ["wre", "ReflectiveEquilibrium"]
        ),
        // The C ABI's boundary checks and calls, in process (the Python tests are in python/tests).
        .testTarget(
            name: "WRECTests",
            dependencies: ["WREC", "CWRE", "ReflectiveEquilibrium"]
        ),
        .testTarget(
            name: "AuditReportTests",
            dependencies: ["AuditReport", "ReflectiveEquilibrium"]
        ),
    ]
)
