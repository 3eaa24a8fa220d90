// swift-tools-version: 6.1
import PackageDescription

// profrost: monitoring of teachers' professional development (see README.md).
// Dependencies point down only: profrost -> CLI -> TUI -> Model -> Spreadsheet -> ZIPFoundation; TUI/Terminal -> CNcurses.
let package = Package(
    name: "profrost",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "profrost", targets: ["profrost"]),
        .executable(name: "profrost-bench", targets: ["ProfrostBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        // Headers only: XlsxExport loads libxlsxwriter with dlopen when a workbook is written.
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // Headers only: renameat2(2) for the saves (`AtomicFile.commit`), which Swift's Glibc module lacks.
        .systemLibrary(name: "CSystemCalls", path: "Sources/CSystemCalls"),
        // Reads the first sheet of an .xlsx workbook (the imports); knows nothing of the domain.
        .target(name: "Spreadsheet", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "Model", dependencies: [
            "Spreadsheet", "CSystemCalls",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "SystemPackage", package: "swift-system"),
            .product(name: "Collections", package: "swift-collections"),
        ]),
        .target(name: "XlsxExport", dependencies: ["CXlsxWriter"]),
        .target(name: "TUI", dependencies: ["Model", "CNcurses"]),
        .target(name: "CLI", dependencies: [
            "Model", "TUI", "XlsxExport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "profrost", dependencies: ["CLI"]),
        // Child processes with a deadline and no inherited descriptors, for the bench and the tests (not the product).
        .target(name: "ChildProcess"),
        // The benchmark (README, Performance): runs the product binary; not part of it.
        .executableTarget(name: "ProfrostBench", dependencies: [
            "Model", "ChildProcess", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", dependencies: [
            "Model", "ChildProcess", .product(name: "Subprocess", package: "swift-subprocess"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: [
            "Model", "Spreadsheet", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "TUITests", dependencies: [
            "TUI", "Model", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "XlsxExportTests", dependencies: ["XlsxExport", "ChildProcess"], exclude: ["read_xlsx.py"]),
        .testTarget(name: "CLITests", dependencies: [
            "Model", "TestSupport", "ChildProcess",
            .product(name: "Subprocess", package: "swift-subprocess"),
        ], exclude: ["read_workbook.py"]),
    ],
    swiftLanguageModes: [.v5]
)
