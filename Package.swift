// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Lotse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lotse", targets: ["LotseCLI"]),
        // The program behind `lotse serve` (see Sources/LotseOptions/ServeOptions.swift).
        .executable(name: "lotse-serve", targets: ["LotseServeCLI"]),
        .library(name: "LotseCore", targets: ["LotseCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // lz4: a one-shot build keeps rendered page bodies compressed until they are written (peak memory, issue 10).
        .systemLibrary(
            name: "CLZ4",
            pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"])]
        ),
        // libyaml's header only: its code is the copy inside Yams (see Sources/CLibYAML/shim.h).
        // SHA-256 of source sections (translation status) from Nettle: a small library, where
        // OpenSSL's libcrypto brought 3 MB of resident code and tables for one digest (issue 10).
        .systemLibrary(
            name: "CNettle",
            pkgConfig: "nettle",
            providers: [.apt(["nettle-dev"])]
        ),
        .systemLibrary(
            name: "CLibYAML",
            providers: [.apt(["libyaml-dev"])]
        ),
        // jemalloc: the allocator of the two executables (see Sources/LotseAllocator/allocator.c; issue 10).
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        .target(
            name: "LotseAllocator",
            dependencies: ["CJemalloc"],
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        // A bump arena for cmark's allocations, emptied per document (issue 10).
        .target(
            name: "CMarkdownArena",
            dependencies: ["CCmark"]
        ),
        .target(
            name: "LotseCore",
            dependencies: [
                "CCmark",
                "CMarkdownArena",
                "CQRencode",
                "CLZ4",
                "CNettle",
                "CLibYAML",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Shipped with the binary (see BundledResources.swift): the repository's
            // templates/ (the single copy; SwiftPM copies it in at build time) and
            // what `lotse init` writes.
            resources: [.copy("../../templates"), .copy("Resources/new-site")]
        ),
        .target(
            name: "LotseServe",
            dependencies: [
                "LotseCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // The options `lotse` and `lotse-serve` share, declared once.
        .target(
            name: "LotseOptions",
            dependencies: [
                "LotseCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LotseCLI",
            dependencies: [
                "LotseAllocator",
                "LotseCore",
                "LotseOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LotseServeCLI",
            dependencies: [
                "LotseAllocator",
                "LotseCore",
                "LotseOptions",
                "LotseServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LotseCoreTests",
            dependencies: ["LotseCore", "LotseServe"],
            exclude: ["Browser"]
        ),
    ]
)
