import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog products [list|show]`: the dataprodukter on the marketplace.
public struct ProductsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "products",
        abstract: "List dataprodukter, show one, or delete one.",
        subcommands: [ProductsListCommand.self, ProductsShowCommand.self, ProductsDeleteCommand.self],
        defaultSubcommand: ProductsListCommand.self)

    public init() {}
}

public struct ProductsListCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "list", abstract: "List dataprodukter.")

    @Option(help: ArgumentHelp("Only those whose name, description or keywords contain this text.", valueName: "text"))
    var search: String?

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let products = try await context.services.marketplace.searchAll(SearchQuery(text: search ?? ""))
        if json { return context.print(try JSONOutput.render(products)) }
        var table = TextTable([
            .init(title: "SLUG"), .init(title: context.t("NAVN", "NAME")), .init(title: context.t("EIER", "OWNER")),
            .init(title: "DATASETT", alignment: .right), .init(title: context.t("NØKKELORD", "KEYWORDS")),
        ])
        for product in products {
            table.add([product.slug, product.name, product.owner.group, String(product.datasett.count), product.keywords.joined(separator: ", ")])
        }
        context.print(table.render(width: context.outputWidth))
    }
}

public struct ProductsShowCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a dataprodukt with its datasett and access.")

    @Argument(help: ArgumentHelp("The dataprodukt's id or slug.", valueName: "id|slug"))
    var product: String

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let services = context.services
        let product = try await services.marketplace.dataprodukt(idOrSlug: product)
        if json { return context.print(try JSONOutput.render(product)) }
        let language = context.language
        context.print("\(TerminalText.line(product.name))  (\(TerminalText.line(product.slug)))")
        if let description = product.description { context.print(TerminalText.block(description)) }
        var facts: [(label: String, value: String)] = [
            (context.t("Eier", "Owner"), product.owner.group + (product.owner.teamContact.map { "  #" + $0 } ?? "")),
        ]
        if let url = product.owner.teamkatalogenURL { facts.append(("Teamkatalogen", url)) }
        facts.append(("Id", product.id.text))
        facts.append((context.t("Endret", "Modified"), Formatting.dateTime(product.lastModified, timeZone: context.timeZone)))
        context.print()
        context.print(FactList.render(facts))
        for datasett in product.datasett {
            let grants = try await services.access.grants(datasett: datasett.id)
            let pending = try await services.access.pendingRequests(datasett: datasett.id)
            let active = grants.filter { $0.status(at: context.now) == .active }
            var facts: [(label: String, value: String)] = [
                (context.t("Tabell", "Table"), "\(datasett.source.table) (\(datasett.source.tableKind.label.text(language)))"),
                (context.t("Personopplysninger", "Personal data"), datasett.pii.label.text(language)),
            ]
            if let method = datasett.anonymisationDescription { facts.append((context.t("Anonymisering", "Anonymisation"), method)) }
            if !datasett.keywords.isEmpty { facts.append((context.t("Nøkkelord", "Keywords"), datasett.keywords.joined(separator: ", "))) }
            if !datasett.source.piiTags.isEmpty {
                let tags = datasett.source.piiTags.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.label.text(language))" }
                facts.append((context.t("PII-kolonner", "PII columns"), tags.joined(separator: ", ")))
            }
            facts.append((context.t("Tilganger", "Access"),
                          context.t("\(active.count) aktive, \(pending.count) søknader venter", "\(active.count) active, \(pending.count) requests pending")))
            context.print()
            context.print("Datasett «\(TerminalText.line(datasett.name))»  \(datasett.id.text)")
            context.print(FactList.render(facts, indent: "  "))
        }
    }
}

/// `katalog products delete ID|SLUG`: says what goes with it, then asks for the name to be typed
/// (`--yes` for scripts; without a terminal and without `--yes` it refuses).
public struct ProductsDeleteCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a dataprodukt with its datasett; every grant on them is revoked.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The dataprodukt's id or slug.", valueName: "id|slug"))
    var product: String

    @Flag(help: "Delete without asking (for scripts).")
    var yes = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let services = context.services
        let product = try await services.marketplace.dataprodukt(idOrSlug: product)
        let impact = try await DeletionImpact.of(product, services: services)
        for line in impact.lines { context.print(TerminalText.line(line.text(context.language))) }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw InvalidInput([Problem(field: "yes", code: "confirm", message: LocalizedText(
                    nb: "Sletting spør først, og her er ingen terminal å spørre i. Legg til --yes for å bekrefte.",
                    en: "Deleting asks first, and there is no terminal to ask in. Add --yes to confirm."))])
            }
            context.print(context.t("Skriv navnet «\(product.name)» for å slette: ", "Type the name “\(product.name)” to delete: "), terminator: "")
            guard (readLine() ?? "").trimmingCharacters(in: .whitespaces) == product.name else {
                return context.print(context.t("Navnet stemte ikke; ingenting slettet.", "The name did not match; nothing deleted."))
            }
        }
        try await services.marketplace.deleteDataprodukt(product.id)
        context.confirm("Slettet «\(product.name)».", "Deleted “\(product.name)”.")
    }
}
