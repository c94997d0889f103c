import ArgumentParser
import KatalogCore
import KatalogServices

/// `katalog show PROJECT.DATASET.TABLE`: everything about one table or view.
public struct ShowCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a table or view: schema, description, labels, partitioning, SQL, dataprodukt.")

    @Argument(help: ArgumentHelp("The table, as PROJECT.DATASET.TABLE (backticks allowed) or DATASET.TABLE.", valueName: "table"))
    var table: String

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    struct Shown: Encodable {
        let table: TableInfo
        let registrations: [Registration]
    }

    struct Registration: Encodable {
        let dataproduktID: String
        let dataprodukt: String
        let slug: String
        let datasettID: String
        let datasett: String
        let pii: PIILevel
    }

    public func run(in context: CommandContext) async throws {
        let services = context.services
        let ref = try TableRef(parsing: table, defaultProject: services.warehouse.project)
        let info = try await services.warehouse.table(ref)
        let registrations = try await services.marketplace.registrations(of: ref)
        if json {
            return context.print(try JSONOutput.render(Shown(table: info, registrations: registrations.map {
                Registration(dataproduktID: $0.dataprodukt.id.text, dataprodukt: $0.dataprodukt.name, slug: $0.dataprodukt.slug,
                             datasettID: $0.datasett.id.text, datasett: $0.datasett.name, pii: $0.datasett.pii)
            })))
        }
        let language = context.language
        var facts: [(label: String, value: String)] = [(context.t("Type", "Kind"), info.kind.label.text(language))]
        if let name = info.friendlyName { facts.append((context.t("Navn", "Name"), name)) }
        if let rows = info.numRows { facts.append((context.t("Rader", "Rows"), Formatting.count(rows, language))) }
        if let bytes = info.numBytes { facts.append((context.t("Størrelse", "Size"), Formatting.bytes(bytes, language))) }
        if let partitioning = info.partitioning { facts.append((context.t("Partisjonering", "Partitioning"), partitioning.summary.text(language))) }
        if !info.clustering.isEmpty { facts.append((context.t("Klynging", "Clustering"), info.clustering.joined(separator: ", "))) }
        if !info.labels.isEmpty {
            facts.append((context.t("Etiketter", "Labels"), info.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")))
        }
        if let location = info.location { facts.append((context.t("Lokasjon", "Location"), location)) }
        if let created = info.created { facts.append((context.t("Opprettet", "Created"), Formatting.dateTime(created, timeZone: context.timeZone))) }
        if let modified = info.modified { facts.append((context.t("Sist endret", "Last modified"), Formatting.dateTime(modified, timeZone: context.timeZone))) }
        if let expires = info.expires { facts.append((context.t("Utløper", "Expires"), Formatting.dateTime(expires, timeZone: context.timeZone))) }
        let published = registrations.isEmpty
            ? context.t("ikke publisert", "not published")
            : registrations.map { "\($0.dataprodukt.name) (\($0.dataprodukt.slug)) → \($0.datasett.name), \($0.datasett.pii.label.text(language))" }
                .joined(separator: "; ")
        facts.append(("Dataprodukt", published))

        context.print(TerminalText.line(ref.description))
        if let description = info.description, !description.isEmpty { context.print(TerminalText.block(description)) }
        context.print()
        context.print(FactList.render(facts))
        context.print()
        context.print(context.t("Skjema", "Schema"))
        let piiTags = registrations.first?.datasett.source.piiTags ?? [:]
        context.print(SchemaTree.render(info.schema, piiTags: piiTags, language: language, width: context.outputWidth.map { $0 - 2 }).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        if let query = info.query {
            context.print()
            context.print(info.kind == .materializedView ? context.t("SQL (materialisert view)", "SQL (materialized view)") : "SQL")
            context.print(TerminalText.block(query).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        }
    }
}
