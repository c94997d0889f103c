import Foundation

/// Runs the built `katalog` binary the way a user does, in a scratch home with a fixed clock,
/// time zone and locale, so output is reproducible.
struct KatalogBinary {
    struct Result {
        let stdout: String
        let stderr: String
        let status: Int32
    }

    let home: URL
    var workspace: String { home.appendingPathComponent("ws.sqlite").path }

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: home)
    }

    /// The binary beside the test bundle (`swift build` puts both in the same folder), or
    /// `KATALOG_BIN`.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["KATALOG_BIN"] { return URL(fileURLWithPath: path) }
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return bundle.appendingPathComponent("katalog")
    }

    var environment: [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
         "LANG": "C.UTF-8", "TZ": "UTC", "KATALOG_NOW": "2026-11-25T12:00:00Z", "PATH": "/usr/bin:/bin",
         // No real gcloud configuration or credentials leak in from the machine.
         "CLOUDSDK_CONFIG": home.appendingPathComponent("no-gcloud").path, "NO_GCE_CHECK": "1"]
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], in directory: URL? = nil) throws -> Result {
        let process = Process()
        // The scratch home by default, so no lineage.yaml of the checkout is picked up.
        process.currentDirectoryURL = directory ?? home
        // KATALOG_TEST_EXECUTABLE runs katalog through another program (setpriv), which gets
        // the arguments.
        process.executableURL = extra["KATALOG_TEST_EXECUTABLE"].map { URL(fileURLWithPath: $0) } ?? Self.executable
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        // Output goes to files, not pipes: a large output can never block the child.
        let outURL = home.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = home.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), status: process.terminationStatus)
    }

    /// Starts the binary without waiting (its output is dropped), for tests that kill it.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.currentDirectoryURL = home
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A demo workspace at `workspace`.
    func seed() throws {
        let result = try run(["demo", "--reset", "--workspace", workspace])
        precondition(result.status == 0, result.stderr)
    }
}
