import ArgumentParser
import KatalogCore
import KatalogServices

/// `katalog ls [DATASET] [-r]`: the project's datasets, one dataset's tables, or every table.
public struct LsCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List datasets, the tables of one dataset, or (-r) every table of the project.",
        discussion: "DATASET is a dataset id (rasone) or PROJECT.DATASET.")

    @Argument(help: ArgumentHelp("A dataset id or PROJECT.DATASET.", valueName: "dataset"))
    var dataset: String?

    @Flag(name: .shortAndLong, help: "Every table of every dataset, in one list.")
    var recursive = false

    @Flag(help: "Do not ask for rows and sizes (on a cloud project, a query after the list).")
    var noSizes = false

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let warehouse = context.services.warehouse
        if recursive {
            guard dataset == nil else {
                throw InvalidInput([Problem(field: "dataset", code: "recursive_dataset", message: LocalizedText(
                    nb: "-r lister alle datasettene; ta bort DATASET, eller -r.", en: "-r lists every dataset; leave out DATASET, or -r."))])
            }
            return try await listEverything(context)
        }
        guard let dataset else {
            let datasets = try await warehouse.datasets()
            if json { return context.print(try JSONOutput.render(datasets)) }
            var table = TextTable([
                .init(title: "DATASET"), .init(title: context.t("NAVN", "NAME")), .init(title: context.t("TABELLER", "TABLES"), alignment: .right),
                .init(title: context.t("LOKASJON", "LOCATION")), .init(title: context.t("BESKRIVELSE", "DESCRIPTION")),
            ])
            for info in datasets {
                table.add([info.ref.dataset.rawValue, info.friendlyName ?? "", info.tableCount.map(String.init) ?? "", info.location, info.description ?? ""])
            }
            context.print(context.t("Prosjekt \(warehouse.project)", "Project \(warehouse.project)"))
            return context.print(table.render(width: context.outputWidth))
        }
        let ref = try Self.parseDataset(dataset, project: warehouse.project)
        let tables = try await warehouse.tables(in: ref)
        let sizes = noSizes ? [:] : await warehouse.tableSizes(in: [ref], locations: [:])
        try printTables(tables.map { $0.with(sizes[$0.ref]) }, qualified: false, context)
    }

    private func listEverything(_ context: CommandContext) async throws {
        let warehouse = context.services.warehouse
        let datasets = try await warehouse.datasets()
        let refs = datasets.map(\.ref)
        let lists = await warehouse.tables(in: refs)
        let sizes = noSizes ? [:] : await warehouse.tableSizes(in: refs, locations: Dictionary(uniqueKeysWithValues: datasets.map { ($0.ref, $0.location) }))
        try printTables(try refs.flatMap { try lists[$0]?.get() ?? [] }.map { $0.with(sizes[$0.ref]) }, qualified: true, context)
    }

    private func printTables(_ tables: [TableInfo], qualified: Bool, _ context: CommandContext) throws {
        if json { return context.print(try JSONOutput.render(tables)) }
        var table = TextTable([
            .init(title: context.t("TABELL", "TABLE")), .init(title: context.t("TYPE", "KIND")),
            .init(title: context.t("RADER", "ROWS"), alignment: .right), .init(title: context.t("STØRRELSE", "SIZE"), alignment: .right),
            .init(title: context.t("SIST ENDRET", "LAST MODIFIED")),
        ])
        for info in tables {
            table.add([qualified ? "\(info.ref.dataset.rawValue).\(info.ref.table.rawValue)" : info.ref.table.rawValue, "\(info.kind.marker) \(info.kind.label.text(context.language))",
                       info.numRows.map { Formatting.count($0, context.language) } ?? "–",
                       info.numBytes.map { Formatting.bytes($0, context.language) } ?? "–",
                       info.modified.map { Formatting.dateTime($0, timeZone: context.timeZone) } ?? ""])
        }
        context.print(table.render(width: context.outputWidth))
    }

    /// `rasone` or `project.rasone`.
    static func parseDataset(_ text: String, project: ProjectID) throws -> DatasetRef {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return DatasetRef(project: project, dataset: try DatasetID(parts[0]))
        case 2: return DatasetRef(project: try ProjectID(parts[0]), dataset: try DatasetID(parts[1]))
        default:
            throw InvalidInput([Problem(field: "dataset", code: "dataset_ref", message: LocalizedText(
                nb: "«\(TerminalText.line(text))» er ikke et datasett. Skriv DATASET eller PROJECT.DATASET, for eksempel rasone.",
                en: "“\(TerminalText.line(text))” is not a dataset. Write DATASET or PROJECT.DATASET, for example rasone."))])
        }
    }
}
