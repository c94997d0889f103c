import Foundation
import KatalogCore
import KatalogServices

/// The publish wizard (`3`, `:publish`, `p` on a table or a dataprodukt): five pages of a form —
/// dataprodukt, datasett, personal data, access, review with the plan — submitted through the
/// same `Publisher` manifests use. Its values are a `PublishDraft`, saved on every page change
/// and two seconds after typing stops, deleted only after success.
struct PublishScreen: Screen {
    var kind: ScreenKind { .publish }
    var keyScopes: [KeyScope] { [.publish] }

    var draft = PublishDraft()
    /// The draft as the wizard opened it, before anything was typed or chosen: leaving it like
    /// that keeps no draft. nil once the draft is the user's (resumed, or started from a table).
    var opened: PublishDraft? = PublishDraft()
    var form = PublishForm.make(PublishDraft(), choices: .init(groups: [], products: []), language: .en)
    var draftID = UUID()
    var user: UserContext?
    /// The team or table being chosen.
    var picker: (field: String, picker: Picker)?
    var teams: [TeamkatalogenTeam] = []
    var keywords: [KeywordCount] = []
    var teamGeneration = 0
    /// The row of the columns table.
    var column = 0
    var plan: PublishPlan?
    var planFailure: String?
    var progress: [Int: Publisher.Outcome] = [:]
    var running = false
    var finished: Dataprodukt?
    var failure: String?
    /// When the last edit was, for saving a draft once typing stops.
    var editedAt: Int?
    var ticks = 0
    var started = false

    /// The wizard takes every key: its fields are text, typed in the page, not the status row.
    var isTyping: Bool { true }
    var showsPrompt: Bool { false }

    func breadcrumb(_ context: ScreenContext) -> [String] {
        [context.t(LocalizedText(nb: "Publiser", en: "Publish")), form.pages[form.page].title]
    }

    static let autosaveTicks = 20

    // MARK: Arriving

    mutating func arrive(_ arrival: Arrival, _ context: inout ScreenContext) {
        if !started {
            started = true
            context.run([.loadUser, .loadDrafts, .loadKeywords])
        }
        switch arrival {
        case let .table(ref):
            // `p` on a table: a new draft for it, unless this one is already about it.
            if draft.table != ref.description {
                reset(context)
                chooseTable(ref, &context)
                opened = nil
            }
        case let .dataprodukt(slug):
            if let product = context.catalog.products.first(where: { $0.slug == slug }), draft.existing != product.id {
                reset(context)
                draft.take(product)
                rebuild(context)
                opened = nil
            }
        case .plain, .node:
            break
        }
    }

    mutating func reset(_ context: ScreenContext) {
        draft = PublishDraft()
        draftID = UUID()
        plan = nil
        progress = [:]
        finished = nil
        failure = nil
        rebuild(context)
        opened = draft
    }

    func choices(_ context: ScreenContext) -> PublishForm.Choices {
        let owning = user?.teamProjects.map(\.group).filter { user?.isMember(of: $0) == true } ?? []
        var seen = Set<String>()
        return .init(groups: owning.map { $0.lowercased() }.filter { seen.insert($0).inserted },
                     products: context.catalog.products.filter { user?.isMember(of: $0.owner.group) == true }, keywords: keywords)
    }

    /// The form made anew from the draft, on the draft's page, with its problems.
    mutating func rebuild(_ context: ScreenContext) {
        let page = draft.page, focus = form.page == page ? form.focus : 0
        form = PublishForm.make(draft, choices: choices(context), language: context.language)
        _ = form.jump(to: page)
        form.focus(focus)
        check(context)
    }

    mutating func check(_ context: ScreenContext) {
        form.problems = PublishForm.problems(draft, user: user, table: draft.tableRef.flatMap { context.catalog.details[$0] })
    }

    // MARK: Data

    mutating func receive(_ event: Event, _ context: inout ScreenContext) {
        switch event {
        case let .userLoaded(.success(loaded)), let .userRefreshed(.success(loaded)):
            user = loaded
            let untouched = draft == opened
            if draft.group == nil, let only = choices(context).groups.first { draft.group = only }
            rebuild(context)
            if untouched { opened = draft }  // filled in for the user, not by them
        case let .userLoaded(.failure(failure)):
            context.notify(failure.message, isError: true)
        case let .draftsLoaded(.success(drafts)):
            guard let newest = drafts.filter({ $0.kind == PublishDraft.kind }).max(by: { $0.updated < $1.updated }), newest.id != draftID,
                  PublishDraft.restore(newest) != nil else { return }
            let time = Formatting.dateTime(newest.updated, timeZone: context.settings.timeZone)
            context.present(.confirmation(Confirmation(
                title: context.t(LocalizedText(nb: "Utkast", en: "Draft")),
                lines: [context.t(LocalizedText(nb: "Fortsette på utkastet «\(newest.title)» fra \(time)?", en: "Resume the draft “\(newest.title)” from \(time)?"))]),
                onConfirm: [.resumeDraft(newest)]))
        case let .draftResumed(saved):
            if let restored = PublishDraft.restore(saved) {
                draft = restored
                opened = nil
                draftID = saved.id
                rebuild(context)
                if let ref = draft.tableRef, context.catalog.details[ref] == nil { context.run(.loadTable(ref)) }
            }
        case .productsLoaded, .tableLoaded:
            let page = form.page
            if case let .tableLoaded(ref, .success(table)) = event, ref == draft.tableRef { draft.take(table) }
            draft.page = page
            rebuild(context)
        case let .keywordsLoaded(.success(loaded)):
            keywords = loaded
            rebuild(context)
        case let .slackChecked(channel, exists):
            if channel == draft.contact.trimmingCharacters(in: .whitespaces) {
                draft.slackChannelExists = exists
                check(context)
            }
        case let .textEdited(field, .success(text)):
            edited(field, text, context)
        case let .teamsLoaded(group, result):
            guard group == draft.group, var open = picker, open.field == "teamID" else {
                if case let .success(found) = result { teams = found }
                return
            }
            if case let .success(found) = result { teams = found }
            // Unreachable: say so, and how to try again; never a made-up team.
            let options = result.map { $0.map { Picker.Option(id: $0.teamID, label: $0.name, detail: $0.url) } }.mapError { failure in
                LoadFailure(RetryHint(message: LocalizedText(nb: failure.message.nb + " Esc, så Enter på feltet, prøver igjen.",
                                                             en: failure.message.en + " Esc, then Enter on the field, tries again.")))
            }
            open.picker.deliver(options, generation: teamGeneration, language: context.language)
            picker = open
        case let .publishPlanned(result):
            switch result {
            case let .success(made): plan = made; planFailure = nil
            case let .failure(error): plan = nil; planFailure = error.message.text(context.language)
            }
        case let .publishProgress(step, outcome):
            if step == 0, case .started = outcome {
                progress = [:]
                failure = nil
            }
            running = true
            progress[step] = outcome
        case let .publishFinished(result):
            running = false
            switch result {
            case let .success(product):
                finished = product
                failure = nil
                context.notify(LocalizedText(nb: "Publisert: «\(product.name)» med \(product.datasett.count) datasett.",
                                             en: "Published: “\(product.name)” with \(product.datasett.count) datasett."))
                context.run([.deleteDraft(draftID), .loadProducts])
            case let .failure(error):
                // Everything stays; the next submit plans again from what was made.
                failure = error.message.text(context.language)
                context.notify(error.message, isError: true)
                context.run(.saveDraft(draft.draft(id: draftID, now: Date())))
            }
        default:
            break
        }
    }

    mutating func tick(_ context: inout ScreenContext) {
        ticks += 1
        if let editedAt, ticks - editedAt >= Self.autosaveTicks {
            self.editedAt = nil
            save(&context)
        }
    }

    mutating func save(_ context: inout ScreenContext) {
        context.run(.saveDraft(draft.draft(id: draftID, now: Date())))
    }
}

/// A load failure with how to try again, for a picker to show.
private struct RetryHint: UserFacingError {
    let message: LocalizedText
    var isBadInput: Bool { false }
}
