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
            lineage:
              endpoint: http://127.0.0.1:9999
              fan_limit: 5
            """, path: "config.yaml")
        #expect(config.fanLimit == 5 && config.endpoints["lineage"] == "http://127.0.0.1:9999")
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
        #expect(throws: YAMLFileError(file: "c.yaml", line: 2, problem: "lineage.fan_limit must be a whole number of 2 or more, not '1'")) {
            try Config.parse("lineage:\n  fan_limit: 1\n", path: "c.yaml")
        }
        #expect(throws: YAMLFileError(file: "c.yaml", line: 2, problem: "unknown setting 'lineage.fan' (known: lineage.endpoint, lineage.fan_limit)")) {
            try Config.parse("lineage:\n  fan: 3\n", path: "c.yaml")
        }
        #expect(throws: YAMLFileError.self) { try Config.parse("colour: red\n", path: "c.yaml") }
        #expect(throws: YAMLFileError.self) { try Config.parse("mouse: maybe\n", path: "c.yaml") }
    }

    @Test func noFileMeansDefaults() throws {
        #expect(Config.load(from: "/nonexistent/katalog") == Config.Loaded(config: Config(), problems: []))
    }

    /// One bad value costs that setting only: the theme, mouse and clipboard stay.
    @Test func aBadValueKeepsEveryGoodSetting() {
        let text = "theme: nav\nmouse: true\nclipboard: false\nlineage:\n  fan_limit: 1\nkeys:\n  quit: [q, ctrl-q]\n  fly: [f]\nlang: sv\n"
        let loaded = Config.read(text, path: "c.yaml")
        #expect(loaded.config.theme == "nav" && loaded.config.mouse && !loaded.config.clipboard)
        #expect(loaded.config.keys[.quit] == [.character("q"), .control("q")] && loaded.config.fanLimit == nil)
        #expect(loaded.problems.map(\.line) == [5, 8, 9])
        #expect(loaded.problems.map(\.description).allSatisfy { $0.hasPrefix("c.yaml:") })
    }
}
