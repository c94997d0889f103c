import Testing
import KatalogCore
@testable import KatalogTUI

/// What the user sees, as golden text at 80×24 and 160×48, in both languages.
@Suite("Golden screens")
struct GoldenScreenTests {
    /// The Explorer on the table the team docs start from, with its schema open.
    func explorerOnTabell1(width: Int, height: Int, language: Language) async throws -> Harness {
        let harness = try await Harness(width: width, height: height, language: language)
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter")
        return harness
    }

    @Test(arguments: [(80, 24, Language.en), (80, 24, .nb), (160, 48, .en), (160, 48, .nb)])
    func explorer(width: Int, height: Int, language: Language) async throws {
        let harness = try await explorerOnTabell1(width: width, height: height, language: language)
        try Golden.check(harness.canvas(), "explorer-\(width)x\(height)-\(language.rawValue)")
    }

    @Test(arguments: [(80, 24, Language.en), (80, 24, .nb), (160, 48, .en), (160, 48, .nb)])
    func help(width: Int, height: Int, language: Language) async throws {
        let harness = try await explorerOnTabell1(width: width, height: height, language: language)
        await harness.press("?")
        try Golden.check(harness.canvas(), "help-\(width)x\(height)-\(language.rawValue)")
    }

    @Test(arguments: [(40, 12, Language.en), (40, 12, .nb), (20, 5, .en)])
    func tooSmall(width: Int, height: Int, language: Language) async throws {
        let harness = try await Harness(width: width, height: height, language: language)
        try Golden.check(harness.canvas(), "too-small-\(width)x\(height)-\(language.rawValue)")
    }

    @Test func viewSQLAndScheduledQuery() async throws {
        let harness = try await Harness(width: 100, height: 40, language: .en)
        await harness.press(":")
        await harness.type("goto dataprodukter.søknader_per_måned")
        await harness.press("enter")
        try Golden.check(harness.canvas(), "explorer-view-100x40-en")
        await harness.press("G", "k", "l", "j")
        try Golden.check(harness.canvas(), "explorer-scheduled-query-100x40-en")
    }

    /// Every page of the publish wizard for a sensitive table: the first page empty (its
    /// problems), then filled; personal data with the suggestions not yet taken; access with
    /// all of NAV disabled; the review with its plan.
    @Test(arguments: [(80, 24, Language.en), (80, 24, .nb), (160, 48, .en), (160, 48, .nb)])
    func publishWizard(width: Int, height: Int, language: Language) async throws {
        let harness = try await Harness(width: width, height: height, language: language)
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter", "p")
        let name = "publish-%@-\(width)x\(height)-\(language.rawValue)"
        try Golden.check(harness.canvas(), String(format: name, "1-problems"))
        await harness.press("tab")
        await harness.type("Vedtak, sensitivt")
        await harness.press("tab")
        await harness.type("Alle vedtak med fødselsnummer.")
        await harness.press("tab", "tab", "enter", "enter", "tab")
        await harness.type("team-dagpenger")
        try Golden.check(harness.canvas(), String(format: name, "1"))
        await harness.press("ctrl-n")
        try Golden.check(harness.canvas(), String(format: name, "2"))
        await harness.press("ctrl-n", "right", "right", "enter", "tab", "tab")
        try Golden.check(harness.canvas(), String(format: name, "3"))
        await harness.press("ctrl-n")
        try Golden.check(harness.canvas(), String(format: name, "4"))
        await harness.press("ctrl-n")
        try Golden.check(harness.canvas(), String(format: name, "5"))
    }

    /// Every tab of the Access screen on the demo.
    @Test(arguments: [(80, 24, Language.en), (80, 24, .nb), (160, 48, .en), (160, 48, .nb)])
    func accessTabs(width: Int, height: Int, language: Language) async throws {
        let harness = try await Harness(width: width, height: height, language: language)
        await harness.press("4")
        for tab in ["requests", "grants", "risks", "drift"] {
            try Golden.check(harness.canvas(), "access-\(tab)-\(width)x\(height)-\(language.rawValue)")
            await harness.press("tab")
        }
        // Three marked, approved together: the confirmation names how many and where.
        await harness.press("space", "space", "space", "A")
        try Golden.check(harness.canvas(), "access-bulk-approve-\(width)x\(height)-\(language.rawValue)")
    }

    @Test func asciiLineDrawing() async throws {
        let harness = try await explorerOnTabell1(width: 80, height: 24, language: .en)
        try Golden.check(harness.canvas(glyphs: .ascii), "explorer-80x24-en-ascii")
    }
}

@Suite("Golden lineage screens")
struct GoldenLineageTests {
    @Test(arguments: [(80, 24, Language.en), (200, 50, .nb)])
    func lineageFocusedOnTabell1(width: Int, height: Int, language: Language) async throws {
        let harness = try await Harness(width: width, height: height, language: language)
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter", "L")
        try Golden.check(harness.canvas(), "lineage-\(width)x\(height)-\(language.rawValue)")
        await harness.press("t")
        try Golden.check(harness.canvas(), "lineage-bottom-to-top-\(width)x\(height)-\(language.rawValue)")
    }
}

@Suite("Lineage screen behaviour")
struct LineageScreenTests {
    @Test func tabWalksTheNodesAndEnterOpensTheTable() async throws {
        let harness = try await Harness(width: 160, height: 40)
        await harness.press("2")
        #expect(harness.state.shown == .lineage)
        let graph = try #require(harness.state.lineage.graph)
        #expect(graph.nodes.count == 28)
        let first = harness.state.lineage.selection
        await harness.press("tab")
        #expect(harness.state.lineage.selection != first)
        await harness.press("shift-tab")
        #expect(harness.state.lineage.selection == first)
        // Walk to a table and open it in the Explorer.
        while harness.state.lineage.selection != "dagpenger-prod-4e2b.rasone.tabell_2" { await harness.press("tab") }
        await harness.press("enter")
        #expect(harness.state.shown == .explorer)
        #expect(harness.state.explorer.selection.map { "\($0)" }?.contains("tabell_2") == true)
    }

    @Test func lFromTheExplorerFocusesTheTableAndEscGoesBack() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press(":")
        await harness.type("goto dataprodukter.vedtak_statistikk")
        await harness.press("enter", "L")
        #expect(harness.state.lineage.selection == "dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")
        #expect(harness.screen().contains("Lineage › dataprodukter.vedtak_statistikk"))
        #expect(harness.canvas().roleRows.joined().contains("S"))
        await harness.press("l", "l", "j")
        #expect(harness.state.lineage.panX > 0)
        await harness.press("esc")
        #expect(harness.state.shown == .explorer)
    }

    @Test func focusWithFAndTheLineageCommand() async throws {
        let harness = try await Harness(width: 160, height: 40)
        await harness.press(":")
        await harness.type("lineage 1+rasone.tabell_1+1")
        await harness.press("enter")
        #expect(harness.state.shown == .lineage)
        #expect(Set(harness.state.lineage.shown?.nodes.map(\.id) ?? []) == [
            "transfer:datastream:dp-soknad til råsone", "dagpenger-prod-4e2b.rasone.tabell_1",
            "dagpenger-prod-4e2b.behandling.søknader_beriket", "transfer:scheduled_query:Vedtaksstatistikk til dataprodukt",
        ])
        #expect(harness.screen().contains("4 nodes") && harness.screen().contains("focus 1+…+1"))
        await harness.press("f")
        #expect(harness.state.lineage.shown?.nodes.count == 28)
        await harness.press("f")
        #expect(harness.state.lineage.shown?.nodes.count ?? 0 < 28)
        await harness.press("esc")
        #expect(harness.state.lineage.focus == nil && harness.state.shown == .lineage)
        await harness.press(":")
        await harness.type("lineage nonsense.")
        await harness.press("enter")
        #expect(harness.state.toast?.isError == true)
    }

    @Test func aSourceHasNoExplorerPage() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("2")
        while !(harness.state.lineage.selection ?? "").hasPrefix("source:") { await harness.press("tab") }
        await harness.press("enter")
        #expect(harness.state.shown == .lineage)
        #expect(harness.state.toast?.text.contains("is not a table in the project") == true)
    }
}
