// swift-tools-version: 6.1
import PackageDescription

// One target per layer; dependencies point down only (see docs/architecture.md):
//   katalog (executable) → KatalogCLI → KatalogServices → KatalogCore
//                        → KatalogLocal → KatalogServices
let package = Package(
    name: "katalog",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "katalog", targets: ["katalog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "KatalogCore"),
        .target(name: "KatalogServices", dependencies: ["KatalogCore"]),
        .target(
            name: "KatalogLocal",
            dependencies: ["KatalogServices", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "KatalogCLI",
            dependencies: ["KatalogServices", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "katalog", dependencies: ["KatalogCLI", "KatalogLocal"]),
        .testTarget(name: "KatalogCoreTests", dependencies: ["KatalogCore"]),
        .testTarget(name: "KatalogLocalTests", dependencies: ["KatalogLocal"]),
        .testTarget(
            name: "KatalogCLITests",
            dependencies: ["KatalogLocal", "KatalogCLI", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
