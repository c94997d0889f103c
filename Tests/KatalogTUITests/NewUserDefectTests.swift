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

    @Test func aLineageSelectorForATableThatIsNotThereSaysSo() async throws {
        let harness = try await Harness(width: 160, height: 40)
        for text in ["lineage +rasone.nope", "lineage rasone.nope+", "lineage 2+rasone.nope+1"] {
            await harness.press(":")
            await harness.type(text)
            await harness.press("enter")
            #expect(harness.state.toast?.isError == true && harness.state.toast?.text.contains("rasone.nope is not in the lineage") == true, "\(text)")
            #expect(harness.state.lineage.focus == nil)
        }
        await harness.press(":")
        await harness.type("lineage +")
        await harness.press("enter")
        #expect(harness.state.toast?.text.contains("names no table") == true)
    }

    @Test func tablePlusIsEveryDescendant() async throws {
        let harness = try await Harness(width: 200, height: 50)
        await harness.press(":")
        await harness.type("lineage rasone.tabell_1+")
        await harness.press("enter")
        let graph = try #require(harness.state.lineage.graph)
        let expected = graph.reachable(from: "\(Self.p).rasone.tabell_1", upstream: false).union(["\(Self.p).rasone.tabell_1"])
        #expect(Set(harness.state.lineage.walked?.nodes.map(\.id) ?? []) == expected)
        #expect(expected.count > 3, "more than the first hop")
        #expect(harness.screen().contains("focus 0+…+*"))
    }

    @Test func tabListsTheCandidatesLikeAShell() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press(":")
        await harness.type("goto rasone.tab")
        await harness.press("tab")
        #expect(harness.state.commandLine?.text == "goto rasone.tabell_")
        let rows = harness.canvas().rows
        let list = rows[harness.state.height - 3]
        #expect(list.contains("rasone.tabell_1") && list.contains("rasone.tabell_2") && list.contains("rasone.tabell_n"), "\(list)")
        await harness.press("n", "tab")
        #expect(harness.state.commandLine?.text == "goto rasone.tabell_n" && harness.state.completions.isEmpty)
        // Inside :lineage too, after the hops.
        await harness.press("esc", ":")
        await harness.type("lineage 2+rasone.stø")
        await harness.press("tab")
        #expect(harness.state.commandLine?.text == "lineage 2+rasone.stønadshistorikk")
    }

    @Test func everyMistakeInLineageYamlIsALineOfItsOwn() async throws {
        let harness = try await Harness(width: 120, height: 30)
        let file = harness.folder.appendingPathComponent("lineage.yaml")
        try "flows:\n  - from: [kafka:a]\n    through: feil\n    to: rasone.tabell_1\n  - from: [kafka:b]\n    through: nope\n    to: rasone.tabell_1\n"
            .write(to: file, atomically: true, encoding: .utf8)
        harness.state.lineageFile = file.path
        await harness.press("2")
        let errors = harness.state.messages.filter(\.isError)
        #expect(errors.count >= 2 && errors.allSatisfy { $0.text.contains("lineage.yaml:") }, "\(errors.map(\.text))")
        #expect(harness.state.toast?.text.contains("more: M shows them all") == true)
        #expect(!harness.screen().contains("\\x0a"))
        await harness.press("M")
        #expect(!harness.screen().contains("\\x0a") && harness.screen().contains("lineage.yaml:3"))
    }

    @Test func aFailedScheduledQueryShowsWhyAndItsScheduleItsZone() async throws {
        let harness = try await Harness(width: 160, height: 40)
        for _ in 0..<30 where harness.state.explorer.selection != .section(.scheduledQueries) { await harness.press("j") }
        await harness.press("enter")
        for _ in 0..<5 where !harness.screen().contains("Query error") { await harness.press("j") }
        let screen = harness.screen()
        #expect(screen.contains("every day 05:00 (UTC)") && screen.contains("Query error: Column dagsats"), "\(screen)")
        #expect(screen.contains("Next run"))
    }

    @Test func tablesWithoutLineageFoldIntoOneNodePerDataset() async throws {
        let harness = try await Harness(width: 160, height: 40) { workspace in
            let dataset = DatasetRef(project: try ProjectID(Self.p), dataset: try DatasetID("rasone"))
            let tables = try (1...60).map { TableInfo(ref: TableRef(dataset, try TableID(String(format: "gammel_%02d", $0))), kind: .table) }
            try await workspace.warehouseStore.store(datasets: [], tables: tables)
        }
        await harness.press("2")
        let shown = try #require(harness.state.lineage.shown)
        #expect(shown.node(LineageGraph.lonersID(dataset: "\(Self.p).rasone"))?.label == "+60 tables without lineage")
        #expect(!shown.nodes.contains { $0.id.contains("gammel_") })
        harness.state.selectLineageNode(LineageGraph.lonersID(dataset: "\(Self.p).rasone"))
        await harness.press("enter")
        #expect(harness.state.lineage.shown?.nodes.filter { $0.id.contains("gammel_") }.count == 60)
        #expect(harness.state.lineage.graph?.nodes.filter { $0.id.contains("gammel_") }.count == 60, "the graph keeps them all")
    }

    @Test func aCutColumnDescriptionIsReadWholeOnItsRow() async throws {
        let harness = try await Harness(width: 80, height: 40)
        await harness.press(":")
        await harness.type("goto rasone.tabell_1")
        await harness.press("enter")
        #expect(!harness.screen().contains("Søknadens id i dp-soknad"), "cut at 80 columns")
        await harness.press("tab")
        for _ in 0..<30 where !harness.screen().contains("Søknadens id i dp-soknad") { await harness.press("j") }
        #expect(harness.screen().contains("Søknadens id i dp-soknad"), "the row under the cursor shows it whole")
        await harness.press("j")
        #expect(harness.state.explorer.details.cursor > 0)
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

@Suite("Defects a new user hit: shift-arrows on the Lineage screen")
struct ShiftArrowTests {
    /// From every node, Shift-Down and Shift-Up go to the next box in the same column, never past one.
    @Test func shiftUpAndDownStepThroughAColumnWithoutSkipping() async throws {
        let harness = try await Harness(width: 160, height: 40)
        await harness.press("2")
        let layout = try #require(harness.state.lineage.layout)
        var checked = 0
        for box in layout.boxes.values where !box.id.hasPrefix("~") {
            let column = layout.boxes.values.filter { $0.x == box.x && !$0.id.hasPrefix("~") }
            for (key, next) in [("shift-down", column.filter { $0.y > box.y }.min { $0.y < $1.y }),
                                ("shift-up", column.filter { $0.y < box.y }.max { $0.y < $1.y })] {
                guard let next else { continue }
                harness.state.selectLineageNode(box.id)
                await harness.press(key)
                #expect(harness.state.lineage.selection == next.id, "\(key) from \(box.id) \(box) to \(String(describing: layout.boxes[harness.state.lineage.selection ?? ""])) not \(next)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }
}
