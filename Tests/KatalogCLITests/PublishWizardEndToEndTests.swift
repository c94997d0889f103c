import Foundation
import Glibc
import Testing
@testable import KatalogTestSupport

/// The publish wizard in the real binary under tmux: `p` on a table, filled, `kill -9` on page 3,
/// started again, the draft resumed, submitted — and the dataprodukt exists exactly once, on the
/// demo workspace and on the test marketplace server.
@Suite("The publish wizard end to end (tmux)", .serialized, .offThePool)
struct PublishWizardEndToEndTests {
    typealias Tmux = TerminalEndToEndTests.Tmux

    @Test(arguments: ["local", "rest"])
    func killedOnPageThreeItResumesAndPublishesOnce(_ backend: String) async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        var server: MarketplaceTestServer?
        defer { server?.stop() }
        var prefix = "", suffix = "; echo \"exit=$?\""
        if backend == "rest" {
            let now = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
            let started = try await MarketplaceTestServer.seeded(like: katalog, token: "katalog-test-marketplace-token-e2e", now: now)
            server = started
            prefix = "KATALOG_MARKETPLACE_TOKEN=katalog-test-marketplace-token-e2e "
            suffix = " --marketplace \(started.url.absoluteString); echo \"exit=$?\""
        }
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.startKatalog(prefix: prefix, suffix: suffix)
        try tmux.openWizard()
        try tmux.send("Tab")
        try tmux.type("Vedtak daglig")
        try tmux.send("Tab")
        try tmux.type("Per dag og utfall.")
        try tmux.send("Tab", "Tab", "Enter")
        try tmux.waitFor("https://teamkatalog.nav.no/team/6a1f3c2e")
        try tmux.send("Enter")
        try tmux.send("Tab")
        try tmux.type("team-dagpenger")
        try tmux.send("C-n")
        try tmux.waitFor("Datasett  2/5")
        try tmux.send("C-n")
        try tmux.waitFor("Personal data  3/5")
        try await Task.sleep(nanoseconds: 500_000_000)

        // kill -9: nothing runs in katalog after this.
        let child = try #require(try tmux.katalogPID())
        #expect(kill(child, SIGKILL) == 0)
        try tmux.waitFor("exit=137")
        try tmux.type("stty sane; tput rmcup; clear")
        try tmux.send("Enter")

        try tmux.startKatalog(prefix: prefix, suffix: suffix)
        try tmux.send("3")
        try tmux.waitFor("Resume the draft “Vedtak daglig")
        try tmux.send("y")
        try tmux.waitFor("Personal data  3/5")
        try tmux.send("C-n")
        try tmux.waitFor("Access  4/5")
        try tmux.send("C-n")
        try tmux.waitFor("Enter submits (asks first).")
        try tmux.send("Enter")
        try tmux.waitFor("[ y: Yes ]")
        try tmux.send("y")
        try tmux.waitFor("Published: “Vedtak daglig” (vedtak-daglig).")
        try tmux.send("Escape")
        try tmux.send("q")
        try tmux.waitFor("exit=0")

        if let server {
            #expect(server.with { $0.products.values.filter { $0.slug == "vedtak-daglig" }.count } == 1)
            #expect(server.received.filter { $0.method == "POST" && $0.uri == "/api/dataproducts/new" }.count == 1)
        } else {
            let products = try katalog.run(["products", "--json", "--workspace", katalog.workspace])
            let list = try #require(try JSONSerialization.jsonObject(with: Data(products.stdout.utf8)) as? [[String: Any]])
            #expect(list.filter { $0["slug"] as? String == "vedtak-daglig" }.count == 1)
        }
        let drafts = try katalog.run(["drafts", "--workspace", katalog.workspace])
        #expect(drafts.stdout.contains("No drafts."), "the draft went with the success: \(drafts.stdout)")
    }
}

