import KatalogServices
import Testing
@testable import KatalogTUI

@Suite("config.yaml")
struct ConfigTests {
    @Test func aFullConfig() throws {
        let config = try Config.parse("""
            theme: nav
            lang: nb
            mouse: true
            clipboard: true
            keys:
              quit: [q, ctrl-q]
              moveDown: j
            """, path: "config.yaml")
        #expect(config.theme == "nav" && config.language == .nb && config.mouse && config.clipboard)
        #expect(config.keys[.quit] == [.character("q"), .control("q")])
        #expect(config.keys[.moveDown] == [.character("j")])
    }

    @Test func problemsNameTheirLine() {
        #expect(throws: YAMLFileError(file: "c.yaml", line: 2, problem: "lang must be nb or en, not 'sv'")) {
            try Config.parse("theme: nav\nlang: sv\n", path: "c.yaml")
        }
        #expect(throws: YAMLFileError(file: "c.yaml", line: 3, problem: "unknown action 'fly' (see docs/keys.md for the names)")) {
            try Config.parse("mouse: false\nkeys:\n  fly: [f]\n", path: "c.yaml")
        }
        #expect(throws: YAMLFileError.self) { try Config.parse("colour: red\n", path: "c.yaml") }
        #expect(throws: YAMLFileError.self) { try Config.parse("mouse: maybe\n", path: "c.yaml") }
    }

    @Test func noFileMeansDefaults() throws {
        #expect(try Config.load(from: "/nonexistent/katalog").get() == Config())
    }
}
