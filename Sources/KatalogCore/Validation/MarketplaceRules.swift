import Foundation

/// The marketplace's rules (contracts/MARKETPLACE-API.md, "Rules the server enforces"),
/// checked before anything is sent, so the user gets every problem at once in their language
/// instead of the server's first 400. The local marketplace enforces the same functions, which
/// keeps the two honest with each other.
public enum MarketplaceRules {
    /// Expiry dates are compared in Norwegian time: "tomorrow" is tomorrow in Oslo.
    public static let timeZone = TimeZone(identifier: "Europe/Oslo")!

    // MARK: Dataprodukt

    public static func check(_ new: NewDataprodukt, by user: UserContext) -> [Problem] {
        var problems = required(new.name, field: "name", what: nameText)
        if EmailAddress.normalized(new.group) == nil {
            problems.append(Problem(field: "group", code: "group", message: LocalizedText(
                nb: "Eiergruppen må være en Google-gruppe som team-x@nav.no.",
                en: "The owner group must be a Google group such as team-x@nav.no.")))
        } else if !user.isMember(of: new.group) {
            problems.append(wrongOwner(new.group))
        }
        problems += required(new.teamID ?? "", field: "teamID", what: LocalizedText(nb: "Team i Teamkatalogen", en: "The Teamkatalogen team"))
        return problems
    }

    public static func check(_ update: DataproduktUpdate, of existing: Dataprodukt, by user: UserContext) -> [Problem] {
        var problems = required(update.name, field: "name", what: nameText)
        problems += required(update.teamID ?? "", field: "teamID", what: LocalizedText(nb: "Team i Teamkatalogen", en: "The Teamkatalogen team"))
        if !user.isMember(of: existing.owner.group) { problems.append(wrongOwner(existing.owner.group)) }
        return problems
    }

    public static func checkDelete(_ existing: Dataprodukt, by user: UserContext) -> [Problem] {
        user.isMember(of: existing.owner.group) ? [] : [wrongOwner(existing.owner.group)]
    }

    // MARK: Datasett

    /// `table` is what the warehouse says about the registered table: nil when it does not exist.
    public static func check(_ new: NewDatasett, in dataprodukt: Dataprodukt, table: TableInfo?, by user: UserContext) -> [Problem] {
        var problems = required(new.name, field: "name", what: nameText)
        problems += checkPII(pii: new.pii, anonymisationDescription: new.anonymisationDescription, piiTags: new.piiTags,
                             pseudoColumns: new.pseudoColumns, schema: table?.schema)
        if new.pii == .sensitive && new.grantAllUsers {
            problems.append(sensitiveToAll)
        }
        problems += checkTable(new.table, table, owner: dataprodukt.owner.group, user: user)
        if !user.isMember(of: dataprodukt.owner.group) { problems.append(wrongOwner(dataprodukt.owner.group)) }
        return problems
    }

    public static func check(_ update: DatasettUpdate, of existing: Datasett, from current: Dataprodukt, to target: Dataprodukt,
                             table: TableInfo?, by user: UserContext) -> [Problem] {
        var problems = required(update.name, field: "name", what: nameText)
        problems += checkPII(pii: update.pii, anonymisationDescription: update.anonymisationDescription, piiTags: update.piiTags,
                             pseudoColumns: update.pseudoColumns, schema: table?.schema)
        // As on the web: what was promised about personal data is not edited afterwards.
        if update.pii != existing.pii {
            problems.append(Problem(field: "pii", code: "pii_level", message: LocalizedText(
                nb: "Personopplysningsnivået kan ikke endres etter registrering (\(existing.pii.label.nb) → \(update.pii.label.nb)). Registrer datasettet på nytt med riktig nivå.",
                en: "The personal data level cannot change after registration (\(existing.pii.label.en) → \(update.pii.label.en)). Register the datasett again with the right level.")))
        }
        if !user.isMember(of: current.owner.group) { problems.append(wrongOwner(current.owner.group)) }
        if current.owner.group.lowercased() != target.owner.group.lowercased() {
            problems.append(Problem(field: "dataproduktID", code: "wrong_owner", message: LocalizedText(
                nb: "Et datasett kan bare flyttes til et dataprodukt med samme eiergruppe (\(current.owner.group)), ikke til \(target.owner.group).",
                en: "A datasett can only move to a dataprodukt with the same owner group (\(current.owner.group)), not to \(target.owner.group).")))
        }
        return problems
    }

    public static func checkDelete(_ datasett: Datasett, in dataprodukt: Dataprodukt, by user: UserContext) -> [Problem] {
        user.isMember(of: dataprodukt.owner.group) ? [] : [wrongOwner(dataprodukt.owner.group)]
    }

    // MARK: Access

    public static func check(_ grant: GrantRequest, on datasett: Datasett, in dataprodukt: Dataprodukt, by user: UserContext, now: Date) -> [Problem] {
        var problems = checkExpiry(grant.expires, now: now)
        if datasett.pii == .sensitive && grant.subject.isAllUsers { problems.append(sensitiveToAll) }
        if !user.isMember(of: dataprodukt.owner.group) { problems.append(wrongOwner(dataprodukt.owner.group)) }
        return problems
    }

    public static func check(_ request: NewAccessRequest, on datasett: Datasett, now: Date) -> [Problem] {
        var problems = checkExpiry(request.expires, now: now)
        if datasett.pii == .sensitive && request.subject.isAllUsers { problems.append(sensitiveToAll) }
        return problems
    }

    /// Approving, denying and revoking need membership of the owner group.
    public static func checkOwnerAction(on dataprodukt: Dataprodukt, by user: UserContext) -> [Problem] {
        user.isMember(of: dataprodukt.owner.group) ? [] : [wrongOwner(dataprodukt.owner.group)]
    }

    /// Revoking, as the marketplace allows it: a member of the dataprodukt's owner group, or the
    /// grant's own owner — the user, or a group the user is in (else 403 `wrong_team`).
    public static func checkRevoke(_ grant: Grant, of dataprodukt: Dataprodukt, by user: UserContext) -> [Problem] {
        if user.isMember(of: dataprodukt.owner.group) || grant.owner.lowercased() == user.email.lowercased() || user.isMember(of: grant.owner) {
            return []
        }
        return [Problem(field: "grant", code: "wrong_team", message: LocalizedText(
            nb: "Du kan ikke trekke denne tilgangen: den eies av \(TerminalText.visible(grant.owner)), og du er ikke med i eiergruppen \(TerminalText.visible(dataprodukt.owner.group)). Be en i teamet trekke den.",
            en: "You cannot revoke this grant: it is owned by \(TerminalText.visible(grant.owner)), and you are not in the owner group \(TerminalText.visible(dataprodukt.owner.group)). Ask a member of the team to revoke it."))]
    }

    /// nil is "forever"; a date must be tomorrow (Oslo time) or later.
    public static func checkExpiry(_ expires: Date?, now: Date) -> [Problem] {
        guard let expires else { return [] }
        if expires >= startOfTomorrow(after: now) { return [] }
        return [Problem(field: "expires", code: "expires_in_past", message: LocalizedText(
            nb: "Utløpsdatoen må være i morgen eller senere, eller «aldri».",
            en: "The expiry date must be tomorrow or later, or “never”."))]
    }

    /// What an owner should think twice about before approving: personal data given without a
    /// documented purpose (a Polly processing). Not refused — the marketplace allows it — but
    /// asked about.
    public static func approvalWarnings(_ request: AccessRequest, on datasett: Datasett) -> [Problem] {
        guard datasett.pii != .none, request.polly == nil else { return [] }
        return [Problem(field: "polly", code: "no_purpose", message: LocalizedText(
            nb: "«\(TerminalText.visible(datasett.name))» har personopplysninger, og søknaden fra \(request.subject) viser ikke til noen behandling i Polly (hvorfor de trenger dem). Godkjenn bare om formålet er dokumentert et annet sted.",
            en: "“\(TerminalText.visible(datasett.name))” has personal data, and the request from \(request.subject) names no processing in Polly (why they need it). Approve only if the purpose is documented elsewhere."))]
    }

    /// A denial says why: the marketplace would store an empty reason, and the requester would
    /// learn nothing.
    public static func checkDenyReason(_ reason: String?) -> [Problem] {
        guard (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        return [Problem(field: "reason", code: "reason_required", message: LocalizedText(
            nb: "Et avslag må ha en begrunnelse, så søkeren vet hvorfor (--reason \"…\").",
            en: "A denial needs a reason, so the requester knows why (--reason \"…\")."))]
    }

    public static func startOfTomorrow(after now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now))!
    }

    // MARK: Pieces

    private static func checkTable(_ ref: TableRef, _ table: TableInfo?, owner group: String, user: UserContext) -> [Problem] {
        var problems: [Problem] = []
        if let table {
            if !table.kind.isPublishable {
                problems.append(Problem(field: "table", code: "table_type", message: LocalizedText(
                    nb: "\(ref) er en \(table.kind.label.nb); bare tabeller, views og materialiserte views kan registreres som datasett.",
                    en: "\(ref) is a \(table.kind.label.en); only tables, views and materialized views can be registered as a datasett.")))
            }
        } else {
            problems.append(Problem(field: "table", code: "gcp_bigquery", message: LocalizedText(
                nb: "Tabellen \(ref) finnes ikke i BigQuery.",
                en: "The table \(ref) does not exist in BigQuery.")))
        }
        let owned = user.projects(ownedBy: group)
        if !owned.contains(ref.project) {
            let list = owned.map(\.rawValue).joined(separator: ", ")
            problems.append(Problem(field: "table", code: "wrong_project", message: LocalizedText(
                nb: "Tabellen må ligge i GCP-prosjektet til teamet \(group)\(list.isEmpty ? "" : " (\(list))"), ikke i \(ref.project).",
                en: "The table must live in the GCP project of the team \(group)\(list.isEmpty ? "" : " (\(list))"), not in \(ref.project).")))
        }
        return problems
    }

    private static func checkPII(pii: PIILevel, anonymisationDescription: String?, piiTags: [String: PIITag], pseudoColumns: [String],
                                 schema: [SchemaField]?) -> [Problem] {
        var problems: [Problem] = []
        if pii == .anonymised && (anonymisationDescription ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(field: "anonymisationDescription", code: "anonymisation_description", message: LocalizedText(
                nb: "Beskriv anonymiseringsmetoden når datasettet er anonymisert.",
                en: "Describe the anonymisation method when the datasett is anonymised.")))
        }
        if let schema {
            let columns = Set(SchemaField.flatten(schema).map(\.path))
            let unknown = piiTags.keys.filter { !columns.contains($0) }.sorted()
            if !unknown.isEmpty {
                let names = unknown.map { TerminalText.line($0) }.joined(separator: ", ")
                problems.append(Problem(field: "piiTags", code: "pii_tags", message: LocalizedText(
                    nb: "PII-merking på kolonner som ikke finnes i tabellen: \(names).",
                    en: "PII tags on columns the table does not have: \(names).")))
            }
            let leaves = SchemaField.flatten(schema).filter { !$0.field.isRecord }.map(\.path)
            let missing = pseudoColumns.filter { !columns.contains($0) }
            if !missing.isEmpty {
                let names = missing.map { TerminalText.line($0) }.joined(separator: ", ")
                problems.append(Problem(field: "pseudoColumns", code: "pseudo_columns", message: LocalizedText(
                    nb: "Kolonner å pseudonymisere som ikke finnes i tabellen: \(names).",
                    en: "Columns to pseudonymise that the table does not have: \(names).")))
            } else if !pseudoColumns.isEmpty && Set(pseudoColumns).isSuperset(of: leaves) {
                problems.append(Problem(field: "pseudoColumns", code: "pseudo_columns", message: LocalizedText(
                    nb: "Minst én kolonne må stå upseudonymisert; pseudonymiser noen av kolonnene, ikke alle.",
                    en: "At least one column must stay as it is; pseudonymise some of the columns, not all.")))
            }
        }
        return problems
    }

    private static let nameText = LocalizedText(nb: "Navn", en: "A name")

    private static func required(_ value: String, field: String, what: LocalizedText) -> [Problem] {
        guard value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        return [Problem(field: field, code: "required", message: LocalizedText(nb: "\(what.nb) må fylles ut.", en: "\(what.en) is required."))]
    }

    private static func wrongOwner(_ group: String) -> Problem {
        Problem(field: "group", code: "wrong_owner", message: LocalizedText(
            nb: "Du er ikke medlem av eiergruppen \(TerminalText.line(group)). Be en i teamet legge deg til i gruppen, eller gjør endringen som en som er med.",
            en: "You are not a member of the owner group \(TerminalText.line(group)). Ask the team to add you to the group, or have a member make the change."))
    }

    private static let sensitiveToAll = Problem(field: "subject", code: "opening_dataset_with_pii_tags", message: LocalizedText(
        nb: "Et datasett med personopplysninger kan ikke åpnes for hele NAV (all-users@nav.no). Gi tilgang til bestemte brukere eller grupper.",
        en: "A datasett with personal data cannot be opened to all of NAV (all-users@nav.no). Grant access to specific users or groups."))
}
