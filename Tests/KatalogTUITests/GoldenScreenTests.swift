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

    @Test func asciiLineDrawing() async throws {
        let harness = try await explorerOnTabell1(width: 80, height: 24, language: .en)
        try Golden.check(harness.canvas(glyphs: .ascii), "explorer-80x24-en-ascii")
    }
}
