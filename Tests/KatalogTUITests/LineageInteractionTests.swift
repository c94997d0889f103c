import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI

/// The Lineage screen beyond drawing: fans, finding a node, the legend, the column view and
/// moving by direction — driven by keys against the demo workspace.
@Suite("Lineage screen: fans, find, legend, columns")
struct LineageInteractionTests {
    static let p = "dagpenger-prod-4e2b"
    static let fanAnchor = "transfer:nais-app:dp-rapid-sink"
    static let fan = "fan:up:\(fanAnchor)"

    /// The demo with twelve more Kafka topics into the rapid sink (declared in lineage.yaml):
    /// thirteen sources on one side of one transfer, wider than the limit of eight.
    static func widened(width: Int = 160, height: Int = 48, language: Language = .en) async throws -> Harness {
        let harness = try await Harness(width: width, height: height, language: language)
        let file = harness.folder.appendingPathComponent("lineage.yaml")
        let topics = (1...12).map { String(format: "kafka:teamdagpenger-topic-%02d", $0) }.joined(separator: ", ")
        try "flows:\n  - from: [\(topics)]\n    through: nais-app:dp-rapid-sink\n    to: rasone.rapid_hendelser\n"
            .write(to: file, atomically: true, encoding: .utf8)
        harness.state.lineageFile = file.path
        return harness
    }

    @Test func aWideFanCollapsesAndExpandsOnEnterAndX() async throws {
        let harness = try await Self.widened()
        await harness.press("2")
        let shown = try #require(harness.state.lineage.shown)
        let sources = shown.edges.filter { $0.to == Self.fanAnchor }.map(\.from)
        #expect(sources.count == 8 && sources.contains(Self.fan))
        #expect(shown.node(Self.fan)?.label == "+6 more" && shown.node(Self.fan)?.kind == .collapsed)
        #expect(harness.screen().contains("… +6 more"))
        // The whole graph still has them all; only the drawing holds back.
        #expect(harness.state.lineage.graph?.edges.filter { $0.to == Self.fanAnchor }.count == 13)

        harness.state.selectLineageNode(Self.fan)
        await harness.press("enter")
        let expanded = try #require(harness.state.lineage.shown)
        #expect(expanded.node(Self.fan) == nil && expanded.edges.filter { $0.to == Self.fanAnchor }.count == 13)
        #expect(harness.state.lineage.selection == "source:kafka:teamdagpenger-topic-07")
        await harness.press("x")
        #expect(harness.state.lineage.shown?.node(Self.fan) != nil && harness.state.lineage.selection == Self.fan)
        // x where there is no fan says so.
        harness.state.selectLineageNode("\(Self.p).rasone.tabell_1")
        await harness.press("x")
        #expect(harness.state.toast?.text.hasPrefix("No fan here") == true)
    }

    @Test func slashFindsANodeEvenInsideACollapsedFanAndEscGoesBack() async throws {
        let harness = try await Self.widened()
        await harness.press("2")
        let origin = harness.state.lineage.selection
        await harness.press("/")
        await harness.type("meldekort_anon")
        #expect(harness.state.lineage.selection == "\(Self.p).dataprodukter.meldekort_anonymisert")
        #expect(harness.screen().contains("/meldekort_anon"))
        await harness.press("esc")
        #expect(harness.state.lineage.selection == origin && harness.state.input == nil)
        // A topic hidden in the fan is brought out.
        await harness.press("/")
        await harness.type("topic-12")
        await harness.press("enter")
        #expect(harness.state.lineage.selection == "source:kafka:teamdagpenger-topic-12")
        #expect(harness.state.lineage.shown?.node("source:kafka:teamdagpenger-topic-12") != nil)
        // n and N walk the matches of the last search.
        await harness.press("/")
        await harness.type("rasone.tabell")
        await harness.press("enter")
        let first = try #require(harness.state.lineage.selection)
        await harness.press("n")
        #expect(harness.state.lineage.selection != first && harness.state.lineage.selection?.contains("rasone.tabell_") == true)
        await harness.press("N")
        #expect(harness.state.lineage.selection == first)
        await harness.press("/")
        await harness.type("zzzq")
        #expect(harness.state.toast?.text == "No node matches “zzzq”.")
    }

    @Test func theLegendExplainsZonesMarkersAndLines() async throws {
        let harness = try await Harness(width: 120, height: 30)
        await harness.press("2", "L")
        let screen = harness.screen()
        for text in ["Legend", "Internal model", "Råsone", "materialized view", "collapsed fan (enter)", "against the flow: breaks a cycle"] {
            #expect(screen.contains(text), "\(text)")
        }
        try Golden.check(harness.canvas(), "lineage-legend-120x30-en")
        await harness.press("esc")
        #expect(!harness.state.lineage.legend && harness.state.shown == .lineage && !harness.screen().contains("Legend"))
    }

    @Test func theColumnViewWalksUpstreamAndDownstream() async throws {
        let harness = try await Harness(width: 120, height: 30, language: .nb)
        await harness.press("2")
        harness.state.selectLineageNode("\(Self.p).rasone.tabell_1")
        await harness.press("c")
        #expect(harness.state.lineage.columns)
        var screen = harness.screen()
        #expect(screen.contains("Oppstrøms (1)") && screen.contains("Nedstrøms (2)"))
        #expect(screen.contains("⇢ Datastream: dp-soknad til råsone") && screen.contains("V behandling.søknader_beriket"))
        try Golden.check(harness.canvas(), "lineage-columns-120x30-nb")
        // l: the middle becomes what reads tabell_1; j moves in it; h goes back up.
        await harness.press("l")
        #expect(harness.state.lineage.columnList == ["transfer:scheduled_query:Vedtaksstatistikk til dataprodukt", "\(Self.p).behandling.søknader_beriket"])
        await harness.press("j")
        #expect(harness.state.lineage.selection == "\(Self.p).behandling.søknader_beriket")
        await harness.press("h")
        #expect(harness.state.lineage.columnList == ["\(Self.p).rasone.tabell_1", "\(Self.p).rasone.tabell_2"])
        await harness.press("h")
        await harness.press("h")
        await harness.press("h")
        #expect(harness.state.toast?.text == "Ingenting oppstrøms: noden leser ingen andre.")
        screen = harness.screen()
        #expect(screen.contains("◆ postgres: dp-soknad-postgres"))
        await harness.press("esc")
        #expect(!harness.state.lineage.columns && harness.state.lineage.layout?.boxes[harness.state.lineage.selection ?? ""] != nil)
    }

    @Test func shiftArrowsMoveToTheNearestNodeThatWay() async throws {
        let harness = try await Harness(width: 160, height: 40)
        await harness.press("2")
        harness.state.selectLineageNode("source:oracle:tabell_n")
        await harness.press("shift-right")
        #expect(harness.state.lineage.selection == "transfer:naisjob:dp-arena-sync")
        await harness.press("shift-right")
        #expect(harness.state.lineage.selection == "\(Self.p).rasone.tabell_n")
        await harness.press("shift-left")
        #expect(harness.state.lineage.selection == "transfer:naisjob:dp-arena-sync")
        let layout = try #require(harness.state.lineage.layout)
        let before = layout.boxes[harness.state.lineage.selection!]!
        await harness.press("shift-down")
        let after = layout.boxes[harness.state.lineage.selection!]!
        #expect(after.y > before.y && after.x == before.x)
    }

    @Test func goldenCollapsedFan() async throws {
        let harness = try await Self.widened(width: 160, height: 48)
        await harness.press("2")
        harness.state.selectLineageNode(Self.fan)
        try Golden.check(harness.canvas(), "lineage-fan-160x48-en")
    }
}

@Suite("Lineage screen: a datasett's dataprodukt page")
struct ProductPageTests {
    @Test func enterOnADatasettOpensItsDataproduktPage() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("2")
        harness.state.selectLineageNode("dataprodukt:meldekort-anonymisert/meldekort-anonymisert")
        await harness.press("enter")
        #expect(harness.state.overlay?.productSlug == "meldekort-anonymisert")
        let screen = harness.screen()
        for text in ["★ Meldekort anonymisert", "Owner", "teamdagpenger@nav.no", "Datasett «Meldekort anonymisert»",
                     "dagpenger-prod-4e2b.dataprodukter.meldekort_anonymisert", "Personal data"] {
            #expect(screen.contains(text), "\(text)")
        }
        try Golden.check(harness.canvas(), "product-page-120x40-en")
        await harness.press("esc")
        #expect(harness.state.overlay == nil && harness.state.shown == .lineage)
    }

    /// `D` says what goes and who loses access, and deletes only once the name is typed.
    @Test func dOnADataproduktPageDeletesItOnceTheNameIsTyped() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("2")
        harness.state.selectLineageNode("dataprodukt:meldekort-anonymisert/meldekort-anonymisert")
        await harness.press("enter", "D")
        guard case let .confirmation(confirmation, _)? = harness.state.modals.last else {
            Issue.record("expected the typed confirmation")
            return
        }
        #expect(confirmation.typed == "Meldekort anonymisert" && confirmation.dangerous)
        #expect(confirmation.lines.contains { $0.contains("1 lose access — group:team-forskning@nav.no") }, "\(confirmation.lines)")
        await harness.type("Meldekort")
        await harness.press("enter")
        #expect(harness.state.modals.count == 2, "a name that does not match confirms nothing")
        await harness.type(" anonymisert")
        await harness.press("enter")
        #expect(harness.state.toast?.text == "Deleted “Meldekort anonymisert”.")
        #expect(!harness.state.catalog.products.contains { $0.slug == "meldekort-anonymisert" })
        #expect(try await harness.services.marketplace.myDataprodukter().count == 2)
    }
}

@Suite("Lineage screen at the edges")
struct LineageEdgeCaseTests {
    /// Every mode of the screen draws at the smallest size the layout supports, and below it
    /// the screen says it is too small — never a crash, never a line outside the grid.
    @Test(arguments: [(60, 15), (61, 16), (20, 5)])
    func everyModeDrawsAtSmallSizes(width: Int, height: Int) async throws {
        let harness = try await LineageInteractionTests.widened(width: width, height: height)
        await harness.press("2")
        let tooSmall = width < AppState.minimumWidth || height < AppState.minimumHeight
        for (keys, shows) in [(["L"], "Legend"), (["L", "c"], "Upstream"), (["c", "l", "j"], "nodes"), (["/"], "/"), (["esc", "x"], "Lineage")] {
            for key in keys { await harness.press(key) }
            // What the mode shows is there, or, below the minimum, the screen says it is too small.
            let screen = harness.screen()
            #expect(screen.contains(tooSmall ? "small" : shows), "\(keys)")
        }
        harness.state.selectLineageNode("dataprodukt:dagpengevedtak/vedtaksstatistikk")
        await harness.press("enter")
        #expect(harness.state.overlay?.productSlug == "dagpengevedtak")
        #expect(harness.screen().contains(tooSmall ? "small" : "Dagpengevedtak"))
    }

    /// Names from a lineage.yaml are the user's text: control characters never reach the
    /// terminal.
    @Test func hostileNamesInTheLineageFileAreMadeVisible() async throws {
        let harness = try await Harness(width: 160, height: 40)
        let file = harness.folder.appendingPathComponent("lineage.yaml")
        try "flows:\n  - from: \"kafka:topic\\e[2J\\e]52;c;aGk=\\a\"\n    through: \"naisjob:ond\\u0007\"\n    to: rasone.tabell_1\n"
            .write(to: file, atomically: true, encoding: .utf8)
        harness.state.lineageFile = file.path
        await harness.press("2")
        #expect(harness.state.lineage.graph?.nodes.contains { $0.label.contains("\u{1B}") } == true)  // the graph keeps the real name
        let rows = harness.canvas().rows
        #expect(!rows.joined().unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(rows.contains { $0.contains("kafka: topic") })
    }
}

@Suite("Lineage column view: scrolling and an unloaded graph")
struct LineageColumnScrollTests {
    /// Walking the whole middle column one row at a time, the selection is always on screen.
    @Test func theSelectionNeverScrollsOutOfView() async throws {
        let harness = try await Harness(width: 120, height: 20)
        await harness.press("2", "c", "g")
        let list = harness.state.lineage.columnList
        #expect(list.count == 28)
        harness.state.selectLineageNode(list[0])
        for index in list.indices {
            let label = try #require(harness.state.lineage.graph?.node(list[index])?.label)
            let canvas = harness.canvas()
            // A row of the body that shows the name and is painted as the selection.
            let shown = (1..<canvas.rows.count - 2).contains { canvas.rows[$0].contains(String(label.prefix(30))) && canvas.roleRows[$0].contains("S") }
            #expect(shown, "\(index): \(label)")
            await harness.press("j")
        }
        #expect(harness.screen().contains("28/28"))
    }

    /// Keys that need the graph, pressed before it is there, do nothing harmful.
    @Test func keysBeforeTheGraphIsLoadedAreHarmless() async throws {
        let harness = try await Harness(width: 100, height: 30)
        _ = harness.state.navigation.go(.switchTo(.lineage, .plain))
        harness.state.lineage.selection = "dagpenger-prod-4e2b.rasone.tabell_1"
        for key in ["c", "/", "t", "esc", "x", "l", "h", "j", "enter", "shift-right", "L", "f", "tab"] { await harness.press(key) }
        #expect(harness.canvas().rows.count == 30)
    }
}
