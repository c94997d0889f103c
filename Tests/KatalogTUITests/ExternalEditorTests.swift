import Foundation
import Testing
@testable import KatalogTUI

/// `Ctrl-E` in a text area: the user's real editor on a private file.
@Suite("The external editor")
struct ExternalEditorTests {
    @Test func theEditorsChangesComeBackAndTheFileIsGone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // An "editor" that notes the file and its mode, then edits it.
        let script = folder.appendingPathComponent("editor.sh")
        try "#!/bin/sh\necho \"$1\" > \(folder.path)/path\nstat -c %a \"$1\" > \(folder.path)/mode\nsed -i 's/blåbær/tyttebær/' \"$1\"\n"
            .write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        let edited = ExternalEditor(environment: ["EDITOR": script.path]).edit("Søknader med blåbær\nlinje to\n")
        #expect(try edited.get() == "Søknader med tyttebær\nlinje to\n")
        let path = try String(contentsOf: folder.appendingPathComponent("path"), encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(try String(contentsOf: folder.appendingPathComponent("mode"), encoding: .utf8).hasPrefix("600"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func visualWinsAndAFailingEditorKeepsTheText() {
        #expect(ExternalEditor(environment: ["VISUAL": "nano", "EDITOR": "vim"]).command == "nano")
        #expect(ExternalEditor(environment: ["EDITOR": "  "]).command == "vi")
        guard case let .failure(failure) = ExternalEditor(environment: ["EDITOR": "false"]).edit("tekst") else {
            Issue.record("false must fail")
            return
        }
        #expect(failure.message.en.contains("the text is unchanged") && failure.message.en.contains("exited with 1"))
    }
}
