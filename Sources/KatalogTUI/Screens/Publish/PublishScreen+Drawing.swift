import Foundation
import KatalogCore
import KatalogServices

/// The wizard drawn: the pages as steps on top (each with its problem count), the page's form,
/// the columns table on the personal-data page, the plan and its progress on the review page,
/// and a picker over it all while one is open.
extension PublishScreen {
    func draw(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        guard rect.height > 2 else { return }
        drawSteps(into: &canvas, Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), context)
        let body = Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 2, height: rect.height - 2)
        switch PublishForm.Page(rawValue: form.page) ?? .dataprodukt {
        case .personopplysninger:
            let formHeight = min(body.height, 8 + form.problems(onPage: form.page).count)
            form.draw(into: &canvas, Rect(x: body.x, y: body.y, width: body.width, height: formHeight), texts: Form.Texts(language: context.language))
            if draft.pii == .sensitive {
                drawColumns(into: &canvas, Rect(x: body.x, y: body.y + formHeight, width: body.width, height: body.height - formHeight), context)
            }
        case .oversikt:
            drawReview(into: &canvas, body, context)
        default:
            form.draw(into: &canvas, body, texts: Form.Texts(language: context.language))
        }
        if let open = picker {
            let box = rect.centered(width: min(rect.width, 72), height: min(rect.height, 16))
            canvas.fill(x: box.x, y: box.y, width: box.width, height: box.height, role: .overlay)
            canvas.box(x: box.x, y: box.y, width: box.width, height: box.height, role: .border)
            canvas.draw(" \(open.picker.title) ", x: box.x + 2, y: box.y, role: .title, width: box.width - 4)
            open.picker.draw(into: &canvas, Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2),
                             loadingText: context.t(LocalizedText(nb: "henter …", en: "loading …")),
                             emptyText: context.t(LocalizedText(nb: "ingen treff", en: "no matches")))
        }
    }

    /// `1 Dataprodukt › 2 Datasett ⚠1 › …`, the current page marked.
    private func drawSteps(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        var x = rect.x
        for page in PublishForm.Page.allCases where x < rect.right {
            let problems = form.problems(onPage: page.rawValue).count
            let label = "\(page.rawValue + 1) \(page.title.text(context.language))"
            let role: Role = page.rawValue == form.page ? .selection : .header
            x += canvas.draw(label, x: x, y: rect.y, role: role, width: rect.right - x)
            if problems > 0 { x += canvas.draw((canvas.glyphs == .ascii ? " !" : " ⚠") + "\(problems)", x: x, y: rect.y, role: .warn, width: rect.right - x) }
            if page != .oversikt { x += canvas.draw(canvas.glyphs == .ascii ? " > " : " › ", x: x, y: rect.y, role: .muted, width: rect.right - x) }
        }
    }

    /// Every column with its class, the suggestion beside it until it is taken.
    private func drawColumns(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        guard rect.height > 1 else { return }
        let suggestions = self.suggestions(context)
        let paths = draft.columns.keys.sorted()
        let focused = form.focusedField?.id == "piiTags"
        let hint = context.t(LocalizedText(nb: "←/→ klasse · a godta forslag · A godta alle · p pseudonymiser",
                                           en: "←/→ class · a accept suggestion · A accept all · p pseudonymise"))
        canvas.draw(hint, x: rect.x, y: rect.y, role: .muted, width: rect.width)
        guard !paths.isEmpty else {
            canvas.draw(context.t(LocalizedText(nb: "Velg en tabell på side 2 først.", en: "Choose a table on page 2 first.")), x: rect.x, y: rect.y + 1,
                        role: .muted, width: rect.width)
            return
        }
        var list = ListState()
        list.move(.to(min(column, paths.count - 1)), count: paths.count, height: rect.height - 1)
        let nameWidth = min(36, max(12, rect.width / 3))
        for index in list.visible(count: paths.count, height: rect.height - 1) {
            let path = paths[index]
            let y = rect.y + 1 + index - list.offset
            let selected = focused && index == list.cursor
            let tag = draft.columns[path] ?? .kanVaereIndirekteIdentifiserende
            let pseudo = draft.pseudonymised.contains(path) ? (canvas.glyphs == .ascii ? " [pseudo]" : " ⧉ pseudo") : ""
            canvas.draw(path, x: rect.x, y: y, role: selected ? .selection : .normal, width: nameWidth - 1)
            var x = rect.x + nameWidth
            x += canvas.draw(tag.label.text(context.language) + pseudo, x: x, y: y, role: selected ? .accent : .normal, width: rect.right - x)
            if let suggestion = suggestions[path], suggestion.tag != tag {
                let text = context.t(LocalizedText(nb: "  forslag: \(suggestion.tag.label.nb) (\(suggestion.reason.nb))",
                                                   en: "  suggested: \(suggestion.tag.label.en) (\(suggestion.reason.en))"))
                canvas.draw(text, x: x, y: y, role: .warn, width: rect.right - x)
            }
        }
    }

    /// The summary, the plan with the calls in order, and how far a submit got.
    private func drawReview(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        var lines: [(String, Role)] = []
        let language = context.language
        func t(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }
        let product = draft.existing == nil ? t("nytt", "new") : t("finnes", "exists")
        lines.append((t("Dataprodukt", "Dataprodukt") + ": «\(draft.name)» (\(product)), \(draft.group ?? "–"), \(draft.teamName ?? "–")", .normal))
        lines.append((t("Datasett", "Datasett") + ": «\(draft.datasettName)» \(t("på", "on")) \(draft.table ?? "–")", .normal))
        let classified = draft.pii == .sensitive ? ", " + t("\(draft.columns.count) kolonner klassifisert", "\(draft.columns.count) columns classified") : ""
        lines.append((t("Personopplysninger", "Personal data") + ": " + draft.pii.label.text(language) + classified, .normal))
        lines.append((t("Tilgang", "Access") + ": " + (draft.allOfNAV ? t("hele NAV", "all of NAV") : t("brukere må søke", "users must apply")), .normal))
        lines.append(("", .normal))
        let problems = form.problems
        if !problems.isEmpty {
            lines.append((t("Rett dette først (1–4 åpner siden):", "Fix these first (1–4 open the page):"), .warn))
            lines += problems.map { ("  " + (canvas.glyphs == .ascii ? "! " : "⚠ ") + $0.message.text(language), .warn) }
        } else if let planFailure {
            lines.append((planFailure, .warn))
        } else if let plan {
            for (index, line) in plan.lines.enumerated() {
                let mark: String
                let role: Role
                switch progress[index] {
                case .done?: mark = canvas.glyphs == .ascii ? "ok" : "✓"; role = .ok
                case .failed?: mark = canvas.glyphs == .ascii ? "x " : "✗"; role = .danger
                case .started?: mark = canvas.glyphs == .ascii ? ".." : "…"; role = .accent
                case nil: mark = String(line.sign); role = .normal
                }
                lines.append(("\(mark) \(line.text.text(language))    \(line.call)", role))
                lines += line.details.map { ("      " + $0.text(language), .muted) }
                if case let .failed(reason)? = progress[index] { lines.append(("      " + reason.text(language), .danger)) }
            }
            lines.append((plan.summary.text(language), .header))
            if let finished {
                lines.append((t("Publisert: «\(finished.name)» (\(finished.slug)).", "Published: “\(finished.name)” (\(finished.slug))."), .ok))
            } else if let failure {
                lines.append((t("Stoppet: ", "Stopped: ") + failure, .danger))
                lines.append((t("Alt er beholdt; Enter sender inn igjen og fortsetter der det stoppet.", "Everything is kept; Enter submits again and goes on from where it stopped."), .muted))
            } else if plan.hasChanges && !running {
                lines.append((t("Enter sender inn (spør først).", "Enter submits (asks first)."), .muted))
            }
        } else {
            lines.append((t("Lager planen …", "Making the plan …"), .muted))
        }
        var y = rect.y
        for (text, role) in lines {
            // Details keep their indent when they wrap.
            let indent = min(rect.width / 2, text.prefix { $0 == " " }.count)
            for wrapped in DetailLine.wrap(String(text.dropFirst(indent)), width: max(1, rect.width - indent)) where y < rect.bottom {
                canvas.draw(wrapped.spans.map(\.text).joined(), x: rect.x + indent, y: y, role: role, width: rect.width - indent)
                y += 1
            }
        }
    }

    func drawStatus(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        let count = form.problems.count
        let text = count == 0 ? context.t(LocalizedText(nb: "Publiser · utkastet lagres mens du skriver", en: "Publish · the draft is saved as you type"))
            : context.t(LocalizedText(nb: "\(count) problem igjen", en: "\(count) problems left"))
        canvas.draw(text + "  ·  " + context.t(context.settings.backend), x: rect.x + 1, y: rect.y, role: count == 0 ? .status : .warn, width: rect.width - 2)
    }

    func footerHints(_ context: ScreenContext) -> [FooterHint]? {
        let language = context.language
        if picker != nil {
            return [FooterHint("enter", FooterHint.t(language, "velg", "choose")), FooterHint("esc", FooterHint.t(language, "avbryt", "cancel"))]
        }
        var hints = [FooterHint("tab", FooterHint.t(language, "felt", "field")), FooterHint("ctrl-n", FooterHint.t(language, "neste side", "next page")),
                     FooterHint("ctrl-p", FooterHint.t(language, "forrige", "previous"))]
        if form.focusedField.map({ if case .markdown = $0.kind { true } else { false } }) == true {
            hints.append(FooterHint("ctrl-e", "$EDITOR"))
        }
        if form.page == PublishForm.Page.oversikt.rawValue { hints.append(FooterHint("enter", FooterHint.t(language, "send inn", "submit"))) }
        hints.append(FooterHint("esc", FooterHint.t(language, "ut (lagret)", "leave (saved)")))
        return hints
    }
}
