// swift-tools-version:6.1
import PackageDescription

/// The settings every UnionHall target builds with: Swift 6 language mode (strict
/// concurrency) plus the upcoming features hummingbird itself enables.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // Release builds specialise PQ's and the domain's generics into their callers: without
    // it, decoding a row looked up generic metadata at run time for every column.
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "UnionHall",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "unionhall", targets: ["unionhall"]),
        .executable(name: "unionctl", targets: ["unionctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Reads the OpenAPI document: the server takes the request fields it accepts from it,
        // the tests validate every response against it.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        // GET /metrics: the metrics API, and its Prometheus text-format backend.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // libpq, found through pkg-config (Debian: libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // UUIDs as text, both ways, for every layer that prints or parses ids.
        .target(
            name: "UUIDText",
            swiftSettings: swiftSettings
        ),
        // Calendar days and their arithmetic: what the domain reasons with and `date` columns decode into.
        .target(
            name: "CivilDates",
            swiftSettings: swiftSettings
        ),
        // Swift names as snake_case column names and JSON keys (PQ's row decoding, the API).
        .target(
            name: "SnakeCase",
            swiftSettings: swiftSettings
        ),
        // The Swift client over libpq. Knows nothing of unions.
        .target(
            name: "PQ",
            dependencies: [
                "CLibPQ",
                "CivilDates",
                "SnakeCase",
                "UUIDText",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Types, rules and the permission policy. Foundation only.
        .target(
            name: "UnionDomain",
            dependencies: ["CivilDates", "UUIDText"],
            swiftSettings: swiftSettings
        ),
        // Sessions, SQL per aggregate, migrations.
        .target(
            name: "UnionStore",
            dependencies: [
                "UUIDText",
                "PQ",
                "UnionDomain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Reports as CSV, Markdown and self-contained HTML with SVG charts: one renderer for the
        // CLI and the API.
        .target(
            name: "UnionReports",
            dependencies: ["CivilDates", "UnionDomain"],
            swiftSettings: swiftSettings
        ),
        // HTTP: routes, DTOs, middleware, problem+json.
        .target(
            name: "UnionAPI",
            dependencies: [
                "PQ",
                "UnionReports",
                "SnakeCase",
                "UUIDText",
                "UnionStore",
                "UnionDomain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The contract ships inside the binary: nothing to copy beside it in a deployment.
            resources: [.embedInCode("OpenAPI/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "unionhall",
            dependencies: [
                "UnionAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "unionctl",
            dependencies: [
                "UnionReports",
                "UnionStore",
                "UnionDomain",
                "PQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The PQ benchmark next to pgbench (bench/run-pq.sh drives it).
        .executableTarget(
            name: "pqbench",
            dependencies: [
                "PQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/pqbench",
            swiftSettings: swiftSettings
        ),
        // Data set-up and the import measurement for bench/run-workers.sh.
        .executableTarget(
            name: "unionbench",
            dependencies: [
                "PQ", "UnionStore", "UnionDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/unionbench",
            swiftSettings: swiftSettings
        ),
        // Helpers only the test targets import: per-suite databases cloned from a migrated template.
        .target(
            name: "UnionTestSupport",
            dependencies: ["PQ", "UnionStore", "UnionDomain"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PQTests",
            dependencies: ["PQ", "CivilDates", "UnionTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UnionDomainTests",
            dependencies: ["UnionDomain", "UUIDText"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UnionStoreTests",
            dependencies: ["UnionStore", "UnionDomain", "PQ", "UnionTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UnionCtlTests",
            dependencies: [
                "unionctl", "UnionReports", "UnionStore", "UnionDomain", "UnionTestSupport", "PQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Operations against real clusters: the streaming replica, backup and restore, point-in-time recovery.
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "unionctl", "UnionStore", "UnionDomain", "UnionTestSupport", "PQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UnionAPITests",
            dependencies: [
                "UnionAPI", "UnionStore", "UnionDomain", "UnionTestSupport", "PQ",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // The real `unionhall` binary as a subprocess: graceful restarts, several servers on one
        // database. Depending on the executable makes `swift test` build it beside the bundle.
        .testTarget(
            name: "ServerProcessTests",
            dependencies: ["unionhall", "UnionTestSupport", "PQ"],
            swiftSettings: swiftSettings
        ),
    ]
)
