import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import KatalogTestSupport

/// Two and ten katalog processes at once on the same table policy. In the local workspace they
/// grant and revoke on the same datasett: afterwards no grant lacks its binding, no revoked
/// grant keeps one (`access drift` finds nothing of theirs). Against the emulator's table IAM —
/// where katalog itself writes only to reconcile (`access drift --fix`) — they all remove the
/// same stray bindings from one policy with its etag: every stray goes, nobody else's binding.
@Suite("Concurrent katalog processes", .serialized, .offThePool)
struct ConcurrentWriterTests {
    @Test(arguments: [2, 10])
    func grantAndRevokeTogether(_ processes: Int) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let environment: [String: String] = [:]
        let ws = ["--workspace", katalog.workspace]
        let rounds = Stress.count(quick: 3, long: 10)
        var tally = Tally()
        final class Refusals: @unchecked Sendable {
            let lock = NSLock()
            var lines: [String] = []
            func add(_ line: String) { lock.withLock { lines.append(line) } }
        }
        let refusals = Refusals()
        // Each worker: a grant a round, and every other round it revokes its grant before.
        DispatchQueue.concurrentPerform(iterations: processes) { worker in
            var previous: String?
            for round in 0..<rounds {
                let subject = "user:w\(worker)r\(round)@nav.no"
                guard let granted = try? katalog.run(["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", subject, "--json"] + ws,
                                                     environment: environment) else { continue }
                if granted.status != 0 { refusals.add("grant \(subject): \(granted.stderr)") }
                let id = (try? JSONSerialization.jsonObject(with: Data(granted.stdout.utf8)) as? [String: Any])?["id"] as? String
                if round % 2 == 1, let old = previous,
                   let revoked = try? katalog.run(["access", "revoke", old] + ws, environment: environment), revoked.status != 0 {
                    refusals.add("revoke \(old): \(revoked.stderr)")
                }
                previous = id
            }
        }
        let refused = refusals.lines
        let drift = try katalog.run(["access", "drift", "--json"] + ws, environment: environment)
        tally.check(drift.status == 0, "drift: \(drift.stderr)")
        let findings = (try? JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [[String: Any]]) ?? []
        let ours = findings.filter { ($0["member"] as? String)?.range(of: #"w\d+r\d+@"#, options: .regularExpression) != nil }
        tally.check(ours.isEmpty, "\(processes) processes: \(ours.count) findings: \(ours.prefix(5))")
        // Every refusal says so in words; none may leave a half-made change (the drift above).
        for line in refused { tally.check(line.contains("katalog: "), "an unexplained failure: \(line)") }
        let listed = try katalog.run(["access", "list", "--datasett", "vedtaksstatistikk", "--json"] + ws, environment: environment)
        let active = ((try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]) ?? [])
            .filter { ($0["status"] as? String) == "active" && ((($0["subject"] as? [String: Any])?["email"] as? String)?.range(of: #"^w\d+r\d+@"#, options: .regularExpression) != nil) }
        tally.check(!active.isEmpty, "no grant survived to check")
        Stress.report("concurrency: \(processes) processes granting and revoking, local workspace",
                      volume: "\(processes * rounds) grants, \(processes * (rounds / 2)) revokes; \(refused.count) refused with a message",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing; no binding lost, none without its grant" : "see the failures")
    }

    /// tables.getIamPolicy / setIamPolicy on the emulator, from the test itself (the set-up).
    static func policy(_ table: String, set: [String: Any]? = nil) throws -> [String: Any] {
        let verb = set == nil ? "getIamPolicy" : "setIamPolicy"
        var request = URLRequest(url: URL(string: CloudCommandTests.emulator! + "/bigquery/v2/projects/dagpenger-prod-4e2b/datasets/dataprodukter/tables/\(table):\(verb)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: set.map { ["policy": $0] } ?? [:])
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        URLSession.shared.dataTask(with: request) { data, _, _ in box.data = data ?? Data(); done.signal() }.resume()
        done.wait()
        return (try JSONSerialization.jsonObject(with: box.data) as? [String: Any]) ?? [:]
    }

    static func viewers(_ policy: [String: Any]) -> Set<String> {
        Set(((policy["bindings"] as? [[String: Any]]) ?? []).filter { $0["role"] as? String == "roles/bigquery.dataViewer" }.flatMap { ($0["members"] as? [String]) ?? [] })
    }

    /// In `make stress` only: `drift --fix` reconciles every table of the emulator's project, so
    /// beside the emulator tests of `make test` it would take their bindings away mid-test.
    @Test(.enabled(if: Stress.isLong && CloudCommandTests.emulator != nil && ProcessInfo.processInfo.environment["KATALOG_TEST_EMULATOR"] != "bqemulator",
                   "make stress: needs local-bigquery's table IAM to itself"), arguments: [2, 10])
    func reconcileTogetherOnTheEmulatorsTableIAM(_ processes: Int) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let environment = ["BIGQUERY_EMULATOR_HOST": CloudCommandTests.emulator!]
        let ws = ["--workspace", katalog.workspace, "--project", "dagpenger-prod-4e2b"]
        var tally = Tally()
        let table = "vedtak_statistikk"
        var policy = try Self.policy(table)
        let before = Self.viewers(policy)
        let strays = (0..<processes * 2).map { "user:stray\($0)@nav.no" }
        var bindings = (policy["bindings"] as? [[String: Any]]) ?? []
        bindings.append(["role": "roles/bigquery.dataViewer", "members": strays])
        policy["bindings"] = bindings
        _ = try Self.policy(table, set: policy)
        // What katalog itself finds stray on the table before (the emulator's seed may have some).
        let drift = try katalog.run(["access", "drift", "--json"] + ws, environment: environment)
        let found = ((try? JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [[String: Any]]) ?? [])
            .filter { $0["kind"] as? String == "strayTableBinding" && ($0["table"] as? String)?.hasSuffix(".\(table)") == true }.compactMap { $0["member"] as? String }
        tally.check(Set(strays).isSubset(of: Set(found)), "katalog does not see the planted strays: \(found)")
        let kept = before.subtracting(found)
        final class Outcomes: @unchecked Sendable {
            let lock = NSLock()
            var list: [KatalogBinary.Result] = []
            func add(_ result: KatalogBinary.Result) { lock.withLock { list.append(result) } }
        }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: processes) { _ in
            if let result = try? katalog.run(["access", "drift", "--fix", "--yes"] + ws, environment: environment) { outcomes.add(result) }
        }
        let after = Self.viewers(try Self.policy(table))
        tally.check(after.isDisjoint(with: strays), "strays left: \(after.intersection(strays))")
        tally.check(kept.isSubset(of: after), "bindings lost: \(kept.subtracting(after))")
        let failed = outcomes.list.filter { $0.status != 0 }
        for result in failed { tally.check(result.stderr.hasPrefix("katalog: ") || result.stdout.contains("✗"), "an unexplained failure: \(result.stderr)") }
        Stress.report("concurrency: \(processes) processes reconciling one table policy, emulator table IAM",
                      volume: "\(strays.count) stray bindings, \(kept.count) kept; \(failed.count) of \(processes) runs reported a conflict",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing; every stray gone, no other binding lost" : "see the failures")
    }
}
