import Foundation
import KatalogCore

/// The marketplace's token: `KATALOG_MARKETPLACE_TOKEN`, else what `marketplace.token_command`
/// prints — run without a shell, its standard output trimmed, kept in memory only, and run once
/// more when the server says 401 (`invalidate`).
public final class CommandTokenProvider: TokenProvider, @unchecked Sendable {
    let command: [String]
    let timeout: TimeInterval
    private let lock = NSLock()
    private var current: AccessToken?

    public init(command: [String], timeout: TimeInterval = 30) {
        self.command = command
        self.timeout = timeout
    }

    public var summary: String { "the output of marketplace.token_command (\(TerminalText.line(command.first ?? "")))" }

    public func token() async throws -> AccessToken {
        if let current = lock.withLock({ current }) { return current }
        let token = AccessToken(value: try run(), expires: nil)
        lock.withLock { current = token }
        return token
    }

    public func invalidate() async -> Bool {
        lock.withLock { current = nil }
        return true
    }

    private func run() throws -> String {
        guard let program = command.first else { throw Self.failed("marketplace.token_command is empty") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
        process.arguments = program.contains("/") ? Array(command.dropFirst()) : command
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Self.failed("\(program) could not be started: \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw Self.failed("\(program) did not finish within \(Int(timeout)) seconds")
        }
        guard process.terminationStatus == 0 else { throw Self.failed("\(program) exited with \(process.terminationStatus)") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw Self.failed("\(program) printed nothing") }
        Secrets.shared.register(token)
        return token
    }

    static func failed(_ detail: String) -> CloudError {
        CloudError(kind: .unauthenticated, message: LocalizedText(
            nb: "Fikk ikke noe token til markedsplassen: \(TerminalText.line(detail)). Sjekk marketplace.token_command i config.yaml, eller sett KATALOG_MARKETPLACE_TOKEN.",
            en: "Got no token for the marketplace: \(TerminalText.line(detail)). Check marketplace.token_command in config.yaml, or set KATALOG_MARKETPLACE_TOKEN."))
    }
}
