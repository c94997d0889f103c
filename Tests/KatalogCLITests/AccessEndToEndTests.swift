import Foundation
import Glibc
import Testing
@testable import KatalogTestSupport

/// The Access screen in the real binary under tmux: the demo's inbox reviewed — one approved,
/// one denied with a reason —, a grant revoked and the revoke undone; then `katalog audit --json`
/// shows exactly those changes.
@Suite("The Access screen end to end (tmux)", .serialized, .offThePool)
struct AccessEndToEndTests {
    typealias Tmux = TerminalEndToEndTests.Tmux

    @Test(arguments: ["local", "rest"])
    func reviewTheInboxRevokeUndoAndTheAuditShowsIt(_ backend: String) async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        var server: MarketplaceTestServer?
        defer { server?.stop() }
        var prefix = "", suffix = "; echo \"exit=$?\""
        if backend == "rest" {
            let now = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
            let started = try await MarketplaceTestServer.seeded(like: katalog, token: "katalog-test-marketplace-token-access", now: now)
            server = started
            prefix = "KATALOG_MARKETPLACE_TOKEN=katalog-test-marketplace-token-access "
            suffix = " --marketplace \(started.url.absoluteString); echo \"exit=$?\""
        }
        let before = try katalog.run(["audit", "--json", "--workspace", katalog.workspace])
        let earlier = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]]).count
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.startKatalog(prefix: prefix, suffix: suffix)
        try tmux.send("4")
        try tmux.waitFor("Requests (3)")
        try tmux.send("a")
        try tmux.waitFor("Approve 1 request?")
        try tmux.send("y")
        try tmux.waitFor("Requests (2)")
        try tmux.send("d")
        try tmux.waitFor("Reason for the denial (1):")
        try tmux.type("Mangler behandlingsgrunnlag")
        try tmux.send("Enter")
        try tmux.waitFor("Deny 1 request?")
        try tmux.waitFor("Reason: Mangler behandlingsgrunnlag")
        try tmux.send("y")
        try tmux.waitFor("Requests (1)")
        try tmux.send("Tab")
        try tmux.waitFor("GRANTED BY")
        try tmux.send("r")
        try tmux.waitFor("Revoke 1 grant?")
        try tmux.send("y")
        try tmux.waitFor("u undoes")
        try tmux.send("u")
        try tmux.waitFor("Undo: grant the access again?")
        try tmux.send("y")
        try tmux.waitFor("1 done.")
        try tmux.send("q")
        try tmux.waitFor("exit=0")

        let after = try katalog.run(["audit", "--json", "--workspace", katalog.workspace])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        // Over REST each change is an intent and its outcome; the outcomes are the changes.
        let new = events.prefix(events.count - earlier).filter { $0["status"] as? String != "intended" }.compactMap { $0["action"] as? String }
        #expect(events.prefix(events.count - earlier).allSatisfy { ["done", "succeeded", "intended"].contains($0["status"] as? String ?? "") })
        #expect(new == ["grant.create", "grant.revoke", "request.deny", "request.approve"], "newest first: \(new)")
        #expect(events.first { $0["action"] as? String == "request.deny" }.map { ($0["detail"] as? String)?.contains("Mangler behandlingsgrunnlag") == true } == true)
        let changes = events.prefix(events.count - earlier)
        #expect(changes.contains { ($0["detail"] as? String)?.hasSuffix("venter → godkjent") == true }, "before → after")
        #expect(changes.contains { ($0["detail"] as? String)?.hasSuffix("aktiv → trukket") == true })
        let expected = backend == "rest" ? "Datamarkedsplassen \(server!.url.absoluteString)" : "local workspace"
        #expect(changes.allSatisfy { $0["backend"] as? String == expected }, "which backend each change went to")
        if let server {
            server.with { state in
                #expect(state.requests.filter { $0.status == "approved" }.count == 1 && state.requests.filter { $0.status == "denied" }.count == 1)
                #expect(state.requests.first { $0.status == "denied" }?.reason == "Mangler behandlingsgrunnlag")
            }
        }
    }

    /// Against the test marketplace server: a risk fixed (the expired grant still in IAM, revoked
    /// on the server) and the drift reconciled, from the keyboard.
    @Test func aRiskFixedAndDriftReconciledAgainstTheServer() async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let now = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
        let server = try await MarketplaceTestServer.seeded(like: katalog, token: "katalog-test-marketplace-token-risks", now: now)
        defer { server.stop() }
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.startKatalog(prefix: "KATALOG_MARKETPLACE_TOKEN=katalog-test-marketplace-token-risks ",
                              suffix: " --marketplace \(server.url.absoluteString); echo \"exit=$?\"")
        try tmux.send("4")
        try tmux.waitFor("Drift (2)")
        try tmux.send("Tab", "Tab")
        try tmux.waitFor("WHAT, AND WHAT TO DO")
        try tmux.type("/")
        try tmux.type("has expired")
        try tmux.send("Enter")
        try tmux.waitFor("Risks (1)")
        try tmux.send("f")
        try tmux.waitFor("Revoke the grant?")
        try tmux.send("y")
        try tmux.waitFor("Risks (0)")
        try tmux.send("Escape", "Tab")
        try tmux.waitFor("binding, no grant")
        try tmux.send("f")
        try tmux.waitFor("Reconcile?")
        try tmux.send("y")
        try tmux.waitFor("Drift (1)")
        try tmux.send("q")
        try tmux.waitFor("exit=0")
        server.with { state in
            #expect(state.accesses.first { $0.subject == "user:per.hansen@nav.no" }?.revoked != nil, "revoked on the server")
        }
    }
}
