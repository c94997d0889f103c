import Foundation
import Glibc
import GRDB
import Testing
import KatalogTestSupport

/// `kill -9` at random moments while katalog changes things — grants and revokes, a bulk
/// approve, a manifest applied and its dataprodukt deleted, the metadata cache refreshed, the
/// publish wizard typed into: the workspace stays whole (`PRAGMA integrity_check`), the audit
/// log and the state agree exactly — no change without its record, no record without its
/// change — a partly applied manifest converges on the next apply, and a draft loses at most
/// what was typed since its last save.
@Suite("Killed in the middle of a change", .serialized, .offThePool)
struct CrashSafetyTests {
    static let now = "2026-11-25 12:00:00.000"

    /// Runs `arguments(round)` `trials` times, each killed with SIGKILL at a random moment within
    /// `span` seconds (some finish first), then `check` on the workspace. Returns how many were killed.
    static func killAtRandom(_ katalog: KatalogBinary, trials: Int, span: TimeInterval, environment: [String: String] = [:],
                             _ arguments: (Int) throws -> [String], check: (Int) throws -> Void = { _ in }) throws -> Int {
        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for round in 0..<trials {
            let process = try katalog.start(try arguments(round), environment: environment)
            usleep(useconds_t(Double.random(in: 0...span, using: &generator) * 1_000_000))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killed += 1 }
            process.waitUntilExit()
            try check(round)
        }
        return killed
    }

    /// How long one run of `arguments` takes here, so the kills fall across the whole of it.
    static func span(_ katalog: KatalogBinary, _ arguments: [String], environment: [String: String] = [:]) throws -> TimeInterval {
        let started = Date()
        let result = try katalog.run(arguments, environment: environment)
        precondition(result.status == 0, result.stderr)
        return max(0.005, Date().timeIntervalSince(started) * 1.2)
    }

    static func read<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    static func integrity(_ path: String) throws -> Bool {
        try read(path) { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" }
    }

    static func uuid(_ hex: String) -> String {
        let h = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-")
    }

    static func audited(_ db: Database, _ action: String) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT lower(target) FROM auditEvent WHERE action = ? AND time = ?", arguments: [action, now]))
    }

    @Test func grantAndRevoke() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let trials = Stress.count(quick: 40, long: 100)
        var tally = Tally()
        let span = try Self.span(katalog, ["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:forste@nav.no"] + ws)
        let killed = try Self.killAtRandom(katalog, trials: trials, span: span, { round in
            let active = try Self.read(katalog.workspace) { db in
                try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessGrant WHERE revoked IS NULL AND subject GLOB 'user:k[0-9]*'")
            }
            if round % 3 == 2, let id = active.randomElement() { return ["access", "revoke", Self.uuid(id)] + ws }
            return ["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:k\(round)@nav.no"] + ws
        }, check: { _ in tally.check(try Self.integrity(katalog.workspace), "integrity") })
        tally.check(killed >= trials / 4, "only \(killed) of \(trials) were still running when killed")
        try Self.read(katalog.workspace) { db in
            let created = Set(try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessGrant WHERE created = ? AND subject LIKE 'user:%'", arguments: [Self.now]).map(Self.uuid))
            let revoked = Set(try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessGrant WHERE created = ? AND subject LIKE 'user:%' AND revoked IS NOT NULL", arguments: [Self.now]).map(Self.uuid))
            let (grants, revokes) = (try Self.audited(db, "grant.create"), try Self.audited(db, "grant.revoke"))
            tally.check(!created.isEmpty, "no grant was made")
            tally.check(grants == created, "unaudited grants: \(created.subtracting(grants)), records without a grant: \(grants.subtracting(created))")
            tally.check(revokes == revoked, "unaudited revokes: \(revoked.subtracting(revokes)), records without a revoke: \(revokes.subtracting(revoked))")
        }
        Stress.report("kill -9: grant and revoke (local workspace)", volume: "\(trials) runs, \(killed) killed", failures: tally.failures,
                      lost: tally.failures == 0 ? "nothing" : "see the failures")
    }

    @Test func bulkApprove() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let trials = Stress.count(quick: 15, long: 100)
        // Requests like the demo's first, five for each trial.
        try Sqlite.run(katalog.workspace, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(trials * 5))
            INSERT INTO accessRequest SELECT randomblob(16), r.datasettID, 'user:b' || n.i || '@nav.no', r.owner, r.created, 'pending', NULL, NULL, NULL, NULL, NULL, r.platform
            FROM n, (SELECT * FROM accessRequest WHERE subject = 'user:nora.berg@nav.no') r
            """)
        func pending(_ count: Int) throws -> [String] {
            try Self.read(katalog.workspace) { db in
                try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessRequest WHERE status = 'pending' AND subject GLOB 'user:b[0-9]*' LIMIT ?", arguments: [count])
            }.map(Self.uuid)
        }
        var tally = Tally()
        let span = try Self.span(katalog, ["access", "approve", "--force"] + (try pending(5)) + ws)
        let killed = try Self.killAtRandom(katalog, trials: trials, span: span, { round in
            round % 4 == 3 ? ["access", "deny", try pending(1).first ?? "", "--reason", "Ikke behov"] + ws : ["access", "approve", "--force"] + (try pending(5)) + ws
        }, check: { _ in tally.check(try Self.integrity(katalog.workspace), "integrity") })
        try Self.read(katalog.workspace) { db in
            func requests(_ status: String) throws -> Set<String> {
                Set(try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessRequest WHERE status = ? AND subject GLOB 'user:b[0-9]*'", arguments: [status]).map(Self.uuid))
            }
            let (approved, denied) = (try requests("approved"), try requests("denied"))
            let grants = Set(try String.fetchAll(db, sql: "SELECT subject FROM accessGrant WHERE subject GLOB 'user:b[0-9]*'"))
            let approvedSubjects = Set(try String.fetchAll(db, sql: "SELECT subject FROM accessRequest WHERE status = 'approved' AND subject GLOB 'user:b[0-9]*'"))
            tally.check(!approved.isEmpty, "nothing was approved")
            tally.check(try Self.audited(db, "request.approve") == approved, "approvals and their records differ")
            tally.check(try Self.audited(db, "request.deny") == denied, "denials and their records differ")
            tally.check(grants == approvedSubjects, "an approval without its grant, or a grant without its approval")
        }
        Stress.report("kill -9: bulk approve (5 a run) and deny", volume: "\(trials) runs, \(killed) killed", failures: tally.failures,
                      lost: tally.failures == 0 ? "nothing" : "see the failures")
    }

    /// Apply, killed; when the dataprodukt is whole, delete it, killed. Each round the audit log
    /// and the dataprodukter agree; at the end one more apply converges on the manifest.
    @Test func manifestApplyAndDelete() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let manifest = katalog.home.appendingPathComponent("dataprodukt.yaml").path
        try PublishCommandTests.manifest.write(toFile: manifest, atomically: true, encoding: .utf8)
        let apply = ["publish", "-f", manifest, "--apply", "--yes"] + ws
        let trials = Stress.count(quick: 15, long: 100)
        var tally = Tally()
        let span = try Self.span(katalog, apply)
        _ = try katalog.run(["products", "delete", "vedtak-daglig", "--yes"] + ws)
        func agree() throws {
            try Self.read(katalog.workspace) { db in
                let products = Set(try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM dataprodukt WHERE slug = 'vedtak-daglig'").map(Self.uuid))
                let all = try String.fetchAll(db, sql: "SELECT lower(target) FROM auditEvent WHERE action = 'dataprodukt.create' AND detail LIKE '«Vedtak daglig»%'")
                let deleted = try Self.audited(db, "dataprodukt.delete")
                tally.check(Set(all).subtracting(deleted) == products, "dataprodukter \(products) against their records \(all) − \(deleted)")
                let datasett = try Int.fetchOne(db, sql: "SELECT count(*) FROM datasett d JOIN dataprodukt p ON p.id = d.dataproduktID WHERE p.slug = 'vedtak-daglig'") ?? 0
                let created = try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEvent WHERE action = 'datasett.create' AND (detail LIKE '«Daglig»%' OR detail LIKE '«Søknader beriket»%')") ?? 0
                let gone = try String.fetchAll(db, sql: "SELECT detail FROM auditEvent WHERE action = 'dataprodukt.delete' AND detail LIKE '«Vedtak daglig»%'")
                    .compactMap { $0.split(separator: " ").dropLast().last.flatMap { Int($0) } }.reduce(0, +)
                tally.check(created == datasett + gone, "\(created) datasett records, \(datasett) datasett and \(gone) deleted with their dataprodukt")
            }
        }
        let killed = try Self.killAtRandom(katalog, trials: trials, span: span, { _ in
            try katalog.run(["publish", "-f", manifest, "--detailed-exitcode"] + ws).status == 0 ? ["products", "delete", "vedtak-daglig", "--yes"] + ws : apply
        }, check: { _ in
            tally.check(try Self.integrity(katalog.workspace), "integrity")
            try agree()
        })
        let last = try katalog.run(apply)
        tally.check(last.status == 0, "the last apply: \(last.stderr)")
        let plan = try katalog.run(["publish", "-f", manifest, "--detailed-exitcode"] + ws)
        tally.check(plan.status == 0, "after the last apply the plan is empty: \(plan.stdout)")
        try agree()
        Stress.report("kill -9: manifest apply and dataprodukt delete", volume: "\(trials) runs, \(killed) killed", failures: tally.failures,
                      lost: tally.failures == 0 ? "nothing; the next apply converged" : "see the failures")
    }

    /// `ls -r` against the emulator fills the workspace's metadata cache; killed while it
    /// writes, the cache stays whole, and the next run lists what a fresh one lists.
    @Test(.enabled(if: CloudCommandTests.emulator != nil, "needs KATALOG_TEST_BIGQUERY (make test sets it)"))
    func metadataCacheRefresh() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let emulator = ["BIGQUERY_EMULATOR_HOST": CloudCommandTests.emulator!]
        let list = ["ls", "-r", "--no-sizes", "--json", "--project", "dagpenger-prod-4e2b"]
        let trials = Stress.count(quick: 5, long: 100)
        var tally = Tally()
        let fresh = katalog.home.appendingPathComponent("fresh.sqlite").path
        _ = try katalog.run(["demo", "--reset", "--workspace", fresh])
        let expected = try katalog.run(list + ["--workspace", fresh], environment: emulator)
        tally.check(expected.status == 0, expected.stderr)
        let span = try Self.span(katalog, list + ["--workspace", katalog.workspace], environment: emulator)
        let killed = try Self.killAtRandom(katalog, trials: trials, span: span, environment: emulator, { _ in list + ["--workspace", katalog.workspace] },
                                           check: { round in tally.check(try Self.integrity(katalog.workspace), "round \(round): integrity") })
        let after = try katalog.run(list + ["--workspace", katalog.workspace], environment: emulator)
        tally.check(after.status == 0 && after.stdout == expected.stdout, "after the kills the list differs from a fresh one: \(after.stderr)")
        Stress.report("kill -9: metadata cache refresh (ls -r on the emulator)", volume: "\(trials) runs, \(killed) killed", failures: tally.failures,
                      lost: tally.failures == 0 ? "nothing" : "see the failures")
    }

    /// Typing into the publish wizard, killed at a random moment up to 4.5 s later: a draft saved
    /// 2 s after the last key (the autosave) holds everything typed before it; killed sooner, the
    /// drafts are the ones before. Every round the workspace is whole and its drafts readable.
    @Test func wizardTypingAndDraftSaves() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let trials = Stress.count(quick: 3, long: 25)
        var tally = Tally()
        var killedLate = 0
        let tmux = try TerminalEndToEndTests.Tmux(katalog: katalog, term: "xterm-256color")
        for round in 0..<trials {
            try Sqlite.run(katalog.workspace, "DELETE FROM draft")
            try tmux.startKatalog()
            try tmux.openWizard()
            try tmux.send("Tab")
            let title = "Runde \(round) æøå"
            try tmux.type(title)
            let typed = Date()
            // Every other round after the autosave, the rest at any moment before it.
            let wait = round % 2 == 0 ? Double.random(in: 3.5...4.5) : Double.random(in: 0...3.5)
            Thread.sleep(forTimeInterval: wait)
            guard let child = try tmux.katalogPID() else {
                tally.check(false, "round \(round): katalog is not running")
                break
            }
            kill(child, SIGKILL)
            try tmux.waitFor("exit=137")
            let waited = Date().timeIntervalSince(typed)
            try tmux.type("stty sane; tput rmcup; clear")
            try tmux.send("Enter")
            tally.check(try Self.integrity(katalog.workspace), "round \(round): integrity")
            let drafts = try katalog.run(["drafts", "--json", "--workspace", katalog.workspace])
            tally.check(drafts.status == 0, "round \(round): the drafts cannot be read: \(drafts.stderr)")
            let titles = (try? JSONSerialization.jsonObject(with: Data(drafts.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
            // The autosave comes 2 s after the last key; a second more for the save itself on a busy machine.
            if waited >= 3.5 {
                killedLate += 1
                tally.check(titles.contains { $0.contains(title) }, "round \(round): killed \(waited) s after typing, the draft lost it: \(titles)")
            }
        }
        Stress.report("kill -9: publish wizard typing and its draft saves (tmux)", volume: "\(trials) runs, \(killedLate) killed after an autosave",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing beyond the 2 s save interval" : "see the failures")
    }
}
