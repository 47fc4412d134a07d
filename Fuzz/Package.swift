// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for Lotse's inputs, one executable per kind of file.
// Build and run them with scripts/fuzz (see docs/fuzzing.md); a plain
// `swift build` in the root package never builds this package.
// Each target calls one entry of LotseCore's FuzzInputs, which the tests
// also use to replay the inputs in Fuzz/findings/.
let targets = ["page": "FuzzPage", "site-config": "FuzzSiteConfig", "questionnaire": "FuzzQuestionnaire", "template": "FuzzTemplate"]

let package = Package(
    name: "LotseFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Lotse", path: ".."),
    ],
    targets: [.target(name: "FuzzDriver")] + targets.values.sorted().map { name in
        .executableTarget(name: name, dependencies: ["FuzzDriver", .product(name: "LotseCore", package: "Lotse")])
    }
)
