import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal
@testable import KatalogTUI

/// The Access screen by keys on the demo: the inbox cleared one by one and in bulk, a grant
/// revoked and the revoke undone, one extended, drift reconciled; every change asked first.
@Suite("The Access screen")
struct AccessScreenTests {
    func access(_ harness: Harness) -> AccessScreen? { harness.state.navigation[.access] as? AccessScreen }

    func pending(_ harness: Harness) async throws -> Int { try await harness.services.access.requestsToHandle().count }

    @Test func approveOneDenyOneWithAReason() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4")
        #expect(harness.state.navigation.top == .access)
        #expect(harness.screen().contains("Requests (3)") && harness.screen().contains("Risks ("), "\(harness.screen())")
        // Oldest first; approving asks, naming who and where.
        await harness.press("a")
        guard case let .confirmation(confirmation, _)? = harness.state.modals.last else { Issue.record("approve must ask"); return }
        #expect(confirmation.title == "Approve 1 request?" && confirmation.lines.contains { $0.hasPrefix("Datasett: ") })
        await harness.press("y")
        #expect(try await pending(harness) == 2)
        #expect(harness.state.toast?.text == "1 done.")
        // A denial needs a reason, typed on the status line.
        await harness.press("d", "enter")
        #expect(harness.state.toast?.text == "A reason is required; the requester sees it.")
        await harness.type("Mangler formål")
        await harness.press("enter")
        // Asked first, like every change: the reason and Enter alone deny nothing.
        guard case let .confirmation(asked, _)? = harness.state.modals.last else { Issue.record("deny must ask"); return }
        #expect(asked.title == "Deny 1 request?" && asked.dangerous && asked.lines.last == "Reason: Mangler formål", "\(asked)")
        #expect(try await pending(harness) == 2)
        await harness.press("y")
        #expect(try await pending(harness) == 1)
        let denied = try await harness.services.access.myRequests() + harness.services.access.requestsToHandle()
        #expect(!denied.contains { $0.status == .pending && $0.reason == "Mangler formål" })
    }

    @Test func markedRequestsAreApprovedTogether() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "space", "space")
        #expect(access(harness)?.lists[.requests]?.marks.count == 2)
        await harness.press("A")
        guard case let .confirmation(confirmation, _)? = harness.state.modals.last else { Issue.record("bulk approve must ask"); return }
        #expect(confirmation.title == "Approve 2 requests?")
        await harness.press("y")
        #expect(try await pending(harness) == 1)
        #expect(harness.state.toast?.text == "2 done.")
    }

    @Test func aRevokeIsUndoneByGrantingAgainWithTheSameExpiry() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "tab")
        #expect(access(harness)?.tab == .grants)
        let before = try #require(access(harness)?.grantsShown(harness.state.context).first?.2)
        await harness.press("r")
        #expect(harness.state.modals.count == 1, "revoking asks (No by default)")
        await harness.press("enter")
        #expect(harness.state.modals.isEmpty)
        #expect(try await harness.services.access.grants(datasett: before.datasettID).first { $0.id == before.id }?.revoked == nil, "No: nothing revoked")
        await harness.press("r", "y")
        #expect(try await harness.services.access.grants(datasett: before.datasettID).first { $0.id == before.id }?.revoked != nil)
        // Undo asks too; a "no" keeps it to undo later, and once done it is gone.
        await harness.press("u")
        guard case let .confirmation(asked, _)? = harness.state.modals.last else { Issue.record("undo must ask"); return }
        #expect(asked.title == "Undo: grant the access again?" && asked.lines.first == "\(before.subject) — «Vedtaksstatistikk»", "\(asked)")
        await harness.press("n", "u", "y")
        let again = try await harness.services.access.grants(datasett: before.datasettID).filter { $0.subject == before.subject && $0.revoked == nil }
        #expect(again.count == 1 && again.first?.expires == before.expires, "granted again, same expiry")
        #expect(access(harness)?.undo == .revoke([try #require(again.first?.id)]), "the grant made is what u undoes now")
    }

    @Test func aGrantIsExtendedAfterTheNewExpiryIsConfirmed() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "tab")
        let (_, datasett, grant) = try #require(access(harness)?.grantsShown(harness.state.context).first)
        await harness.press("e")
        await harness.type("2027-03-31")
        await harness.press("enter")
        guard case let .confirmation(asked, _)? = harness.state.modals.last else { Issue.record("extending must ask"); return }
        #expect(asked.title == "Extend the grant?" && asked.lines == ["\(grant.subject) — «\(datasett.name)»", "Expires: 2027-03-31"], "\(asked)")
        await harness.press("esc")
        #expect(try await harness.services.access.grants(datasett: datasett.id).first { $0.id == grant.id }?.revoked == nil, "Esc: nothing changed")
        await harness.press("e")
        await harness.type("2027-03-31")
        await harness.press("enter", "y")
        let now = try await harness.services.access.grants(datasett: datasett.id).filter { $0.subject == grant.subject && $0.revoked == nil }
        #expect(now.count == 1 && now.first.map { Formatting.date($0.expires!, timeZone: MarketplaceRules.timeZone) } == "2027-03-31", "\(now)")
    }

    @Test func driftIsReconciledFromItsTab() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "tab", "tab", "tab")
        #expect(access(harness)?.tab == .drift)
        let count = try #require(access(harness)?.data?.drift.count)
        #expect(count == 2)
        await harness.press("f", "y")
        #expect(access(harness)?.data?.drift.count == count - 1)
    }

    @Test func enterShowsARequestsPurposeAndTheTablesPersonalData() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("4", "j", "j", "enter")  // oldest first, then by subject: nora is third
        guard case let .details(title, lines, _)? = harness.state.modals.last else { Issue.record("Enter shows the details"); return }
        #expect(title == "Request")
        #expect(lines.contains("Polly: B412 - Analyse av ytelser ved arbeidsledighet"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("PII columns: ") && $0.contains("fødselsnummer (directly identifying)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Lineage ↑ ") && $0.contains("Scheduled query: Vedtaksstatistikk til dataprodukt") }, "its lineage neighbours: \(lines)")
        #expect(lines.contains("Lineage ↓ Dagpengevedtak › Vedtaksstatistikk"))
        await harness.press("esc")
        #expect(harness.state.modals.isEmpty)
    }

    /// `i` on a table in the Explorer, and on its node in the lineage: what a change touches.
    @Test func iShowsTheImpactOfChangingATable() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press(":")
        await harness.type("goto rasone.tabell_2")
        await harness.press("enter", "i")
        guard case let .details(title, lines, _)? = harness.state.modals.last else { Issue.record("i shows the impact"); return }
        #expect(title == "Impact: dagpenger-prod-4e2b.rasone.tabell_2")
        #expect(lines.contains("★ Dagpengevedtak › Vedtaksstatistikk") && lines.contains { $0.hasPrefix("  group:team-statistikk@nav.no  expires") })
        #expect(lines.last == "2 datasett are affected; 4 grants could lose data.")
        await harness.press("esc", "L", "i")
        guard case let .details(again, _, _)? = harness.state.modals.last else { Issue.record("i on the lineage too"); return }
        #expect(again == title)
    }

    @Test func gGrantsFromTheKeyboardAndTheRulesStillHold() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "tab", "g")  // the first grant's datasett: Vedtaksstatistikk (sensitive)
        await harness.type("user:Ny.Bruker@NAV.no 2027-06-30")
        await harness.press("enter")
        guard case let .confirmation(asked, _)? = harness.state.modals.last else { Issue.record("a grant must ask"); return }
        #expect(asked.title == "Grant access?" && asked.lines == ["user:ny.bruker@nav.no — «Vedtaksstatistikk»", "Expires: 2027-06-30"], "\(asked)")
        await harness.press("y")
        let datasett = try #require(access(harness)?.grantsShown(harness.state.context).first?.1)
        let made = try await harness.services.access.grants(datasett: datasett.id).first { $0.subject.email == "ny.bruker@nav.no" }
        #expect(made?.revoked == nil && made?.expires != nil)
        await harness.press("g")
        #expect(harness.screen().contains("not all of NAV: personal data"), "said up front")
        await harness.type("group:all-users@nav.no")
        await harness.press("enter")
        #expect(harness.state.toast?.text == "All of NAV cannot be given personal data; grant specific users or groups.")
        let rows = harness.screen().split(separator: "\n").map(String.init)
        #expect(rows[rows.count - 3].contains("All of NAV cannot be given personal data") && rows[rows.count - 2].contains("New grant on"), "the reason above the line being typed")
        #expect(access(harness)?.prompt != nil, "nothing sent; the line stays to be corrected")
        await harness.press("esc")
        await harness.press("g")
        await harness.type("user:ola")
        await harness.press("enter")
        #expect(harness.state.toast?.text.contains("is not an e-mail address") == true, "the field is named and the prompt stays")
        #expect(access(harness)?.prompt != nil)
    }

    @Test func slashFiltersEveryTab() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "/")
        await harness.type("meldekort")
        await harness.press("enter")
        #expect(harness.screen().contains("Requests (1)") && harness.screen().contains("Grants (1)"), "\(harness.screen())")
        await harness.press("esc")
        #expect(harness.screen().contains("Requests (3)"))
    }

    /// A risk offers its action: the expired grant still in IAM is revoked from the Risks tab.
    @Test func fOnARiskDoesWhatItAsks() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "tab", "tab")
        let risks = try #require(access(harness)?.data?.risks)
        let index = try #require(risks.firstIndex { $0.kind == .expiredStillInIAM })
        for _ in 0..<index { await harness.press("j") }
        await harness.press("f", "y")
        #expect(access(harness)?.data?.risks.contains { $0.kind == .expiredStillInIAM } == false, "\(harness.screen())")
    }

    @Test func colonAuditShowsTheChangesJustMade() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "a", "y", ":")
        await harness.type("audit")
        await harness.press("enter")
        guard case let .details(title, lines, _)? = harness.state.modals.last else { Issue.record(":audit shows the log"); return }
        #expect(title == "Audit log" && lines.first?.contains("request.approve") == true && lines.first?.hasSuffix("venter → godkjent") == true, "\(lines.prefix(2))")
    }

    @Test func aFilteredRiskIsTheOneActedOn() async throws {
        let harness = try await Harness(width: 160, height: 48)
        await harness.press("4", "tab", "tab", "/")
        await harness.type("has expired")
        await harness.press("enter")
        #expect(harness.screen().contains("Risks (1)"))
        await harness.press("f")
        guard case let .confirmation(confirmation, _)? = harness.state.modals.last else { Issue.record("f asks: \(harness.screen())"); return }
        #expect(confirmation.lines.first?.contains("user:per.hansen@nav.no") == true, "the filtered row, not the first of all: \(confirmation.lines)")
    }
}
