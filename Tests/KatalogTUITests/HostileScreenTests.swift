import Foundation
import GRDB
import Testing
import KatalogCore
import KatalogTestSupport
@testable import KatalogLocal
@testable import KatalogTUI

/// Hostile metadata planted in the workspace (HostileText: escapes, OSC 52 and 8, C1, DEL, bidi,
/// zero-width, 100,000-character strings, invalid UTF-8), then every screen walked — each row
/// of the Explorer opened, the lineage node by node and in columns, every page of the wizard on
/// a planted table, every access tab with its details, help, messages, the command line — at
/// three sizes: no cell of any frame holds a character a terminal acts on.
@Suite("Hostile metadata on every screen")
struct HostileScreenTests {
    @Test(arguments: [(60, 15), (80, 24), (160, 48)])  // 60×15 is the smallest katalog draws in
    func noFrameHoldsARawControl(_ width: Int, _ height: Int) async throws {
        try await offThePool { try await Self.walk(width, height) }
    }

    static func walk(_ width: Int, _ height: Int) async throws {
        let planted = Stress.count(quick: 400, long: 10_000)
        let harness = try await Harness(width: width, height: height) { workspace in
            try HostileText.plant(planted) { sql, arguments in
                try workspace.pool.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments)) }
            }
        }
        var tally = Tally()
        var frames = 0
        var shown: Set<String> = []
        func look(_ what: String) {
            let canvas = harness.canvas()
            frames += 1
            let text = canvas.rows.joined(separator: "\n")
            for visible in ["\\x1b[6666", "\\x1b]52", "<U+202E>", "\\x9b6666", "\\x7f"] where text.contains(visible) { shown.insert(visible) }
            // The rows as drawn, a cell's text each: one scan a frame.
            let raw = HostileText.unsafe(text, newlines: true)
            if !raw.isEmpty { tally.check(false, "\(what) at \(width)×\(height): \(Set(raw.map { String($0.value, radix: 16) }))") }
        }
        func walk(_ what: String, _ keys: [String], times: Int) async {
            for round in 0..<times {
                for key in keys { await harness.press(key); look("\(what) \(round) \(key)") }
            }
        }
        // The Explorer: every dataset opened, every table's details, the details pane scrolled.
        await walk("explorer", ["l", "j"], times: Stress.count(quick: 40, long: 90))
        await walk("explorer details", ["tab", "pgdn", "tab", "k"], times: 10)
        await walk("overlays", ["?", "esc", "M", "esc", ":", "esc"], times: 1)
        // Lineage: node by node, in columns, with the legend.
        await walk("lineage", ["2"], times: 1)
        await walk("lineage nodes", ["tab"], times: 40)
        await walk("lineage columns", ["c", "l", "l", "h", "j", "c", "L", "L"], times: 2)
        // The wizard: every page, filled with hostile text where it takes text.
        let hostile = "\u{1B}[6666H\u{202E}\u{9B}6666m"
        await walk("wizard", ["3"], times: 1)
        await harness.press("tab")
        await harness.type("Navn " + hostile)
        await harness.press("tab")
        await harness.type("Beskrivelse " + hostile)
        await walk("wizard page 0", ["tab", "tab", "enter", "enter", "tab"], times: 1)
        await harness.type("kontakt")
        var pages: Set<Int> = []
        func page() -> Int? { (harness.state.navigation[.publish] as? PublishScreen)?.form.page }
        pages.insert(page() ?? -1)
        await walk("wizard page 1", ["ctrl-n", "enter"], times: 1)
        await harness.type("vedtak_daglig")
        await walk("wizard page 1", ["enter", "tab", "tab", "tab", "tab"], times: 1)
        await harness.type(hostile)
        pages.insert(page() ?? -1)
        for next in 2...4 {
            await walk("wizard page \(next)", ["ctrl-n", "j", "right", "tab"], times: 1)
            pages.insert(page() ?? -1)
        }
        tally.check(pages.isSuperset(of: [0, 1, 2, 3, 4]), "the walk saw the wizard's pages \(pages.sorted()) of 0…4")
        await walk("wizard", ["esc"], times: 1)
        // Access review: every tab, every row's details.
        await walk("access", ["4"], times: 1)
        for tab in 0..<4 {
            await walk("access tab \(tab)", ["j", "enter", "esc"], times: 6)
            await walk("access tab \(tab)", ["tab"], times: 1)
        }
        Stress.report("hostile metadata: every screen in the terminal UI at \(width)×\(height)", volume: "\(planted) strings planted, \(frames) frames checked",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing; no raw control in any cell" : "see the failures")
        #expect(frames > 250)
        // Not an empty walk: the planted escapes were on screen, made visible.
        #expect(shown.count == 5, "shown visibly: \(shown.sorted())")
    }
}
