import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI
@testable import KatalogLocal

/// The navigation stack, modals, clicks and effects: what the seam between the app and its
/// screens promises.
@Suite("Navigation, modals and effects")
struct NavigationTests {
    static let p = "dagpenger-prod-4e2b"

    func explorerTable(_ harness: Harness) -> String? {
        if case let .table(ref)? = harness.state.explorer.selection { return ref.description }
        return nil
    }

    @Test func escFromLineageOpenedWithLReturnsToTheSameTable() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press(":")
        await harness.type("goto rasone.tabell_2")
        await harness.press("enter", "tab")  // the details pane has focus
        await harness.press("L")
        #expect(harness.state.navigation.stack == [.explorer, .lineage])
        #expect(harness.screen().contains("tabell_2 › Lineage › rasone.tabell_2"))
        await harness.press("tab", "tab", "f", "esc")  // Esc first undoes the focus: a transient state
        #expect(harness.state.shown == .lineage)
        await harness.press("esc")
        #expect(harness.state.shown == .explorer && harness.state.navigation.stack == [.explorer])
        #expect(explorerTable(harness) == "\(Self.p).rasone.tabell_2")
        #expect(harness.state.explorer.focus == .details, "the Explorer as it was left")
    }

    @Test func twoOpensTheLineageOnTheExplorersSelection() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press(":")
        await harness.type("goto behandling.søknader_beriket")
        await harness.press("enter", "2")
        #expect(harness.state.shown == .lineage && harness.state.navigation.stack == [.lineage])
        #expect(harness.state.lineage.selection == "\(Self.p).behandling.søknader_beriket")
        await harness.press("1")
        #expect(harness.state.shown == .explorer && explorerTable(harness) == "\(Self.p).behandling.søknader_beriket")
    }

    @Test func gotoFromTheLineageScreenOpensTheTableInTheExplorer() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("2", ":")
        await harness.type("goto rasone.tabell_n")
        await harness.press("enter")
        #expect(harness.state.shown == .explorer && explorerTable(harness) == "\(Self.p).rasone.tabell_n")
    }

    @Test func aClickOnTheLineageScreenChangesNothingInTheExplorer() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("j", "j")
        let before = harness.state.explorer
        await harness.press("2")
        for y in 1..<27 { await harness.send(.mouse(x: 5, y: y, button: .click)) }
        await harness.send(.mouse(x: 5, y: 5, button: .wheelDown))
        await harness.press("G", "pgdn", "g")  // the Explorer's keys, pressed on the Lineage screen
        #expect(harness.state.explorer.selection == before.selection && harness.state.explorer.tree == before.tree)
        #expect(harness.state.explorer.focus == before.focus)
    }

    @Test func keysNeverLeakToTheScreenUnderAModal() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let before = harness.state.explorer.selection
        await harness.press("?")
        for key in ["j", "j", "G", "enter", "L", "2", "/", ":", "R", "y"] { await harness.press(key) }
        #expect(harness.state.overlay != nil && harness.state.shown == .explorer)
        #expect(harness.state.explorer.selection == before && harness.state.commandLine == nil && harness.state.explorer.filterInput == nil)
        await harness.send(.mouse(x: 3, y: 3, button: .click))
        #expect(harness.state.explorer.selection == before)
        await harness.press("esc")
        #expect(harness.state.overlay == nil)
        await harness.press("j")
        #expect(harness.state.explorer.selection != before, "keys reach the screen again")
    }

    @Test func modalsStackAndEscClosesTheTopOne() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("M")
        harness.state.modals.append(.confirmation(Confirmation(title: "?", lines: []), onConfirm: [.loadDatasets]))
        #expect(harness.state.modals.count == 2)
        await harness.press("esc")
        guard case .messages? = harness.state.overlay else { Issue.record("the message log should be left"); return }
        await harness.press("esc")
        #expect(harness.state.modals.isEmpty)
    }

    /// Effects are the specification: nothing runs before a confirmation says yes, and then
    /// exactly what it was asked to.
    @Test func aConfirmationRunsItsEffectsOnlyOnYes() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let ask = Modal.confirmation(Confirmation(title: "Theme", lines: ["Use the light theme?"]), onConfirm: [.loadTheme("light")])
        harness.state.modals.append(ask)
        #expect(harness.state.handle(.key(.character("x")), keys: harness.keys).isEmpty)
        #expect(harness.state.handle(.key(.enter), keys: harness.keys).isEmpty, "Enter on the default No")
        #expect(harness.state.modals.isEmpty)
        harness.state.modals.append(ask)
        #expect(harness.state.handle(.key(.tab), keys: harness.keys).isEmpty)
        #expect(harness.state.handle(.key(.enter), keys: harness.keys).isEmpty, "Tab and Enter: no, only y says yes")
        harness.state.modals.append(ask)
        #expect(harness.state.handle(.key(.character("y")), keys: harness.keys) == [.loadTheme("light")])
        let screen = harness.canvas().rows.joined(separator: "\n")
        #expect(!screen.contains("Use the light theme?"))
    }

    @Test func theKeysThatAskForWorkSayWhichEffects() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter")
        let refresh = harness.state.handle(.key(.character("R")), keys: harness.keys)
        #expect(refresh == [.loadTable(try TableRef(parsing: "\(Self.p).rasone.tabell_1"))])
        harness.state.started(refresh)  // what the runtime does; the answer does not matter here
        #expect(harness.state.handle(.key(.character("L")), keys: harness.keys) == [.loadLineage(lineageFile: nil)])
        // Leaving while it loads stops the build.
        #expect(harness.state.handle(.key(.escape), keys: harness.keys) == [.cancelLineage])
        #expect(harness.state.handle(.key(.character("y")), keys: harness.keys) == [.copyToClipboard("`\(Self.p).rasone.tabell_1`")])
    }

    @Test func pastedTextGoesIntoTheFieldWhole() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("/")
        await harness.send(.paste("stønad\n"))
        #expect(harness.state.explorer.filter == "stønad " && harness.state.explorer.filterInput != nil)
        await harness.press("ctrl-w")
        #expect(harness.state.explorer.filter == "")
    }

    @Test func theFooterShowsTheKeysOfWhatHasFocus() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let footer = { harness.canvas().rows.last ?? "" }
        #expect(footer().contains("enter  open") && footer().contains("?  help"))
        await harness.press("/")
        #expect(footer().contains("enter  done  esc  cancel  ctrl-w  delete word") && !footer().contains("help"), "\(footer())")
        await harness.press("esc", ":")
        #expect(footer().contains("tab  complete"))
        await harness.press("esc")
        harness.state.modals.append(.confirmation(Confirmation(title: "?", lines: []), onConfirm: []))
        #expect(footer().contains("y  yes") && footer().contains("n/enter/esc  no"))
    }
}

@Suite("Who am I")
struct WhoAmITests {
    /// Groups change (a new team, a left one): `W` asks the marketplace again and reloads the
    /// dataprodukter the user's groups now own.
    @Test func wAsksAgainWhoTheUserIsAndReloadsTheirDataprodukter() async throws {
        let harness = try await Harness(width: 120, height: 30)
        #expect(harness.state.catalog.products.count == 3)
        let moved = UserContext(name: "Ola Nordmann", email: "ola.nordmann@nav.no", groups: ["team-annet@nav.no"], teamProjects: [])
        let json = String(decoding: try JSONEncoder().encode(moved), as: UTF8.self)
        try await harness.workspace.pool.write { db in try SettingRow(key: "user", value: json).update(db) }
        await harness.press("W")
        #expect(harness.state.toast?.text == "Signed in as Ola Nordmann <ola.nordmann@nav.no> — groups: team-annet@nav.no")
        #expect(harness.state.catalog.products.isEmpty, "the team's dataprodukter are no longer the user's")
        #expect(harness.state.inFlight == 0)
        await harness.press(":")
        await harness.type("whoami")
        await harness.press("enter")
        #expect(harness.state.messages.filter { $0.text.hasPrefix("Signed in as") }.count == 2)
    }
}
