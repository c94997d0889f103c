import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI

/// What a new user hit in the terminal UI (each failed before its fix).
@Suite("Defects a new user hit: the terminal UI")
struct NewUserDefectTests {
    static let p = "dagpenger-prod-4e2b"

    func selectedTable(_ harness: Harness) -> String? {
        if case let .table(ref)? = harness.state.explorer.selection { return ref.description }
        return nil
    }

    @Test func nAfterAFilterLoadsTheMatchsDetails() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("/")
        await harness.type("tabell")
        await harness.press("enter", "n")
        let table = try #require(selectedTable(harness))
        #expect(harness.state.catalog.details[try TableRef(parsing: table)] != nil, "the details were loaded")
        #expect(!harness.screen().contains("loading"))
    }

    @Test func clearingAFilterKeepsTheMatchSelectedAndShown() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("/")
        await harness.type("meldekort_renset")
        await harness.press("enter", "/")
        await harness.type("zzzz")
        await harness.press("esc")
        #expect(selectedTable(harness) == "\(Self.p).behandling.meldekort_renset")
        #expect(harness.state.explorerRows.contains { $0.node == harness.state.explorer.selection }, "a row is selected")
        let status = harness.canvas().rows[harness.state.height - 2]
        #expect(status.contains("/") && !status.hasPrefix(" /"), "the position shows: \(status)")
    }

    @Test func theDefaultPIIClassIsShownAsItself() async throws {
        let harness = try await Harness(width: 160, height: 40)
        await harness.press(":")
        await harness.type("goto dataprodukter.vedtak_statistikk")
        await harness.press("enter")
        let screen = harness.screen()
        #expect(screen.contains("⚑ may be indirectly identifying") && !screen.contains("not classified"))
    }
}
