import KatalogServices
import Foundation
import Testing
import KatalogThemes
@testable import KatalogTUI

@Suite("Themes")
struct ThemeTests {
    @Test(arguments: ShippedThemes.names)
    func everyShippedThemeLoads(_ name: String) throws {
        let catalog = ThemeCatalog(configDirectory: "/nonexistent")
        let theme = try catalog.load(name).get()
        #expect(theme.name == name)
        // Selection must be visible in every theme.
        #expect(theme.style(.selection) != theme.style(.normal))
    }

    /// The binary carries the themes: the generated text is the YAML files' (run
    /// scripts/embed-themes.sh after editing one).
    @Test(arguments: ShippedThemes.names)
    func theEmbeddedThemeIsTheFile(_ name: String) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes/\(name).yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(ShippedThemes.yaml(named: name).map { $0 + "\n" } == text, "run scripts/embed-themes.sh")
    }

    /// At 8 colours (TERM=xterm) every role stays readable on a dark and on a light background:
    /// no text is black or white on the terminal's own background, and never its background's
    /// colour; muted grey is the terminal's own colour, dim.
    @Test(arguments: ShippedThemes.names)
    func everyThemeIsReadableAtEightColours(_ name: String) throws {
        let theme = try ThemeCatalog(configDirectory: "/nonexistent").load(name).get()
        for role in Role.allCases {
            let style = theme.style(role).adapted(toColors: 8)
            let foreground = style.foreground.index(forTerminalColors: 8), background = style.background.index(forTerminalColors: 8)
            if background == -1 {
                #expect(foreground != 0 && foreground != 7, "\(name) \(role): \(foreground) on the terminal's background")
            } else {
                #expect(foreground != background, "\(name) \(role): \(foreground) on \(background)")
            }
        }
        let muted = Style(foreground: Color(parsing: "bright-black")!).adapted(toColors: 8)
        #expect(muted.foreground == .terminalDefault && muted.attributes.contains(.dim))
        let brightRed = Style(foreground: Color(parsing: "bright-red")!).adapted(toColors: 8)
        #expect(brightRed.foreground == .index(1) && brightRed.attributes.contains(.bold))
        #expect(theme.style(.muted).adapted(toColors: 256) == theme.style(.muted), "256 colours: as the theme says")
    }

    @Test func monochromeUsesAttributesOnly() throws {
        let theme = try ThemeCatalog(configDirectory: "/nonexistent").load("monochrome").get()
        for role in Role.allCases {
            #expect(theme.style(role).foreground == .terminalDefault && theme.style(role).background == .terminalDefault)
        }
    }

    @Test func anInvalidThemeReportsTheRightLine() {
        let text = """
            name: broken
            roles:
              title: { fg: cyan }
              selection: { fg: purpleish }
            """
        #expect(throws: YAMLFileError(file: "broken.yaml", line: 4, problem: "'purpleish' is not a colour (use default, a name like red or bright-blue, 0–255, or #rrggbb)")) {
            try Theme.parse(text, path: "broken.yaml", name: "broken")
        }
        #expect(throws: YAMLFileError.self) { try Theme.parse("roles:\n  nonsense.role: { fg: red }\n", path: "t.yaml", name: "t") }
        do {
            _ = try Theme.parse("roles:\n  title: { fg: red\n", path: "t.yaml", name: "t")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.description.hasPrefix("t.yaml:3: invalid YAML"))
        }
        do {
            _ = try Theme.parse("roles:\n  title: { attrs: [bold, blinking] }\n", path: "t.yaml", name: "t")
            Issue.record("expected an attribute error")
        } catch {
            #expect(error.line == 2 && error.problem.contains("blinking"))
        }
    }

    @Test func userThemesComeFirstAndBrokenOnesSayWhere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-themes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try "roles:\n  title: { fg: \"#ff0000\" }\n".write(to: folder.appendingPathComponent("themes/mitt.yaml"), atomically: true, encoding: .utf8)
        try "roles:\n  title:\n    fg: red\n    size: 3\n".write(to: folder.appendingPathComponent("themes/nav.yaml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(configDirectory: folder.path)
        #expect(catalog.names.contains("mitt") && catalog.names.contains("default"))
        #expect(try catalog.load("mitt").get().style(.title).foreground == .rgb(255, 0, 0))
        guard case let .failure(.invalid(error)) = catalog.load("nav") else { Issue.record("expected the user's broken nav to fail"); return }
        #expect(error.file.hasSuffix("themes/nav.yaml") && error.line == 4)
        guard case .failure(.unknown) = catalog.load("finnes-ikke") else { Issue.record("expected unknown"); return }
    }

    @Test func coloursOnEightAnd256ColourTerminals() {
        #expect(Color(parsing: "#c30000")?.index(forTerminalColors: 256) == 124)  // #af0000, the nearest cube colour
        #expect(Color(parsing: "#c30000")?.index(forTerminalColors: 8) == 1)
        #expect(Color(parsing: "bright-blue")?.index(forTerminalColors: 256) == 12)
        #expect(Color(parsing: "bright-blue")?.index(forTerminalColors: 8) == 4)
        #expect(Color(parsing: "#808080")?.index(forTerminalColors: 256) == 244)
        #expect(Color(parsing: "default")?.index(forTerminalColors: 8) == -1)
        #expect(Color(parsing: "256") == nil && Color(parsing: "#12345") == nil)
    }
}
