import Foundation
import KatalogCore
import KatalogServices

/// Access review from the keyboard (`4`, `:access`): the requests to handle, the grants, the
/// risks and the IAM drift as tabs, each a table with marks. Approve, deny, revoke, extend and
/// reconcile, one row or all marked, each asked first; each row shows how its action went, and
/// `u` undoes the last change that can be undone.
struct AccessScreen: Screen {
    enum Tab: Int, CaseIterable, Sendable {
        case requests, grants, risks, drift

        var title: LocalizedText {
            switch self {
            case .requests: LocalizedText(nb: "Søknader", en: "Requests")
            case .grants: LocalizedText(nb: "Tilganger", en: "Grants")
            case .risks: LocalizedText(nb: "Risiko", en: "Risks")
            case .drift: LocalizedText(nb: "Avvik", en: "Drift")
            }
        }
    }

    /// What a typed line is for.
    enum Prompt: Sendable {
        case denyReason([UUID])
        case expiry(UUID)
        /// A new grant on this datasett: `type:email [YYYY-MM-DD|never]`.
        case grant(datasett: UUID)
        case filter
    }

    var kind: ScreenKind { .access }
    var keyScopes: [KeyScope] { [.access] }

    var tab = Tab.requests
    var lists: [Tab: ListState] = [:]
    var data: AccessData?
    var failure: String?
    var loading = false
    /// How the last action went on each row, by id.
    var rowStatus: [String: (text: String, ok: Bool)] = [:]
    var undo: AccessAction?
    var showHistory = false
    var prompt: (purpose: Prompt, input: TextBuffer)?
    /// `/`: every tab shows only the rows containing this.
    var filter = ""

    var isTyping: Bool { prompt != nil }

    func breadcrumb(_ context: ScreenContext) -> [String] {
        [context.t(LocalizedText(nb: "Tilganger", en: "Access")), context.t(tab.title)]
    }

    mutating func arrive(_ arrival: Arrival, _ context: inout ScreenContext) {
        if data == nil && !loading { reload(&context) }
    }

    mutating func reload(_ context: inout ScreenContext) {
        loading = true
        context.run(.loadAccess)
    }

    mutating func receive(_ event: Event, _ context: inout ScreenContext) {
        switch event {
        case let .accessLoaded(result):
            loading = false
            switch result {
            case let .success(loaded):
                data = loaded
                failure = nil
                for note in loaded.unreadable { context.notify(note, isError: true) }
                for tab in Tab.allCases { lists[tab, default: ListState()].clamp(count: rows(tab, context).count, height: 1) }
            case let .failure(error):
                failure = error.message.text(context.language)
            }
        case let .accessActed(action, outcomes, undo):
            for outcome in outcomes {
                switch outcome.result {
                case let .success(text): rowStatus[outcome.id] = ("✓ " + context.t(text), true)
                case let .failure(error): rowStatus[outcome.id] = ("✗ " + error.message.text(context.language), false)
                }
            }
            if action == self.undo { self.undo = nil }  // undone: not twice
            if let undo { self.undo = undo }
            let failed = outcomes.filter { if case .failure = $0.result { true } else { false } }.count
            context.notify(failed == 0
                ? LocalizedText(nb: "\(outcomes.count) gjort.", en: "\(outcomes.count) done.")
                : LocalizedText(nb: "\(outcomes.count - failed) gjort, \(failed) feilet; se radene.", en: "\(outcomes.count - failed) done, \(failed) failed; see the rows."),
                           isError: failed > 0)
            lists[tab]?.clearMarks()
            reload(&context)
        default:
            break
        }
    }

    // MARK: Rows

    struct Row {
        let id: String
        let cells: [String]
        let dim: Bool
    }

    func grantsShown(_ context: ScreenContext) -> [(Dataprodukt, Datasett, Grant)] {
        let now = data?.now ?? Date()
        return (data?.registered ?? []).flatMap { product, datasett, grants in
            grants.filter { showHistory || $0.status(at: now) == .active }.map { (product, datasett, $0) }
        }
    }

    func rows(_ tab: Tab, _ context: ScreenContext) -> [Row] {
        let all = allRows(tab, context)
        guard !filter.isEmpty else { return all }
        return all.filter { $0.cells.joined(separator: " ").localizedCaseInsensitiveContains(filter) }
    }

    private func allRows(_ tab: Tab, _ context: ScreenContext) -> [Row] {
        guard let data else { return [] }
        let language = context.language
        let zone = context.settings.timeZone
        func expiry(_ date: Date?) -> String { date.map { Formatting.date($0, timeZone: zone) } ?? context.t(LocalizedText(nb: "aldri", en: "never")) }
        func status(_ id: String) -> String { rowStatus[id]?.text ?? "" }
        switch tab {
        case .requests:
            return data.requests.map { request in
                let place = data.datasett(request.datasettID).map { "\($0.datasett.name) (\($0.dataprodukt.name))" } ?? request.datasettID.text
                let age = Formatting.relativeDays(request.created, now: data.now, language)
                return Row(id: request.id.text, cells: [request.subject.iamMember, place, expiry(request.expires),
                                                        request.polly?.name ?? context.t(LocalizedText(nb: "– ingen", en: "– none")), age, status(request.id.text)],
                           dim: false)
            }
        case .grants:
            return grantsShown(context).map { _, datasett, grant in
                let via = grant.accessRequestID == nil ? context.t(LocalizedText(nb: "direkte", en: "direct")) : context.t(LocalizedText(nb: "søknad", en: "request"))
                let state: String = switch grant.status(at: data.now) {
                case .active: ""
                case .expired: context.t(LocalizedText(nb: "utløpt", en: "expired"))
                case .revoked: context.t(LocalizedText(nb: "trukket", en: "revoked"))
                }
                return Row(id: grant.id.text, cells: [grant.subject.iamMember, datasett.name, expiry(grant.expires), grant.granter,
                                                      Formatting.date(grant.created, timeZone: zone), via,
                                                      status(grant.id.text).isEmpty ? state : status(grant.id.text)],
                           dim: grant.status(at: data.now) != .active)
            }
        case .risks:
            return data.risks.enumerated().map { index, risk in
                Row(id: "risk-\(index)", cells: [risk.datasettName, risk.message.text(language)], dim: false)
            }
        case .drift:
            return data.drift.map { finding in
                Row(id: Self.id(of: finding), cells: [context.t(finding.kind.label), finding.member, finding.table?.description ?? finding.dataset.description,
                                                status(Self.id(of: finding))], dim: false)
            }
        }
    }

    static func id(of finding: IAMDrift.Finding) -> String { "\(finding.kind.rawValue) \(finding.member)" }

    // What the visible row at an index is, whatever the filter hides: looked up by its id.

    func request(at index: Int, _ context: ScreenContext) -> AccessRequest? {
        guard let id = rows(.requests, context)[safe: index]?.id else { return nil }
        return data?.requests.first { $0.id.text == id }
    }

    func grant(at index: Int, _ context: ScreenContext) -> (Dataprodukt, Datasett, Grant)? {
        guard let id = rows(.grants, context)[safe: index]?.id else { return nil }
        return grantsShown(context).first { $0.2.id.text == id }
    }

    func risk(at index: Int, _ context: ScreenContext) -> AccessRisk? {
        guard let id = rows(.risks, context)[safe: index]?.id, let number = Int(id.dropFirst("risk-".count)) else { return nil }
        return data?.risks[safe: number]
    }

    func finding(at index: Int, _ context: ScreenContext) -> IAMDrift.Finding? {
        guard let id = rows(.drift, context)[safe: index]?.id else { return nil }
        return data?.drift.first { Self.id(of: $0) == id }
    }

    func columns(_ tab: Tab, _ context: ScreenContext) -> [TableView.Column] {
        func t(_ nb: String, _ en: String) -> String { context.language == .nb ? nb : en }
        switch tab {
        case .requests:
            return [.init(t("SUBJEKT", "SUBJECT"), .flex(3)), .init("DATASETT", .flex(3)), .init(t("UTLØPER", "EXPIRES"), .fit(max: 10)),
                    .init("POLLY", .flex(2)), .init(t("MOTTATT", "RECEIVED"), .fit(max: 16)), .init("", .flex(2))]
        case .grants:
            return [.init(t("SUBJEKT", "SUBJECT"), .flex(3)), .init("DATASETT", .flex(2)), .init(t("UTLØPER", "EXPIRES"), .fit(max: 10)),
                    .init(t("GITT AV", "GRANTED BY"), .flex(2)), .init(t("GITT", "CREATED"), .fit(max: 10)), .init(t("VIA", "VIA"), .fit(max: 8)),
                    .init("", .flex(2))]
        case .risks:
            return [.init("DATASETT", .fit(max: 24)), .init(t("HVA OG HVA DU BØR GJØRE", "WHAT, AND WHAT TO DO"), .flex(1))]
        case .drift:
            return [.init(t("AVVIK", "DRIFT"), .fit(max: 20)), .init(t("MEDLEM", "MEMBER"), .flex(2)), .init(t("HVOR", "WHERE"), .flex(2)), .init("", .flex(1))]
        }
    }
}
