import Foundation
import GRDB
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal
@testable import KatalogTUI

@Suite("Explorer behaviour")
struct ExplorerBehaviourTests {
    func rowLabels(_ harness: Harness) -> [String] { harness.state.explorerRows.map(\.label) }

    @Test func startsOnTheFirstDatasetAndLoadsDetailsWhenATableIsSelected() async throws {
        let harness = try await Harness()
        #expect(harness.state.explorer.selection == .dataset(try DatasetRef(project: ProjectID("dagpenger-prod-4e2b"), dataset: DatasetID("behandling"))))
        #expect(harness.state.inFlight == 0)
        #expect(harness.state.catalog.details.isEmpty)
        await harness.press("enter", "j")
        guard case let .table(ref)? = harness.state.explorer.selection else { Issue.record("expected a table"); return }
        #expect(ref.table.rawValue == "hendelser_per_time")
        #expect(harness.state.catalog.details[ref]?.query?.contains("TIMESTAMP_TRUNC") == true)
        #expect(harness.screen().contains("SQL"))
    }

    @Test func filterNarrowsHighlightsAndCycles() async throws {
        let harness = try await Harness()
        await harness.press("/")
        await harness.type("stønad")
        let rows = harness.state.explorerRows
        #expect(rows.map(\.label) == ["rasone", "stønadshistorikk"])
        #expect(rows[0].isContext && !rows[1].isContext)
        #expect(rows[1].matches == [0, 1, 2, 3, 4, 5])
        #expect(harness.canvas().roleRows[2].contains("MMMMMM"))
        await harness.press("enter")
        #expect(harness.state.input == nil && harness.state.explorer.filter == "stønad")

        await harness.press("/", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        await harness.type("tabel")
        await harness.press("enter")
        let matches = harness.state.explorerRows.filter { !$0.isContext }.map(\.label)
        #expect(matches == ["tabell_1", "tabell_2", "tabell_n"])
        await harness.press("n")
        await harness.press("n")
        #expect(harness.state.explorer.selection.map { "\($0)" }?.contains("tabell_n") == true)
        await harness.press("n")
        #expect(harness.state.explorer.selection.map { "\($0)" }?.contains("tabell_1") == true)
        await harness.press("N")
        #expect(harness.state.explorer.selection.map { "\($0)" }?.contains("tabell_n") == true)
        await harness.press("esc")
        #expect(harness.state.explorer.filter.isEmpty)
    }

    @Test func aFilterWithNoMatchesSaysSo() async throws {
        let harness = try await Harness()
        await harness.press("/")
        await harness.type("zzzz")
        #expect(harness.state.explorerRows.isEmpty)
        #expect(harness.screen().contains("no matches"))
        await harness.press("esc")
        #expect(rowLabels(harness).count == 6)
    }

    @Test func gotoJumpsAndBadRefsAreExplained() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press(":")
        await harness.type("goto dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")
        await harness.press("enter")
        #expect(harness.screen().contains("Dagpengevedtak › Vedtaksstatistikk"))
        #expect(harness.screen().contains("⚑ directly identifying"))
        await harness.press(":")
        await harness.type("goto rasone.finnes_ikke")
        await harness.press("enter")
        #expect(harness.state.toast?.isError == true)
        #expect(harness.screen().contains("rasone.finnes_ikke is not in the project"))
        await harness.press(":")
        await harness.type("goto tabell_1")
        await harness.press("enter")
        #expect(harness.state.toast?.text.contains("PROJECT.DATASET.TABLE") == true)
        await harness.press(":")
        await harness.type("nonsense")
        await harness.press("enter")
        #expect(harness.state.messages.count == 3)
        await harness.press("M")
        #expect(harness.screen().contains("Unknown command “nonsense”"))
        await harness.press("esc")
        #expect(harness.state.overlay == nil)
    }

    @Test func commandLineCompletes() async throws {
        let harness = try await Harness()
        await harness.press(":")
        await harness.type("go")
        await harness.press("tab")
        #expect(harness.state.input?.text == "goto ")
        await harness.type("rasone.tabell_")
        await harness.press("tab")
        #expect(harness.state.input?.text == "goto rasone.tabell_")
        await harness.type("n")
        await harness.press("tab")
        #expect(harness.state.input?.text == "goto rasone.tabell_n")
        await harness.press("esc")
        await harness.press(":")
        await harness.type("theme hi")
        await harness.press("tab")
        #expect(harness.state.input?.text == "theme high-contrast")
    }

    @Test func recordFieldsFoldAndUnfold() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter", "tab")
        #expect(harness.state.explorer.focus == .details)
        #expect(harness.screen().contains("├─ fødselsnummer"))
        // Down to the `person` RECORD line, then fold it.
        let lines = DetailView.lines(harness.state.explorer, harness.state.context, width: 60, glyphs: .unicode)
        let person = try #require(lines.firstIndex { $0.toggle?.hasSuffix("#person") == true })
        for _ in 0..<person { await harness.press("j") }
        await harness.press("enter")
        #expect(!harness.screen().contains("├─ fødselsnummer"))
        #expect(harness.screen().contains("▸ person"))
        await harness.press("l")
        #expect(harness.screen().contains("├─ fødselsnummer"))
        await harness.press("h")
        #expect(!harness.screen().contains("├─ fødselsnummer"))
        await harness.press("esc")
        #expect(harness.state.explorer.focus == .tree)
    }

    /// `--read-only` hides every key that changes data in one place: publishing is gone, and
    /// the Access screen opens to look but offers no approve, deny, revoke or fix.
    @Test func readOnlyHidesEveryKeyThatChangesData() async throws {
        let readOnly = try await Harness(readOnly: true)
        await readOnly.press("3")
        #expect(readOnly.state.navigation.top == .explorer, "publishing changes data: not under --read-only")
        #expect(readOnly.state.toast == nil)
        #expect(readOnly.screen().contains("read-only"))
        await readOnly.press("4")
        #expect(readOnly.state.navigation.top == .access)
        await readOnly.press("a", "r", "f", "u")
        #expect(readOnly.state.modals.isEmpty && readOnly.state.toast == nil)
        #expect(try await readOnly.services.access.requestsToHandle().count == 3)
    }

    /// `y` copies by default, exactly what the toast shows; `clipboard: false` only shows it.
    @Test func copyCopiesTheQuotedReferenceItShows() async throws {
        let harness = try await Harness()
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter")
        let effects = harness.state.handle(.key(.character("y")), keys: harness.keys)
        #expect(effects == [.copyToClipboard("`dagpenger-prod-4e2b.rasone.tabell_1`")])
        #expect(harness.state.toast?.text == "Copied `dagpenger-prod-4e2b.rasone.tabell_1`")
        let off = try await Harness()
        off.state.clipboardEnabled = false
        await off.press(":")
        await off.type("goto rasone.tabell_1")
        await off.press("enter")
        #expect(off.state.handle(.key(.character("y")), keys: off.keys).isEmpty)
        #expect(off.state.toast?.text == "`dagpenger-prod-4e2b.rasone.tabell_1` (copying is off: clipboard: false)")
    }

    @Test func resizeKeepsTheSelectionVisible() async throws {
        let harness = try await Harness(width: 100, height: 40)
        await harness.press("enter", "j", "enter", "j", "enter", "G")
        await harness.send(.resize(width: 70, height: 15))
        let rows = harness.canvas().rows
        #expect(rows.contains { $0.contains("Datastream") })
        await harness.send(.resize(width: 30, height: 8))
        #expect(harness.screen().contains("too small"))
        await harness.send(.resize(width: 100, height: 40))
        #expect(harness.screen().contains("Datastream"))
    }

    @Test func hostileDescriptionsRenderAsVisibleText() async throws {
        let harness = try await Harness(width: 160, height: 48) { workspace in
            let hostile = "Skjerm\u{1B}[2J klipp\u{1B}]52;c;ZXZpbA==\u{07} c1\u{9B}31m bidi\u{202E}snudd"
            try await workspace.pool.write { db in
                try db.execute(sql: "UPDATE bqTable SET description = ? || CAST(X'FF41' AS TEXT) WHERE tableId = 'tabell_2'", arguments: [hostile])
            }
        }
        await harness.press(":")
        await harness.type("goto rasone.tabell_2")
        await harness.press("enter")
        let screen = harness.screen()
        #expect(screen.contains("Skjerm\\x1b[2J klipp\\x1b]52;c;ZXZpbA==\\x07 c1\\x9b31m bidi<U+202E>snudd\u{FFFD}A"))
        #expect(!screen.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 || $0.value == 0x202E })
    }

    @Test func tenThousandTablesDrawOnlyWhatIsVisible() async throws {
        let harness = try await Harness(width: 120, height: 40) { workspace in
            let project = try ProjectID("dagpenger-prod-4e2b")
            let big = DatasetRef(project: project, dataset: try DatasetID("stor"))
            let tables = try (0..<10_000).map { TableInfo(ref: TableRef(big, try TableID(String(format: "tabell_%05d", $0))), kind: .table, numRows: Int64($0)) }
            try await workspace.warehouseStore.store(datasets: [DatasetInfo(ref: big, location: "EU")], tables: tables)
        }
        await harness.press(":")
        await harness.type("goto stor.tabell_09999")
        await harness.press("enter")
        let screen = harness.screen()
        #expect(screen.contains("tabell_09999"))
        #expect(!screen.contains("tabell_00000"))
        await harness.press("g")
        #expect(harness.screen().contains("behandling"))
    }
}

@Suite("Mouse, themes and the text cursor")
struct InputDetailsTests {
    @Test func clickSelectsAndWheelScrolls() async throws {
        let harness = try await Harness(width: 100, height: 30)
        // Row 3 of the screen is the third tree row: rasone.
        await harness.send(.mouse(x: 5, y: 3, button: .click))
        #expect(harness.state.explorer.selection.map { "\($0)" }?.contains("rasone") == true)
        await harness.send(.mouse(x: 5, y: 3, button: .wheelDown))
        #expect(harness.state.explorer.selection == .section(.connections))
        await harness.send(.mouse(x: 60, y: 4, button: .click))
        #expect(harness.state.explorer.focus == .details)
    }

    @Test func themeSwitchesLiveAndUnknownThemesAreExplained() async throws {
        let harness = try await Harness()
        await harness.press(":")
        await harness.type("theme nav")
        let effects = harness.state.handle(.key(.enter), keys: harness.keys)
        #expect(effects == [.loadTheme("nav")])
        await harness.send(.themeLoaded(name: "nav", error: nil))
        #expect(harness.state.themeName == "nav" && harness.state.toast?.text == "Theme: nav")
        await harness.send(.themeLoaded(name: "nope", error: ThemeError.unknown(name: "nope", known: ["default"]).message))
        #expect(harness.state.themeName == "nav" && harness.state.toast?.isError == true)
    }

    @Test func theCursorShowsOnlyInTextFields() async throws {
        let harness = try await Harness()
        #expect(harness.canvas().cursor == nil)
        await harness.press("/")
        await harness.type("rå")
        #expect(harness.canvas().cursor == CursorPosition(x: 3, y: 22))
        await harness.press("esc")
        #expect(harness.canvas().cursor == nil)
    }
}

@Suite("A part that cannot be loaded")
struct LoadFailureTests {
    @Test func aDisabledAPIIsANoticeInItsSectionNotACrash() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let failure = LoadFailure(ServiceError.backend(LocalizedText(nb: "Datastream API er ikke slått på.", en: "Datastream API is not enabled in the project.")))
        harness.state.started([.loadTransfers])
        await harness.send(.streamsLoaded(.failure(failure)))
        await harness.press("G", "l", "j")
        let screen = harness.screen()
        #expect(screen.contains("Could not be loaded"))
        #expect(screen.contains("Datastream API is not enabled in the project."))
        // Everything else still works.
        await harness.press("g")
        #expect(harness.screen().contains("behandling"))
    }
}

@Suite("Opening on the last known state")
struct LastKnownStateTests {
    @Test func theCacheShowsFirstAndFreshDataReplacesIt() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let fresh = try #require(harness.state.catalog.datasets)
        harness.state.catalog.datasets = nil
        harness.state.catalog.tables = [:]
        let fetched = try Date("2026-11-25T09:15:00Z", strategy: .iso8601)
        await harness.send(.lastKnownLoaded(datasets: Cached(value: Array(fresh.prefix(1)), fetched: fetched), tables: [:]))
        #expect(harness.screen().contains("cache from 2026-11-25 09:15, refreshing …"))
        #expect(harness.state.explorerRows.first?.label == "behandling")
        harness.state.started([.loadDatasets])
        await harness.send(.datasetsLoaded(.success(fresh)))
        #expect(!harness.screen().contains("cache from"))
        // A late cache answer never overwrites fresh data.
        await harness.send(.lastKnownLoaded(datasets: Cached(value: [], fetched: fetched), tables: [:]))
        #expect(harness.state.catalog.datasets?.count == fresh.count)
    }

    @Test func offlineIsSaidInWordsAndOnce() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let notice = OfflineNotice(since: try Date("2026-11-25T11:00:00Z", strategy: .iso8601),
                                   reason: LocalizedText(nb: "Fikk ikke kontakt med BigQuery.", en: "Could not reach BigQuery."),
                                   cachedFrom: try Date("2026-11-24T14:32:00Z", strategy: .iso8601))
        await harness.send(.offlineChanged(notice))
        await harness.send(.offlineChanged(notice))
        #expect(harness.state.messages.filter { $0.text.hasPrefix("Offline") }.count == 1)
        await harness.send(.tick)
        harness.state.toast = nil
        #expect(harness.screen().contains("⚠ offline — showing cached data from 2026-11-24 14:32"))
        await harness.send(.offlineChanged(nil))
        #expect(!harness.screen().contains("offline —"))
    }

    /// The backend unreachable and nothing cached: said until a call succeeds, never an
    /// empty project that looks real.
    @Test func offlineWithNothingCachedIsSaidUntilACallSucceeds() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let fresh = try #require(harness.state.catalog.datasets)
        harness.state.catalog.datasets = nil
        #expect(harness.screen().contains("waiting for local workspace to answer …"), "what is asked, while it is asked")
        await harness.send(.datasetsLoaded(.failure(LoadFailure(ServiceError.backend(LocalizedText(nb: "nede", en: "down"))))))
        harness.state.toast = nil
        #expect(harness.screen().contains("⚠ offline — nothing cached yet"))
        await harness.send(.tick)
        #expect(harness.screen().contains("⚠ offline — nothing cached yet"), "not only in a toast that fades")
        await harness.send(.datasetsLoaded(.success(fresh)))
        #expect(!harness.screen().contains("offline —"))
    }

    @Test func rOnADatasetLoadsEveryTablesDetails() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter", "h")
        #expect(harness.state.explorer.selection == .dataset(try DatasetRef(project: ProjectID("dagpenger-prod-4e2b"), dataset: DatasetID("rasone"))))
        let before = harness.state.catalog.details.keys.filter { $0.dataset.rawValue == "rasone" }.count
        await harness.press("R")
        let after = harness.state.catalog.details.filter { $0.key.dataset.rawValue == "rasone" }
        #expect(before < 5 && after.count == 5 && after.values.allSatisfy { !$0.schema.isEmpty })
        #expect(harness.state.toast?.text == "rasone: 5 tables loaded with all their details.")
    }
}

/// A query typed a character at a time narrows the previous matches; the rows are the same as
/// for the whole query at once.
@Suite("The filter narrows")
struct FilterNarrowingTests {
    @Test(arguments: ["vedt", "sø", "tab_1", "xyz"])
    func typingAndPastingAQueryGiveTheSameRows(_ query: String) async throws {
        let typed = try await Harness(width: 120, height: 40)
        await typed.press("/")
        await typed.type(query)
        let typedRows = ExplorerTree.rows(typed.state.explorer, typed.state.context).map { "\($0.depth) \($0.label) \($0.isContext) \($0.matches)" }
        let pasted = try await Harness(width: 120, height: 40)
        await pasted.press("/")
        await pasted.send(.paste(query))
        let pastedRows = ExplorerTree.rows(pasted.state.explorer, pasted.state.context).map { "\($0.depth) \($0.label) \($0.isContext) \($0.matches)" }
        #expect(typedRows == pastedRows)
        #expect(query == "xyz" ? typedRows.isEmpty : !typedRows.isEmpty)
    }
}
