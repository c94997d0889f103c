import Foundation
import KatalogCore
import KatalogServices

/// The tabs with their counts on top, the tab's table below, a typed prompt on the status line.
extension AccessScreen {
    func draw(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        guard rect.height > 3 else { return }
        var x = rect.x + 1
        for each in Tab.allCases where x < rect.right {
            let count = rows(each, context).count
            let label = "\(context.t(each.title)) (\(data == nil ? "…" : String(count)))"
            x += canvas.draw(label, x: x, y: rect.y, role: each == tab ? .selection : .header, width: rect.right - x)
            x += canvas.draw("  ", x: x, y: rect.y, role: .normal, width: rect.right - x)
        }
        let body = Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 2, height: rect.height - 2)
        if let failure {
            for (index, line) in DetailLine.wrap(failure, width: max(1, body.width)).prefix(body.height).enumerated() {
                canvas.draw(line.spans.map(\.text).joined(), x: body.x, y: body.y + index, role: .warn, width: body.width)
            }
            return
        }
        guard data != nil else {
            canvas.draw(context.t(LocalizedText(nb: "Henter tilganger …", en: "Loading access …")), x: body.x, y: body.y, role: .muted, width: body.width)
            return
        }
        let rows = rows(tab, context)
        guard !rows.isEmpty else {
            canvas.draw(context.t(Self.empty(tab)), x: body.x, y: body.y, role: .muted, width: body.width)
            return
        }
        var table = TableView(columns: columns(tab, context), rows: rows.map(\.cells))
        table.rowRoles = rows.map { row in
            if let status = rowStatus[row.id] { return status.ok ? .ok : .danger }
            return row.dim ? .dim : nil
        }
        var list = lists[tab] ?? ListState()
        list.clamp(count: rows.count, height: body.height - 1)
        table.draw(into: &canvas, body, list: list)
    }

    static func empty(_ tab: Tab) -> LocalizedText {
        switch tab {
        case .requests: LocalizedText(nb: "Ingen søknader venter på deg.", en: "No requests are waiting for you.")
        case .grants: LocalizedText(nb: "Ingen aktive tilganger.", en: "No active grants.")
        case .risks: LocalizedText(nb: "Ingen risiko funnet.", en: "No risks found.")
        case .drift: LocalizedText(nb: "Ingen avvik: IAM er som tilgangene i markedsplassen.", en: "No drift: IAM is as the marketplace's grants.")
        }
    }

    func drawStatus(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        if let prompt {
            let label: LocalizedText = switch prompt.purpose {
            case let .denyReason(ids): LocalizedText(nb: "Begrunnelse for avslag (\(ids.count)): ", en: "Reason for the denial (\(ids.count)): ")
            case .expiry: LocalizedText(nb: "Ny utløpsdato (ÅÅÅÅ-MM-DD eller aldri): ", en: "New expiry (YYYY-MM-DD or never): ")
            case let .grant(id):
                // For personal data the one choice it does not have is said up front.
                data?.datasett(id)?.datasett.pii == .sensitive
                    ? LocalizedText(nb: "Ny tilgang til «\(data?.datasett(id)?.datasett.name ?? "")» (type:e-post [ÅÅÅÅ-MM-DD|aldri]; ikke hele NAV: personopplysninger): ",
                                    en: "New grant on “\(data?.datasett(id)?.datasett.name ?? "")” (type:email [YYYY-MM-DD|never]; not all of NAV: personal data): ")
                    : LocalizedText(nb: "Ny tilgang til «\(data?.datasett(id)?.datasett.name ?? "")» (type:e-post [ÅÅÅÅ-MM-DD|aldri]): ",
                                    en: "New grant on “\(data?.datasett(id)?.datasett.name ?? "")” (type:email [YYYY-MM-DD|never]): ")
            case .filter: LocalizedText(nb: "/", en: "/")
            }
            let used = canvas.draw(context.t(label), x: rect.x + 1, y: rect.y, role: .input, width: rect.width - 2)
            prompt.input.draw(into: &canvas, Rect(x: rect.x + 1 + used, y: rect.y, width: rect.width - used - 2, height: 1))
            return
        }
        let list = lists[tab] ?? ListState()
        let count = rows(tab, context).count
        var parts = [count == 0 ? "0/0" : "\(list.cursor + 1)/\(count)"]
        if !filter.isEmpty { parts.append("/\(filter)") }
        if !list.marks.isEmpty { parts.append(context.t(LocalizedText(nb: "\(list.marks.count) merket", en: "\(list.marks.count) marked"))) }
        if tab == .grants && showHistory { parts.append(context.t(LocalizedText(nb: "med trukne og utløpte", en: "with revoked and expired"))) }
        if undo != nil { parts.append(context.t(LocalizedText(nb: "u angrer", en: "u undoes"))) }
        parts.append(context.t(context.settings.backend))
        canvas.draw(parts.joined(separator: "  ·  "), x: rect.x + 1, y: rect.y, role: .status, width: rect.width - 2)
    }

    func footerHints(_ context: ScreenContext) -> [FooterHint]? {
        isTyping ? TextBuffer.promptHints(context.language) : nil
    }
}
