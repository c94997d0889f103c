import Foundation
import Glibc
import Testing

/// The Access screen in the real binary under tmux: the demo's inbox reviewed — one approved,
/// one denied with a reason —, a grant revoked and the revoke undone; then `katalog audit --json`
/// shows exactly those changes.
@Suite("The Access screen end to end (tmux)", .serialized)
struct AccessEndToEndTests {
    typealias Tmux = TerminalEndToEndTests.Tmux

    @Test func reviewTheInboxRevokeUndoAndTheAuditShowsIt() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let before = try katalog.run(["audit", "--json", "--workspace", katalog.workspace])
        let earlier = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]]).count
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.startKatalog()
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
        try tmux.waitFor("Requests (1)")
        try tmux.send("Tab")
        try tmux.waitFor("GRANTED BY")
        try tmux.send("r")
        try tmux.waitFor("Revoke 1 grant?")
        try tmux.send("y")
        try tmux.waitFor("u undoes")
        try tmux.send("u")
        try tmux.waitFor("1 done.")
        try tmux.send("q")
        try tmux.waitFor("exit=0")

        let after = try katalog.run(["audit", "--json", "--workspace", katalog.workspace])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        let new = events.prefix(events.count - earlier).compactMap { $0["action"] as? String }
        #expect(new == ["grant.create", "grant.revoke", "request.deny", "request.approve"], "newest first: \(new)")
        #expect(events.first { $0["action"] as? String == "request.deny" }.map { ($0["detail"] as? String)?.contains("Mangler behandlingsgrunnlag") == true } == true)
    }
}
