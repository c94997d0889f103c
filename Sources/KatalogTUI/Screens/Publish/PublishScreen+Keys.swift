import Foundation
import KatalogCore
import KatalogServices

/// The wizard's keys: the form's own, pages with Ctrl-N/Ctrl-P (PgDn/PgUp), a picker for the
/// team and the table, the columns table on the personal-data page, submit on the review page.
extension PublishScreen {
    mutating func perform(_ action: KeyAction, _ context: inout ScreenContext) -> Bool { false }

    mutating func type(_ key: Key, _ context: inout ScreenContext) {
        if var open = picker {
            choose(open.picker.handle(key, height: max(1, context.body.height - 4)), in: &open, &context)
            return
        }
        let page = PublishForm.Page(rawValue: form.page) ?? .dataprodukt
        switch key {
        case .escape:
            if finished != nil {
                // Published: the draft is gone, and the next 3 starts afresh.
                reset(context)
            } else if draft == opened {
                // Nothing typed or chosen: nothing to keep, and nothing to offer next time.
                context.notify(LocalizedText(nb: "Ingenting er fylt ut, så det er ikke lagret noe utkast.",
                                             en: "Nothing was filled in, so no draft was kept."))
            } else {
                save(&context)
                context.notify(LocalizedText(nb: "Utkastet er lagret; 3 fortsetter der du slapp.", en: "The draft is saved; 3 goes on where you left off."))
            }
            context.navigate(.switchTo(.explorer, .plain))
            return
        case .control("n"), .pageDown:
            outcome(form.next(), &context)
            return
        case .control("p"), .pageUp:
            outcome(form.back(), &context)
            return
        case .enter where page == .oversikt:
            submit(&context)
            return
        case let .character(digit) where page == .oversikt && ("1"..."4").contains(digit):
            outcome(form.jump(to: Int(String(digit))! - 1), &context)
            return
        default:
            break
        }
        outcome(form.handle(key, width: max(10, context.width - 32)), &context)
    }

    mutating func paste(_ text: String, _ context: inout ScreenContext) {
        if var open = picker {
            choose(open.picker.paste(text), in: &open, &context)
            return
        }
        outcome(form.paste(text, width: max(10, context.width - 32)), &context)
    }

    private mutating func outcome(_ outcome: Form.Outcome?, _ context: inout ScreenContext) {
        guard let outcome else { return }
        switch outcome {
        case let .pageChanged(page):
            let contact = draft.contact.trimmingCharacters(in: .whitespaces)
            if draft.page == PublishForm.Page.dataprodukt.rawValue, !contact.isEmpty, !contact.contains("@"), draft.slackChannelExists == nil {
                context.run(.checkSlack(contact))
            }
            PublishForm.read(form, into: &draft, choices: choices(context))
            draft.page = page
            check(context)
            save(&context)
            if page == PublishForm.Page.oversikt.rawValue, let spec = draft.spec {
                plan = nil
                planFailure = nil
                context.run(.planPublish(spec))
            }
        case let .blocked(count):
            context.notify(LocalizedText(nb: "\(count) problem\(count == 1 ? "" : "er") på denne siden må rettes før neste side.",
                                         en: "\(count) problem\(count == 1 ? "" : "s") on this page must be fixed before the next page."), isError: true)
        case let .openEditor(field):
            let text: String
            switch form.field(field)?.kind {
            case let .markdown(area)?: text = area.text
            default: text = ""
            }
            context.run(.editText(field: field, text: text))
        case let .openPicker(field):
            openPicker(field, &context)
        case let .custom(field, key):
            if field == "piiTags" { columnKey(key, &context) }
        case let .refused(reason):
            context.notify(LocalizedText(nb: reason, en: reason))
        case let .changed(field):
            changed(field, &context)
        }
    }

    private mutating func changed(_ field: String, _ context: inout ScreenContext) {
        let before = draft
        PublishForm.read(form, into: &draft, choices: choices(context))
        editedAt = ticks
        switch field {
        case "product":
            if case let .select(options, chosen, _)? = form.field("product")?.kind, let id = chosen.flatMap({ options[safe: $0]?.id }) {
                if id == PublishForm.newProduct {
                    draft.existing = nil
                    draft.existingSlug = nil
                } else if let product = context.catalog.products.first(where: { $0.id.text == id }) {
                    draft.take(product)
                }
                rebuild(context)
            }
        case "group" where before.group != draft.group:
            draft.teamID = nil
            draft.teamURL = nil
            draft.teamName = nil
            rebuild(context)
        case "popularKeywords":
            if case let .multiSelect(options, chosen, highlight)? = form.field(field)?.kind, let keyword = options[safe: highlight]?.id,
               draft.keywordList.contains(keyword) != chosen.contains(highlight) {
                draft.toggleKeyword(keyword)
                rebuild(context)
            }
        case "contact" where before.contact != draft.contact:
            draft.slackChannelExists = nil
            check(context)
        case "pii" where before.pii != draft.pii:
            // Sensitive closes "all of NAV" (the option is disabled with its reason).
            if draft.pii == .sensitive { draft.allOfNAV = false }
            rebuild(context)
        default:
            check(context)
        }
    }

    /// Takes the editor's text into its field.
    mutating func edited(_ field: String, _ text: String, _ context: ScreenContext) {
        form.update(field) { $0.kind = .markdown(TextArea(text)) }
        PublishForm.read(form, into: &draft, choices: choices(context))
        check(context)
    }

    // MARK: Pickers

    private mutating func openPicker(_ field: String, _ context: inout ScreenContext) {
        switch field {
        case "teamID":
            guard let group = draft.group else {
                context.notify(LocalizedText(nb: "Velg eiergruppen først.", en: "Choose the owner group first."))
                return
            }
            var picker = Picker(title: "Teamkatalogen", options: teams.map { Picker.Option(id: $0.teamID, label: $0.name, detail: $0.url) })
            teamGeneration = picker.beginLoad()
            self.picker = (field, picker)
            context.run(.loadTeams(group: group))
        case "table":
            self.picker = (field, Picker(title: context.t(LocalizedText(nb: "Tabell eller view", en: "Table or view")), options: tableOptions(context)))
        default:
            break
        }
    }

    /// The tables of the owner group's projects; those the marketplace cannot register are shown
    /// disabled with the reason.
    func tableOptions(_ context: ScreenContext) -> [Picker.Option] {
        let projects = Set(draft.group.map { group in user?.projects(ownedBy: group) ?? [] } ?? [])
        return context.catalog.tables.sorted { $0.key.description < $1.key.description }
            .filter { projects.isEmpty || projects.contains($0.key.project) }
            .flatMap { _, tables in
                tables.map { table in
                    Picker.Option(id: table.ref.description, label: table.ref.table.rawValue, detail: table.kind.label.text(context.language),
                                  disabledReason: table.kind.isPublishable ? nil : context.t(LocalizedText(
                                    nb: "\(table.kind.label.nb) kan ikke registreres", en: "\(table.kind.label.en) cannot be registered")),
                                  group: table.ref.dataset.rawValue)
                }
            }
    }

    private mutating func choose(_ outcome: Picker.Outcome?, in open: inout (field: String, picker: Picker), _ context: inout ScreenContext) {
        switch outcome {
        case let .chosen(option)?:
            picker = nil
            if open.field == "teamID" {
                draft.teamID = option.id
                draft.teamURL = option.detail
                draft.teamName = option.label
                rebuild(context)
            } else if let ref = try? TableRef(parsing: option.id) {
                chooseTable(ref, &context)
            }
            editedAt = ticks
        case .cancelled?:
            picker = nil
        case let .refused(reason)?:
            picker = open
            context.notify(LocalizedText(nb: reason, en: reason))
        case .queryChanged?, nil:
            picker = open
        }
    }

    mutating func chooseTable(_ ref: TableRef, _ context: inout ScreenContext) {
        if draft.table != ref.description {
            // Another table: its own columns, and its own name unless the user wrote one.
            if draft.editingDatasett || draft.datasettName == draft.tableRef?.table.rawValue { draft.datasettName = "" }
            draft.columns = [:]
            draft.pseudonymised = []
            draft.editingDatasett = false
        }
        // A table registered already is edited where it is, not registered twice.
        if let (product, datasett) = context.catalog.registrations(of: ref).first {
            draft.take(product)
            draft.take(datasett)
            context.notify(LocalizedText(nb: "\(ref) er registrert som «\(datasett.name)» i «\(product.name)»; du endrer det.",
                                         en: "\(ref) is registered as “\(datasett.name)” in “\(product.name)”; you are editing it."))
        }
        draft.table = ref.description
        if let table = context.catalog.details[ref] {
            draft.take(table)
        } else {
            context.run(.loadTable(ref))
        }
        rebuild(context)
    }

    // MARK: The columns table

    /// What katalog suggests for the chosen table's columns, by path.
    func suggestions(_ context: ScreenContext) -> [String: PIISuggestion] {
        guard let ref = draft.tableRef, let table = context.catalog.details[ref] else { return [:] }
        return Dictionary(PIISuggestion.suggest(for: table.schema).map { ($0.column, $0) }) { first, _ in first }
    }

    private mutating func columnKey(_ key: Key, _ context: inout ScreenContext) {
        let paths = draft.columns.keys.sorted()
        guard !paths.isEmpty else { return }
        let path = paths[min(column, paths.count - 1)]
        let suggestions = self.suggestions(context)
        switch key {
        case .down, .character("j"): column = min(paths.count - 1, column + 1)
        case .up, .character("k"): column = max(0, column - 1)
        case .left, .right:
            let all = PIITag.allCases
            let index = all.firstIndex(of: draft.columns[path] ?? .kanVaereIndirekteIdentifiserende) ?? 0
            draft.columns[path] = all[(index + (key == .right ? 1 : all.count - 1)) % all.count]
        case .character("a"):
            guard let suggestion = suggestions[path] else { return }
            draft.columns[path] = suggestion.tag
        case .character("A"):
            for (column, suggestion) in suggestions { draft.columns[column] = suggestion.tag }
        case .character("p"):
            if let index = draft.pseudonymised.firstIndex(of: path) { draft.pseudonymised.remove(at: index) } else { draft.pseudonymised.append(path) }
        default:
            return
        }
        editedAt = ticks
        check(context)
    }

    // MARK: Submitting

    private mutating func submit(_ context: inout ScreenContext) {
        guard !running else { return }
        let blocking = form.problems
        guard blocking.isEmpty, let spec = draft.spec else {
            context.notify(LocalizedText(nb: "\(blocking.count) problem må rettes først; sidene med problemer er merket.",
                                         en: "\(blocking.count) problems must be fixed first; the pages with problems are marked."), isError: true)
            return
        }
        guard let plan, plan.hasChanges else {
            context.notify(LocalizedText(nb: "Ingenting å endre: markedsplassen er som beskrevet.", en: "Nothing to change: the marketplace is as described."))
            return
        }
        let lines = plan.lines.map { "\($0.sign) " + context.t($0.text) }
        context.present(.confirmation(Confirmation(
            title: context.t(LocalizedText(nb: "Publisere?", en: "Publish?")),
            lines: lines + [context.t(plan.summary)], dangerous: false), onConfirm: [.applyPublish(spec)]))
    }
}
