import Foundation
import KatalogCore
import KatalogServices

/// The wizard's five pages as a `Form`, made from a `PublishDraft` and read back into one, and
/// the problems each page has — the marketplace's rules, in the user's language.
enum PublishForm {
    enum Page: Int, CaseIterable {
        case dataprodukt, datasett, personopplysninger, tilgang, oversikt

        var title: LocalizedText {
            switch self {
            case .dataprodukt: LocalizedText(nb: "Dataprodukt", en: "Dataprodukt")
            case .datasett: LocalizedText(nb: "Datasett", en: "Datasett")
            case .personopplysninger: LocalizedText(nb: "Personopplysninger", en: "Personal data")
            case .tilgang: LocalizedText(nb: "Tilgang", en: "Access")
            case .oversikt: LocalizedText(nb: "Oversikt", en: "Review")
            }
        }
    }

    /// What the pages offer: the user's groups that own a project, their dataprodukter.
    struct Choices {
        var groups: [String]
        var products: [Dataprodukt]
        /// Keywords in use on the marketplace, most used first.
        var keywords: [KeywordCount] = []
    }

    /// How many of the most used keywords the datasett page offers to pick.
    static let popularKeywords = 8

    static let newProduct = "new"

    static func make(_ draft: PublishDraft, choices: Choices, language: Language) -> Form {
        func t(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }
        let productOptions = [Picker.Option(id: newProduct, label: t("nytt dataprodukt", "new dataprodukt"))]
            + choices.products.map { Picker.Option(id: $0.id.text, label: $0.name) }
        let chosenProduct = draft.existing.flatMap { id in productOptions.firstIndex { $0.id == id.text } } ?? 0
        // An existing dataprodukt keeps its owner group.
        let groups = draft.existing != nil ? [draft.group].compactMap { $0 } + choices.groups.filter { $0 != draft.group } : choices.groups
        let groupOptions = groups.map { group in
            Picker.Option(id: group, label: group, disabledReason: draft.existing != nil && group != draft.group ? t("eiergruppen kan ikke endres", "the owner group cannot change") : nil)
        }
        let chosenGroup = draft.group.flatMap { group in groupOptions.firstIndex { $0.id == group } }
        let piiOptions = PIILevel.allCases.reversed().map { level in
            Picker.Option(id: level.rawValue, label: level.label.text(language),
                          disabledReason: draft.registeredPII.map { $0 != level } == true ? t("nivået kan ikke endres etter registrering", "the level cannot change once registered") : nil)
        }
        let sensitive = draft.pii == .sensitive
        let accessOptions = [
            Picker.Option(id: "apply", label: t("brukere må søke", "users must apply")),
            Picker.Option(id: "all", label: t("hele NAV", "all of NAV"),
                          disabledReason: sensitive ? t("ikke for personopplysninger", "not for personal data") : nil),
        ]
        let team = draft.teamID.map { Picker.Option(id: $0, label: draft.teamName ?? $0, detail: draft.teamURL) }
        let table = draft.table.map { Picker.Option(id: $0, label: $0) }
        let suggested = draft.tableRef == nil ? 0 : draft.columns.count
        return Form(pages: [
            Form.Page(title: Page.dataprodukt.title.text(language), fields: [
                .init(id: "product", label: t("Dataprodukt", "Dataprodukt"), kind: .select(options: productOptions, chosen: chosenProduct, highlight: chosenProduct)),
                .init(id: "name", label: t("Navn", "Name"), required: true, kind: .text(TextBuffer(draft.name))),
                .init(id: "description", label: t("Beskrivelse", "Description"), kind: .markdown(TextArea(draft.description))),
                .init(id: "group", label: t("Eiergruppe", "Owner group"), required: true,
                      kind: .select(options: groupOptions, chosen: chosenGroup, highlight: chosenGroup ?? 0)),
                .init(id: "teamID", label: "Teamkatalogen", required: true, kind: .picker(chosen: team)),
                .init(id: "contact", label: t("Kontakt (Slack/e-post)", "Contact (Slack/e-mail)"), kind: .text(TextBuffer(draft.contact))),
            ]),
            Form.Page(title: Page.datasett.title.text(language), fields: [
                .init(id: "table", label: t("Tabell eller view", "Table or view"), required: true, kind: .picker(chosen: table)),
                .init(id: "datasettName", label: t("Navn", "Name"), required: true, kind: .text(TextBuffer(draft.datasettName))),
                .init(id: "datasettDescription", label: t("Beskrivelse", "Description"), kind: .markdown(TextArea(draft.datasettDescription))),
                .init(id: "repo", label: t("Kildekode (URL)", "Source code (URL)"), kind: .text(TextBuffer(draft.repo))),
                .init(id: "keywords", label: t("Nøkkelord (a, b)", "Keywords (a, b)"), kind: .text(TextBuffer(draft.keywords))),
                .init(id: "popularKeywords", label: t("Mest brukte", "Most used"), kind: .multiSelect(
                    options: choices.keywords.prefix(popularKeywords).map { Picker.Option(id: $0.keyword, label: "\($0.keyword) (\($0.count))") },
                    chosen: Set(choices.keywords.prefix(popularKeywords).enumerated().filter { draft.keywordList.contains($0.element.keyword) }.map(\.offset)),
                    highlight: 0)),
                .init(id: "teamInternal", label: t("Til bruk i teamet", "For use in the team"), kind: .toggle(draft.teamInternal, disabledReason: nil)),
            ]),
            Form.Page(title: Page.personopplysninger.title.text(language), fields: [
                .init(id: "pii", label: t("Personopplysninger", "Personal data"), required: true,
                      kind: .select(options: piiOptions, chosen: piiOptions.firstIndex { $0.id == draft.pii.rawValue }, highlight: piiOptions.firstIndex { $0.id == draft.pii.rawValue } ?? 0)),
                .init(id: "anonymisationDescription", label: t("Anonymiseringsmetode", "Anonymisation method"), kind: .text(TextBuffer(draft.anonymisation))),
                .init(id: "piiTags", label: t("Kolonner", "Columns"), kind: .custom(kind: "columns", summary: t("\(suggested) kolonner", "\(suggested) columns"))),
            ]),
            Form.Page(title: Page.tilgang.title.text(language), fields: [
                .init(id: "subject", label: t("Tilgang", "Access"), required: true,
                      kind: .select(options: accessOptions, chosen: draft.allOfNAV ? 1 : 0, highlight: draft.allOfNAV ? 1 : 0)),
            ]),
            Form.Page(title: Page.oversikt.title.text(language), fields: [
                .init(id: "review", label: t("Plan", "Plan"), kind: .custom(kind: "review", summary: "")),
            ]),
        ])
    }

    /// The form's values back into the draft (what only the screen holds — team, table,
    /// columns — stays as it is).
    static func read(_ form: Form, into draft: inout PublishDraft, choices: Choices) {
        func text(_ id: String) -> String {
            switch form.field(id)?.kind {
            case let .text(buffer)?: buffer.text
            case let .markdown(area)?: area.text
            default: ""
            }
        }
        func chosen(_ id: String) -> String? {
            if case let .select(options, chosen, _)? = form.field(id)?.kind { return chosen.flatMap { options[safe: $0]?.id } }
            return nil
        }
        draft.page = form.page
        draft.name = text("name")
        draft.description = text("description")
        draft.group = chosen("group") ?? draft.group
        draft.contact = text("contact")
        draft.datasettName = text("datasettName")
        draft.datasettDescription = text("datasettDescription")
        draft.repo = text("repo")
        draft.keywords = text("keywords")
        if case let .toggle(on, _)? = form.field("teamInternal")?.kind { draft.teamInternal = on }
        draft.pii = chosen("pii").flatMap(PIILevel.init(rawValue:)) ?? .none
        draft.anonymisation = text("anonymisationDescription")
        draft.allOfNAV = chosen("subject") == "all" && draft.pii != .sensitive
    }

    /// Every problem of the draft, by form field: the marketplace's rules for the dataprodukt and
    /// the datasett (`MarketplaceRules`, the same functions the service layer runs), and the
    /// form's own (a table chosen, a URL for the source code).
    static func problems(_ draft: PublishDraft, user: UserContext?, table: TableInfo?) -> [Problem] {
        var problems: [Problem] = []
        func required(_ value: String?, _ field: String, _ what: LocalizedText) {
            if (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(Problem(field: field, code: "required", message: LocalizedText(nb: "\(what.nb) må fylles ut.", en: "\(what.en) is required.")))
            }
        }
        required(draft.name, "name", LocalizedText(nb: "Navn", en: "A name"))
        required(draft.group, "group", LocalizedText(nb: "Eiergruppe", en: "An owner group"))
        required(draft.teamID, "teamID", LocalizedText(nb: "Team i Teamkatalogen", en: "The Teamkatalogen team"))
        required(draft.table, "table", LocalizedText(nb: "Tabell", en: "A table"))
        required(draft.datasettName, "datasettName", LocalizedText(nb: "Navn på datasettet", en: "The datasett's name"))
        let repo = draft.repo.trimmingCharacters(in: .whitespaces)
        if !repo.isEmpty, URL(string: repo)?.scheme?.hasPrefix("http") != true || URL(string: repo)?.host == nil {
            problems.append(Problem(field: "repo", code: "repo", message: LocalizedText(
                nb: "Lenken til kildekoden må være en adresse som https://github.com/navikt/…", en: "The source code link must be an address such as https://github.com/navikt/…")))
        }
        let contact = draft.contact.trimmingCharacters(in: .whitespaces)
        if contact.hasPrefix("#") {
            problems.append(Problem(field: "contact", code: "contact", message: LocalizedText(
                nb: "Skriv Slack-kanalen uten #.", en: "Write the Slack channel without #.")))
        } else if draft.slackChannelExists == false && !contact.contains("@") {
            problems.append(Problem(field: "contact", code: "contact", message: LocalizedText(
                nb: "Slack kjenner ingen kanal «\(contact)». Skriv en kanal som finnes (uten #), eller en e-postadresse.",
                en: "Slack knows no channel “\(contact)”. Write a channel that exists (without #), or an e-mail address.")))
        }
        if let user, let spec = draft.spec, let wanted = spec.datasett.first {
            let product = Dataprodukt(id: draft.existing ?? UUID(), name: spec.name, description: nil, slug: spec.slug ?? "", owner: Owner(group: spec.group),
                                      created: Date(), lastModified: Date())
            let rules = MarketplaceRules.check(wanted.newDatasett(in: product.id), in: product, table: table, by: user)
            // Those the form already said in its own words are not said twice.
            let said = Set(problems.map(\.field))
            problems += rules.filter { $0.code != "required" && !said.contains($0.field) }
        }
        return problems
    }
}
