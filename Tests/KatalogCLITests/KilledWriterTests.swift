import Foundation
import Glibc
import GRDB
import Testing

/// `kill -9` at random moments while katalog grants and revokes: the workspace stays whole,
/// and the audit log and the grants agree exactly — no change without its record, no record
/// without its change.
@Suite("Killed in the middle of a change")
struct KilledWriterTests {
    static let kills = 200

    @Test func everyChangeHasItsAuditRecordAfterManyKills() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        // How long one grant takes here, to kill across the whole of it.
        let started = Date()
        #expect(try katalog.run(["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:forste@nav.no"] + ws).status == 0)
        let span = max(0.005, Date().timeIntervalSince(started) * 1.2)
        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for round in 0..<Self.kills {
            let arguments: [String]
            if round % 3 == 2, let id = try Self.activeGrants(katalog.workspace).randomElement(using: &generator) {
                arguments = ["access", "revoke", id] + ws
            } else {
                arguments = ["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:k\(round)@nav.no"] + ws
            }
            let process = try katalog.start(arguments)
            usleep(useconds_t(Double.random(in: 0...span, using: &generator) * 1_000_000))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killed += 1 }
            process.waitUntilExit()
        }
        #expect(killed >= Self.kills / 4, "only \(killed) of \(Self.kills) processes were still running when killed")

        let queue = try DatabaseQueue(path: katalog.workspace)
        defer { try? queue.close() }
        try queue.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            let now = "2026-11-25 12:00:00.000"
            let created = Set(try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessGrant WHERE created = ? AND subject LIKE 'user:%'", arguments: [now]))
            let revoked = Set(try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessGrant WHERE created = ? AND subject LIKE 'user:%' AND revoked IS NOT NULL", arguments: [now]))
            func audited(_ action: String) throws -> Set<String> {
                Set(try String.fetchAll(db, sql: "SELECT target FROM auditEvent WHERE action = ? AND time = ?", arguments: [action, now]).map { $0.replacingOccurrences(of: "-", with: "") })
            }
            #expect(created.count > 10)
            let (grants, revokes) = (try audited("grant.create"), try audited("grant.revoke"))
            #expect(grants == created, "unaudited grants: \(created.subtracting(grants)), records without a grant: \(grants.subtracting(created))")
            #expect(revokes == revoked, "unaudited revokes: \(revoked.subtracting(revokes)), records without a revoke: \(revokes.subtracting(revoked))")
        }
    }

    static func activeGrants(_ workspace: String) throws -> [String] {
        let queue = try DatabaseQueue(path: workspace)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT lower(hex(id)) FROM accessGrant WHERE revoked IS NULL AND subject GLOB 'user:k[0-9]*'").map { hex in
                let h = Array(hex)
                return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-")
            }
        }
    }
}
