// swift-tools-version: 6.1
import PackageDescription

// One target per layer; dependencies point down only (see docs/architecture.md):
//   katalog (executable) → KatalogCLI ─┐
//                        → KatalogTUI ─┴→ KatalogServices → KatalogCore
//                        → KatalogLocal → KatalogServices       KatalogTUI → CNcurses (ncursesw)
let package = Package(
    name: "katalog",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "katalog", targets: ["katalog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "KatalogCore"),
        .target(name: "KatalogServices", dependencies: ["KatalogCore", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "KatalogLocal",
            dependencies: ["KatalogServices", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "KatalogCLI",
            dependencies: ["KatalogServices", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(
            name: "KatalogCloud",
            dependencies: ["KatalogServices", .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOPosix", package: "swift-nio")]),
        .target(name: "CNcurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The shipped themes live in themes/ at the top; scripts/embed-themes.sh compiles their
        // YAML into the binary (no resource bundle to lose when the binary is copied).
        .target(name: "KatalogThemes", path: "themes", exclude: ["default", "light", "high-contrast", "monochrome", "nav"].map { "\($0).yaml" }),
        .target(
            name: "KatalogTUI",
            dependencies: ["KatalogServices", "KatalogThemes", "CNcurses", .product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "katalog", dependencies: ["KatalogCLI", "KatalogTUI", "KatalogLocal", "KatalogCloud"]),
        // Measurements, apart from the tests: `make bench`.
        .executableTarget(name: "katalog-benchmarks", dependencies: ["KatalogTUI", "KatalogCore", "KatalogLocal"], path: "Benchmarks"),
        // Every parser and editor fed arbitrary bytes: under libFuzzer in `make stress`
        // (scripts/fuzz.sh), over the committed corpora in Fuzz/Corpus in the tests.
        .target(name: "KatalogFuzzTargets", dependencies: ["KatalogCore", "KatalogServices", "KatalogTUI", "KatalogCloud"], path: "Fuzz/Targets"),
        .target(name: "LibFuzzer", path: "Fuzz/LibFuzzer"),
        .executableTarget(name: "katalog-fuzz", dependencies: ["KatalogFuzzTargets", "LibFuzzer"], path: "Fuzz/Driver"),
        // Test support, for the tests only: a fault-injecting HTTP server on 127.0.0.1 (SwiftNIO), and
        // on it a contract-faithful Datamarkedsplassen.
        .target(
            name: "KatalogTestSupport",
            dependencies: ["KatalogServices", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            path: "Tests/Support"),
        .testTarget(name: "KatalogCoreTests", dependencies: ["KatalogCore"]),
        .testTarget(name: "KatalogFuzzTests", dependencies: ["KatalogFuzzTargets", "KatalogTestSupport"]),
        .testTarget(name: "KatalogLocalTests", dependencies: ["KatalogLocal"]),
        .testTarget(name: "KatalogCloudTests", dependencies: ["KatalogCloud", "KatalogLocal", "KatalogTestSupport"]),
        // Golden screens are read from the source tree (so UPDATE_GOLDEN=1 can rewrite them).
        .testTarget(name: "KatalogTUITests", dependencies: ["KatalogTUI", "KatalogLocal", "KatalogServices", "KatalogTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Golden"]),
        .testTarget(
            name: "KatalogCLITests",
            dependencies: ["KatalogLocal", "KatalogCLI", "KatalogCloud", "KatalogTestSupport", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Golden"]),
    ]
)
