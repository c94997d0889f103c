import Foundation
import KatalogCore

/// The user's own editor on a text (`Ctrl-E` in a text area): `$VISUAL`, else `$EDITOR`, else
/// `vi`, on a private temporary file (0600, removed afterwards). The command is the shell's to
/// split, as git and crontab do, so `code --wait` works.
struct ExternalEditor {
    let environment: [String: String]

    var command: String {
        [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
    }

    /// The text as the editor left it; an error when the editor failed (the text is kept).
    func edit(_ text: String) -> Result<String, LoadFailure> {
        let folder = FileManager.default.temporaryDirectory
        let file = folder.appendingPathComponent("katalog-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            return .failure(Self.failure("could not write \(file.path)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "sh", file.path]
        do {
            try process.run()
        } catch {
            return .failure(Self.failure(error.localizedDescription))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return .failure(Self.failure("\(command) exited with \(process.terminationStatus)")) }
        guard let edited = try? String(contentsOf: file, encoding: .utf8) else { return .failure(Self.failure("could not read the file back")) }
        return .success(edited)
    }

    private static func failure(_ detail: String) -> LoadFailure {
        LoadFailure(InvalidInput([Problem(field: "editor", code: "editor", message: LocalizedText(
            nb: "Redigeringsprogrammet feilet (\(TerminalText.line(detail))); teksten er uendret. Sett VISUAL eller EDITOR.",
            en: "The editor failed (\(TerminalText.line(detail))); the text is unchanged. Set VISUAL or EDITOR."))]))
    }
}
