import Foundation
import KatalogCore
import KatalogServices

/// The review keys: move and mark, approve and deny (a reason typed), revoke and extend,
/// reconcile drift, undo the last change, switch tabs. Every change is asked first
/// (AccessScreen+Asking).
extension AccessScreen {
    mutating func perform(_ action: KeyAction, _ context: inout ScreenContext) -> Bool {
        let rows = rows(tab, context)
        let height = max(1, context.body.height - 3)
        var list = lists[tab] ?? ListState()
        defer { lists[tab] = list }
        switch action {
        case .moveDown: list.move(.down, count: rows.count, height: height)
        case .moveUp: list.move(.up, count: rows.count, height: height)
        case .pageDown: list.move(.pageDown, count: rows.count, height: height)
        case .pageUp: list.move(.pageUp, count: rows.count, height: height)
        case .top: list.move(.top, count: rows.count, height: height)
        case .bottom: list.move(.bottom, count: rows.count, height: height)
        case .nextTab, .previousTab:
            let all = Tab.allCases
            tab = all[(tab.rawValue + (action == .nextTab ? 1 : all.count - 1)) % all.count]
            return true
        case .mark: list.toggleMark(); list.move(.down, count: rows.count, height: height)
        case .markRange: list.toggleRange()
        case .toggleHistory where tab == .grants:
            showHistory.toggle()
            list.clamp(count: self.rows(tab, context).count, height: height)
        case .refresh: reload(&context)
        case .filter: prompt = (.filter, TextBuffer(filter))
        case .back:
            guard !filter.isEmpty else { return false }
            filter = ""
        case .newGrant:
            let datasett: UUID? = switch tab {
            case .grants: grant(at: list.cursor, context)?.1.id ?? data?.registered.first?.datasett.id
            case .requests: request(at: list.cursor, context)?.datasettID
            default: data?.registered.first?.datasett.id
            }
            guard let datasett else { return nudge(LocalizedText(nb: "Ingen datasett å gi tilgang til.", en: "No datasett to grant access to."), &context) }
            prompt = (.grant(datasett: datasett), TextBuffer())
        case .open:
            // The lineage neighbours of the row's table come with the details (read in the background).
            if let details = details(list.cursor, context) { context.run(.loadDetails(title: details.title, lines: details.lines, neighboursOf: details.table)) }
        case .approve, .approveMarked:
            guard tab == .requests else { return nudge(LocalizedText(nb: "Godkjenn på fanen Søknader.", en: "Approve on the Requests tab."), &context) }
            askToApprove(action == .approveMarked ? list.selection(count: rows.count) : [list.cursor], &context)
        case .deny, .denyMarked:
            guard tab == .requests else { return nudge(LocalizedText(nb: "Avslå på fanen Søknader.", en: "Deny on the Requests tab."), &context) }
            let ids = ids(action == .denyMarked ? list.selection(count: rows.count) : [list.cursor], rows)
            guard !ids.isEmpty else { return true }
            prompt = (.denyReason(ids.compactMap(UUID.init(uuidString:))), TextBuffer())
        case .revoke:
            guard tab == .grants, let id = rows[safe: list.cursor].flatMap({ UUID(uuidString: $0.id) }) else {
                return nudge(LocalizedText(nb: "Trekk en tilgang på fanen Tilganger.", en: "Revoke a grant on the Grants tab."), &context)
            }
            let marked = ids(list.selection(count: rows.count), rows).compactMap(UUID.init(uuidString:))
            let chosen = marked.count > 1 ? marked : [id]
            let who = chosen.compactMap { id in grantsShown(context).first { $0.2.id == id }.map { grantee($0.2.subject, $0.1.id) } }
            ask(LocalizedText(nb: "Trekke \(chosen.count) tilgang\(chosen.count == 1 ? "" : "er")?", en: "Revoke \(chosen.count) grant\(chosen.count == 1 ? "" : "s")?"), who, dangerous: true, then: .revoke(chosen), &context)
        case .extend:
            guard tab == .grants, let id = rows[safe: list.cursor].flatMap({ UUID(uuidString: $0.id) }) else {
                return nudge(LocalizedText(nb: "Forleng en tilgang på fanen Tilganger.", en: "Extend a grant on the Grants tab."), &context)
            }
            prompt = (.expiry(id), TextBuffer())
        case .fixDrift where tab == .risks:
            // A risk offers the action that deals with it.
            guard let risk = risk(at: list.cursor, context) else { return true }
            switch risk.action {
            case let .revoke(grant):
                ask(LocalizedText(nb: "Trekke tilgangen?", en: "Revoke the grant?"), [context.t(risk.message)], dangerous: true, then: .revoke([grant]), &context)
            case let .extend(grant):
                prompt = (.expiry(grant), TextBuffer())
            case let .removeTableBinding(member, table):
                let finding = IAMDrift.Finding(kind: .strayTableBinding, member: member, table: table, dataset: table.datasetRef, grant: nil)
                ask(LocalizedText(nb: "Fjerne bindingen?", en: "Remove the binding?"), [context.t(risk.message)], dangerous: true, then: .fix(finding), &context)
            }
        case .fixDrift:
            guard tab == .drift, let finding = finding(at: list.cursor, context) else {
                return nudge(LocalizedText(nb: "Rett et avvik på fanen Avvik, eller en risiko på fanen Risiko.", en: "Reconcile on the Drift tab, or a risk on the Risks tab."), &context)
            }
            ask(LocalizedText(nb: "Rette avviket?", en: "Reconcile?"), [context.t(finding.what)], dangerous: true, then: .fix(finding), &context)
        case .undo:
            // Kept until it has run: a "no" to the question leaves it to undo later.
            guard let undo else { return nudge(LocalizedText(nb: "Ingenting å angre.", en: "Nothing to undo."), &context) }
            askToUndo(undo, &context)
        default:
            return false
        }
        return true
    }

    private func ids(_ indices: [Int], _ rows: [Row]) -> [String] { indices.compactMap { rows[safe: $0]?.id } }

    private func nudge(_ text: LocalizedText, _ context: inout ScreenContext) -> Bool {
        context.notify(text)
        return true
    }

    /// A reason for a denial, or a new expiry, typed on the status line.
    mutating func type(_ key: Key, _ context: inout ScreenContext) {
        guard var open = prompt else { return }
        switch open.input.prompt(key) {
        case .cancelled, .closed:
            prompt = nil
        case .edited, .ignored:
            prompt = open
        case .submitted:
            let text = open.input.text.trimmingCharacters(in: .whitespaces)
            switch open.purpose {
            case let .denyReason(ids):
                guard !text.isEmpty else {
                    prompt = open
                    return context.notify(LocalizedText(nb: "En begrunnelse må til; søkeren ser den.", en: "A reason is required; the requester sees it."), isError: true)
                }
                prompt = nil
                askToDeny(ids, reason: text, &context)
            case .filter:
                prompt = nil
                filter = text
                for each in Tab.allCases { lists[each, default: ListState()].move(.top, count: rows(each, context).count, height: 1) }
            case let .grant(datasett):
                // `type:email`, then an expiry (default: never).
                let parts = text.split(separator: " ").map(String.init)
                do {
                    guard let first = parts.first else { throw InvalidInput([]) }
                    let subject = try Subject(iamMember: first)
                    // All of NAV is not on offer for personal data: said before anything is sent.
                    if subject.isAllUsers, data?.datasett(datasett)?.datasett.pii == .sensitive {
                        prompt = open
                        return context.notify(Self.notForPersonalData, isError: true)
                    }
                    let expires = try Expiry.parse(parts.count > 1 ? parts[1] : "never")
                    try ServiceError.check(MarketplaceRules.checkExpiry(expires, now: data?.now ?? Date()))
                    prompt = nil
                    askToGrant(GrantRequest(datasettID: datasett, subject: subject, expires: expires), &context)
                } catch {
                    prompt = open
                    let message = (error as? UserFacingError)?.message.text(context.language) ?? ""
                    context.notify(LocalizedText(nb: message.isEmpty ? "Skriv type:e-post og eventuelt en utløpsdato, som user:ola@nav.no 2027-06-30." : message,
                                                 en: message.isEmpty ? "Write type:email and an expiry if any, such as user:ola@nav.no 2027-06-30." : message), isError: true)
                }
            case let .expiry(id):
                do {
                    let date = try Expiry.parse(text.isEmpty ? "never" : text)
                    try ServiceError.check(MarketplaceRules.checkExpiry(date, now: data?.now ?? Date()))
                    prompt = nil
                    askToExtend(id, until: date, &context)
                } catch {
                    prompt = open
                    context.notify((error as? UserFacingError)?.message ?? LocalizedText(nb: "\(error)", en: "\(error)"), isError: true)
                }
            }
        }
        _ = open
    }

    mutating func paste(_ text: String, _ context: inout ScreenContext) {
        prompt?.input.insert(text)
    }

    static let notForPersonalData = LocalizedText(nb: "Hele NAV kan ikke få tilgang til personopplysninger; gi tilgang til bestemte brukere eller grupper.",
                                                  en: "All of NAV cannot be given personal data; grant specific users or groups.")

    /// What Enter shows about a row: everything the table had to cut, and the links.
    func details(_ index: Int, _ context: ScreenContext) -> (title: String, lines: [String], table: TableRef?)? {
        guard let data else { return nil }
        func t(_ nb: String, _ en: String) -> String { context.language == .nb ? nb : en }
        let zone = context.settings.timeZone
        func when(_ date: Date?) -> String { date.map { Formatting.dateTime($0, timeZone: zone) } ?? t("aldri", "never") }
        switch tab {
        case .requests:
            guard let request = request(at: index, context) else { return nil }
            let place = data.datasett(request.datasettID)
            var lines = [t("Subjekt: ", "Subject: ") + request.subject.iamMember, t("Eier: ", "Owner: ") + request.owner,
                         "Datasett: " + (place.map { "\($0.datasett.name) (\($0.dataprodukt.name)), \($0.datasett.source.table)" } ?? request.datasettID.text),
                         t("Personopplysninger: ", "Personal data: ") + (place?.datasett.pii.label.text(context.language) ?? "–"),
                         t("Ønsket utløp: ", "Requested expiry: ") + when(request.expires), t("Mottatt: ", "Received: ") + when(request.created)]
            if let polly = request.polly { lines += ["Polly: \(polly.name)", polly.url] } else { lines.append(t("Polly: ingen behandling oppgitt", "Polly: no processing activity given")) }
            if let tags = place?.datasett.source.piiTags, !tags.isEmpty {
                lines.append(t("PII-kolonner: ", "PII columns: ") + tags.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.label.text(context.language)))" }.joined(separator: ", "))
            }
            return (t("Søknad", "Request"), lines + ["id " + request.id.text], place?.datasett.source.table)
        case .grants:
            guard let (product, datasett, grant) = grant(at: index, context) else { return nil }
            return (t("Tilgang", "Grant"), [t("Subjekt: ", "Subject: ") + grant.subject.iamMember, t("Eier: ", "Owner: ") + grant.owner,
                                           "Datasett: \(datasett.name) (\(product.name)), \(datasett.source.table)", t("Gitt av: ", "Granted by: ") + grant.granter,
                                           t("Gitt: ", "Created: ") + when(grant.created), t("Utløper: ", "Expires: ") + when(grant.expires),
                                           t("Via: ", "Via: ") + (grant.accessRequestID.map { t("søknad ", "request ") + $0.text } ?? t("direkte", "direct")),
                                           t("Plattform: ", "Platform: ") + grant.platform.rawValue, "id " + grant.id.text], datasett.source.table)
        case .risks:
            guard let risk = risk(at: index, context) else { return nil }
            return (t("Risiko", "Risk"), [risk.message.text(context.language), "", t("Gjør: ", "Do: ") + AccessRiskAction.describe(risk.action, context.language)],
                    data.datasett(risk.datasett)?.datasett.source.table)
        case .drift:
            guard let finding = finding(at: index, context) else { return nil }
            return (t("Avvik", "Drift"), [finding.what.text(context.language), "", t("f retter det.", "f reconciles it.")], finding.table)
        }
    }
}

/// A risk's action in words, with the keys or command that do it.
enum AccessRiskAction {
    static func describe(_ action: AccessRisk.Action, _ language: Language) -> String {
        let nb = language == .nb
        switch action {
        case let .revoke(grant): return (nb ? "trekk tilgangen (r på fanen Tilganger; id " : "revoke the grant (r on the Grants tab; id ") + grant.text + ")"
        case let .extend(grant): return (nb ? "forleng tilgangen (e på fanen Tilganger; id " : "extend the grant (e on the Grants tab; id ") + grant.text + ")"
        case let .removeTableBinding(member, table): return (nb ? "fjern bindingen \(member) på \(table) (fanen Avvik)" : "remove the binding \(member) on \(table) (the Drift tab)")
        }
    }

}
