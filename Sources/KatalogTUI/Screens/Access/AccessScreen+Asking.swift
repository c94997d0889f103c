import Foundation
import KatalogCore

/// Every change the Access screen makes is asked first, naming who, where and what: approve,
/// deny (after its reason), revoke, extend and grant (after what was typed), reconcile, undo.
/// Only `y` says yes, so neither mashed keys nor a line typed and Enter change anything.
extension AccessScreen {
    func ask(_ title: LocalizedText, _ lines: [String], dangerous: Bool = false, then action: AccessAction, _ context: inout ScreenContext) {
        context.present(.confirmation(Confirmation(title: context.t(title), lines: lines, dangerous: dangerous), onConfirm: [.accessAction(action)]))
    }

    /// Approvals name the count and the datasett, and what deserves a second thought.
    func askToApprove(_ indices: [Int], _ context: inout ScreenContext) {
        let chosen = indices.compactMap { request(at: $0, context) }
        guard !chosen.isEmpty else { return }
        let lines = chosen.map { "\($0.subject)" + ($0.polly == nil ? context.t(LocalizedText(nb: " — uten formål i Polly", en: " — no purpose in Polly")) : "") }
        let n = chosen.count
        ask(LocalizedText(nb: "Godkjenne \(n) søknad\(n == 1 ? "" : "er")?", en: "Approve \(n) request\(n == 1 ? "" : "s")?"),
            lines + [places(chosen, context)], then: .approve(chosen.map(\.id)), &context)
    }

    func askToDeny(_ ids: [UUID], reason: String, _ context: inout ScreenContext) {
        let chosen = ids.compactMap { id in data?.requests.first { $0.id == id } }
        let n = ids.count
        ask(LocalizedText(nb: "Avslå \(n) søknad\(n == 1 ? "" : "er")?", en: "Deny \(n) request\(n == 1 ? "" : "s")?"),
            chosen.map { "\($0.subject)" } + [places(chosen, context), context.t(LocalizedText(nb: "Begrunnelse: \(reason)", en: "Reason: \(reason)"))],
            dangerous: true, then: .deny(ids, reason: reason), &context)
    }

    func askToGrant(_ request: GrantRequest, _ context: inout ScreenContext) {
        ask(LocalizedText(nb: "Gi tilgang?", en: "Grant access?"),
            [grantee(request.subject, request.datasettID), until(request.expires, context)], then: .grant(request), &context)
    }

    func askToExtend(_ id: UUID, until expires: Date?, _ context: inout ScreenContext) {
        let grant = grantsShown(context).first { $0.2.id == id }?.2
        ask(LocalizedText(nb: "Forlenge tilgangen?", en: "Extend the grant?"),
            [grant.map { grantee($0.subject, $0.datasettID) } ?? id.text, until(expires, context)], then: .extend(id, expires: expires), &context)
    }

    /// Undo is a change too: a revoke undone grants again, a grant undone revokes.
    func askToUndo(_ action: AccessAction, _ context: inout ScreenContext) {
        switch action {
        case let .grant(request):
            ask(LocalizedText(nb: "Angre: gi tilgangen tilbake?", en: "Undo: grant the access again?"),
                [grantee(request.subject, request.datasettID), until(request.expires, context)], then: action, &context)
        case let .revoke(ids):
            let who = ids.map { id in grantsShown(context).first { $0.2.id == id }.map { grantee($0.2.subject, $0.1.id) } ?? id.text }
            ask(LocalizedText(nb: "Angre: trekke tilgangen igjen?", en: "Undo: revoke the grant again?"), who, dangerous: true, then: action, &context)
        default:
            ask(LocalizedText(nb: "Angre siste endring?", en: "Undo the last change?"), [], then: action, &context)
        }
    }

    /// "Datasett: …" for the requests.
    private func places(_ requests: [AccessRequest], _ context: ScreenContext) -> String {
        let names = Set(requests.compactMap { data?.datasett($0.datasettID)?.datasett.name }).sorted().joined(separator: ", ")
        return context.t(LocalizedText(nb: "Datasett: \(names)", en: "Datasett: \(names)"))
    }

    /// "subject — «datasett»".
    func grantee(_ subject: Subject, _ datasett: UUID) -> String {
        "\(subject) — «\(data?.datasett(datasett)?.datasett.name ?? datasett.text)»"
    }

    private func until(_ expires: Date?, _ context: ScreenContext) -> String {
        let date = expires.map { Formatting.date($0, timeZone: context.settings.timeZone) }
        return context.t(LocalizedText(nb: "Utløper: \(date ?? "aldri")", en: "Expires: \(date ?? "never")"))
    }
}
