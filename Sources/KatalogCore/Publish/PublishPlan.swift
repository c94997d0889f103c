import Foundation

/// What is on the marketplace now, as far as a spec is concerned.
public struct PublishedState: Sendable {
    /// The dataprodukt the spec names (by slug, else by name within its group), when it exists.
    public var dataprodukt: Dataprodukt?
    /// The user's other dataprodukter of the same group: a table registered there is moved.
    public var others: [Dataprodukt]
    /// The active grant to all of NAV of each datasett that has one.
    public var allOfNAV: [UUID: Grant]
    /// The kind of each table the spec names.
    public var tableKinds: [TableRef: TableKind]

    public init(dataprodukt: Dataprodukt?, others: [Dataprodukt] = [], allOfNAV: [UUID: Grant] = [:], tableKinds: [TableRef: TableKind] = [:]) {
        self.dataprodukt = dataprodukt
        self.others = others
        self.allOfNAV = allOfNAV
        self.tableKinds = tableKinds
    }
}

/// The ordered changes that make the marketplace what a spec says, field by field, and what the
/// marketplace then does in BigQuery: drawn by the wizard's review page, printed by
/// `katalog publish --plan`, applied by `Publisher`. Pure: the same spec and state give the
/// same plan, and a spec that is already true gives none.
public struct PublishPlan: Sendable {
    public struct FieldChange: Hashable, Sendable {
        public let field: String
        public let old: String
        public let new: String
    }

    public enum Step: Sendable {
        case createDataprodukt(NewDataprodukt)
        case updateDataprodukt(id: UUID, DataproduktUpdate, changes: [FieldChange])
        case createDatasett(DatasettSpec, kind: TableKind?)
        /// `from` names the dataprodukt it moves from.
        case updateDatasett(id: UUID, DatasettSpec, changes: [FieldChange], from: String?)
        case openToAllOfNAV(datasett: UUID, name: String, table: TableRef)
        case closeToAllOfNAV(grant: UUID, name: String)
    }

    public let steps: [Step]
    /// Datasett of the dataprodukt the spec does not mention: left as they are.
    public let untouched: [Datasett]

    public var hasChanges: Bool { !steps.isEmpty }

    public static func make(_ spec: DataproduktSpec, against state: PublishedState) -> PublishPlan {
        var steps: [Step] = []
        let existing = state.dataprodukt
        if let existing {
            let update = spec.update(of: existing)
            let changes = diff([
                ("name", existing.name, update.name), ("description", existing.description, update.description),
                ("slug", existing.slug, update.slug), ("teamkatalogenURL", existing.owner.teamkatalogenURL, update.teamkatalogenURL),
                ("teamID", existing.owner.teamID, update.teamID), ("teamContact", existing.owner.teamContact, update.teamContact),
            ])
            if !changes.isEmpty { steps.append(.updateDataprodukt(id: existing.id, update, changes: changes)) }
        } else {
            steps.append(.createDataprodukt(spec.newDataprodukt))
        }
        var mentioned = Set<UUID>()
        for wanted in spec.datasett {
            let here = existing?.datasett.first { $0.source.table == wanted.table }
            let elsewhere = here == nil ? state.others.lazy.compactMap { product in
                product.datasett.first { $0.source.table == wanted.table }.map { (product, $0) }
            }.first : nil
            guard let current = here ?? elsewhere?.1 else {
                steps.append(.createDatasett(wanted, kind: state.tableKinds[wanted.table]))
                continue
            }
            mentioned.insert(current.id)
            let update = wanted.update(of: current, in: existing?.id ?? current.dataproduktID)
            var changes = diff(fields(of: DatasettUpdate(of: current), current.pii), fields(of: update, update.pii))
            if let (product, _) = elsewhere { changes.insert(FieldChange(field: "dataprodukt", old: product.name, new: spec.name), at: 0) }
            if !changes.isEmpty { steps.append(.updateDatasett(id: current.id, wanted, changes: changes, from: elsewhere?.0.name)) }
            let open = state.allOfNAV[current.id]
            if wanted.allOfNAV && open == nil { steps.append(.openToAllOfNAV(datasett: current.id, name: wanted.name, table: wanted.table)) }
            if !wanted.allOfNAV, let open { steps.append(.closeToAllOfNAV(grant: open.id, name: wanted.name)) }
        }
        return PublishPlan(steps: steps, untouched: existing?.datasett.filter { !mentioned.contains($0.id) } ?? [])
    }

    // MARK: Field by field

    private static func fields(of update: DatasettUpdate, _ pii: PIILevel) -> [(String, String)] {
        [("name", update.name), ("description", update.description ?? ""), ("repo", update.repo ?? ""),
         ("keywords", update.keywords.joined(separator: ", ")), ("teamInternal", update.targetUser == "OwnerTeam" ? "yes" : "no"),
         ("pii", pii.rawValue), ("anonymisation", update.anonymisationDescription ?? ""),
         ("columns", update.piiTags.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rawValue)" }.joined(separator: ", ")),
         ("pseudonymised", update.pseudoColumns.sorted().joined(separator: ", "))]
    }

    private static func diff(_ old: [(String, String)], _ new: [(String, String)]) -> [FieldChange] {
        zip(old, new).compactMap { old, new in old.1 == new.1 ? nil : FieldChange(field: old.0, old: old.1, new: new.1) }
    }

    private static func diff(_ pairs: [(String, String?, String?)]) -> [FieldChange] {
        pairs.compactMap { field, old, new in
            let before = old ?? "", after = new ?? ""
            return before == after ? nil : FieldChange(field: field, old: before, new: after)
        }
    }
}

// MARK: Drawn and printed

extension PublishPlan {
    /// One change as both front ends show it: a sign (+ create, ~ change, - remove), what, the
    /// marketplace call, and the details under it — fields, then what BigQuery gets.
    public struct Line: Hashable, Sendable {
        public let sign: Character
        public let text: LocalizedText
        public let call: String
        public let details: [LocalizedText]
    }

    public var lines: [Line] {
        steps.map { step in
            switch step {
            case let .createDataprodukt(new):
                return Line(sign: "+", text: LocalizedText(nb: "nytt dataprodukt «\(new.name)» eid av \(new.group)", en: "new dataprodukt “\(new.name)” owned by \(new.group)"),
                            call: "POST /api/dataproducts/new", details: [])
            case let .updateDataprodukt(_, update, changes):
                return Line(sign: "~", text: LocalizedText(nb: "endre dataproduktet «\(update.name)»", en: "change the dataprodukt “\(update.name)”"),
                            call: "PUT /api/dataproducts/{id}", details: changes.map(Self.describe))
            case let .createDatasett(spec, kind):
                return Line(sign: "+", text: LocalizedText(nb: "registrer datasettet «\(spec.name)» på \(spec.table)", en: "register the datasett “\(spec.name)” on \(spec.table)"),
                            call: "POST /api/datasets/new", details: Self.effects(of: spec, kind: kind))
            case let .updateDatasett(_, spec, changes, from):
                let text = from.map { LocalizedText(nb: "flytt datasettet «\(spec.name)» fra «\($0)»", en: "move the datasett “\(spec.name)” from “\($0)”") }
                    ?? LocalizedText(nb: "endre datasettet «\(spec.name)»", en: "change the datasett “\(spec.name)”")
                return Line(sign: "~", text: text, call: "PUT /api/datasets/{id}", details: changes.map(Self.describe))
            case let .openToAllOfNAV(_, name, table):
                return Line(sign: "+", text: LocalizedText(nb: "åpne «\(name)» for hele NAV", en: "open “\(name)” to all of NAV"),
                            call: "POST /api/accesses/bigquery/grant", details: [Self.allUsersBinding(table)])
            case let .closeToAllOfNAV(_, name):
                return Line(sign: "-", text: LocalizedText(nb: "steng «\(name)» for hele NAV (brukere må søke)", en: "close “\(name)” to all of NAV (users must apply)"),
                            call: "POST /api/accesses/bigquery/revoke", details: [LocalizedText(
                                nb: "BigQuery: group:all-users@nav.no mister lesetilgangen til tabellen", en: "BigQuery: group:all-users@nav.no loses read access to the table")])
            }
        }
    }

    /// `Plan: 1 to create, 2 to change, 1 to remove.` or that nothing changes.
    public var summary: LocalizedText {
        let created = steps.filter { if case .createDataprodukt = $0 { true } else if case .createDatasett = $0 { true } else if case .openToAllOfNAV = $0 { true } else { false } }.count
        let removed = steps.filter { if case .closeToAllOfNAV = $0 { true } else { false } }.count
        let changed = steps.count - created - removed
        guard hasChanges else {
            return LocalizedText(nb: "Ingen endringer: markedsplassen er som beskrevet.", en: "No changes: the marketplace is as described.")
        }
        return LocalizedText(nb: "Plan: \(created) nye, \(changed) endres, \(removed) fjernes.", en: "Plan: \(created) to add, \(changed) to change, \(removed) to remove.")
    }

    /// The whole plan as text, for the CLI: every line and detail, then the summary.
    public func text(_ language: Language) -> String {
        var out: [String] = []
        for line in lines {
            out.append("\(line.sign) \(TerminalText.line(line.text.text(language)))    \(line.call)")
            out += line.details.map { "      " + TerminalText.line($0.text(language)) }
        }
        for datasett in untouched {
            out.append("  " + TerminalText.line(LocalizedText(nb: "«\(datasett.name)» (\(datasett.source.table)) står ikke i beskrivelsen og blir som det er",
                                                              en: "“\(datasett.name)” (\(datasett.source.table)) is not in the description and stays as it is").text(language)))
        }
        out.append(summary.text(language))
        return out.joined(separator: "\n")
    }

    private static func describe(_ change: FieldChange) -> LocalizedText {
        func shown(_ text: String) -> String { text.isEmpty ? "–" : "«\(String(text.prefix(60)))\(text.count > 60 ? "…" : "")»" }
        return LocalizedText(nb: "\(change.field): \(shown(change.old)) → \(shown(change.new))", en: "\(change.field): \(shown(change.old)) → \(shown(change.new))")
    }

    /// What the marketplace then does in BigQuery for a new datasett.
    private static func effects(of spec: DatasettSpec, kind: TableKind?) -> [LocalizedText] {
        var effects: [LocalizedText] = []
        let dataset = "\(spec.table.project).\(spec.table.dataset)"
        if !spec.pseudoColumns.isEmpty {
            effects.append(LocalizedText(nb: "BigQuery: et pseudonymisert view (\(spec.pseudoColumns.joined(separator: ", "))) registreres i stedet for tabellen",
                                         en: "BigQuery: a pseudonymised view (\(spec.pseudoColumns.joined(separator: ", "))) is registered instead of the table"))
        }
        if kind?.isView == true {
            effects.append(LocalizedText(nb: "BigQuery: viewet blir autorisert view på datasettet \(dataset); leser det andre datasett, må teamet autorisere det der",
                                         en: "BigQuery: the view becomes an authorized view on the dataset \(dataset); if it reads other datasets, the team must authorize it there"))
        }
        if spec.allOfNAV { effects.append(allUsersBinding(spec.table)) }
        return effects
    }

    private static func allUsersBinding(_ table: TableRef) -> LocalizedText {
        LocalizedText(nb: "BigQuery: group:all-users@nav.no får roles/bigquery.dataViewer på \(table) og roles/bigquery.metadataViewer på datasettet",
                      en: "BigQuery: group:all-users@nav.no gets roles/bigquery.dataViewer on \(table) and roles/bigquery.metadataViewer on its dataset")
    }
}
