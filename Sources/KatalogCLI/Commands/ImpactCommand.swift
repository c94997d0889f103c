import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog impact TABLE`: before a team changes or drops a table, what is downstream of it and
/// who would lose data. Exit 3 when a registered datasett is affected, for CI.
public struct ImpactCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "impact", abstract: "Show what is downstream of a table and who would lose data (exit 3 when a datasett is affected).")

    @Argument(help: ArgumentHelp("The table, as PROJECT.DATASET.TABLE or DATASET.TABLE.", valueName: "table"))
    var table: String

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let ref = try TableRef(parsing: table, defaultProject: context.services.warehouse.project)
        let impact = try await Impact.of(ref, services: context.services, lineageFile: context.lineageFile)
        if json {
            struct Grantee: Encodable { let subject: String; let expires: Date?; let grant: UUID }
            struct Affected: Encodable { let dataprodukt: String; let slug: String; let datasett: String; let table: String; let grantees: [Grantee] }
            struct Output: Encodable { let table: String; let downstream: [LineageNode]; let affected: [Affected] }
            context.print(try JSONOutput.render(Output(table: ref.description, downstream: impact.downstream, affected: impact.affected.map {
                Affected(dataprodukt: $0.dataprodukt.name, slug: $0.dataprodukt.slug, datasett: $0.datasett.name, table: $0.datasett.source.table.description,
                         grantees: $0.grantees.map { Grantee(subject: $0.subject.iamMember, expires: $0.expires, grant: $0.id) })
            })))
        } else {
            context.print(TerminalText.line(ref.description))
            if impact.downstream.isEmpty {
                context.print(context.t("Ingenting leser fra tabellen.", "Nothing reads from the table."))
            } else {
                context.print(context.t("Nedstrøms:", "Downstream:"))
                for node in impact.downstream {
                    context.print("  \(TerminalText.line(node.label))  (\(node.zone.title.text(context.language)))")
                }
            }
            for (product, datasett, grantees) in impact.affected {
                context.print()
                context.print(TerminalText.line("★ \(product.name) › \(datasett.name)  (\(datasett.source.table))"))
                if grantees.isEmpty { context.print(context.t("  ingen har tilgang", "  nobody has access")) }
                for grant in grantees {
                    let until = grant.expires.map { Formatting.date($0, timeZone: context.timeZone) } ?? context.t("aldri", "never")
                    context.print(TerminalText.line("  \(grant.subject.iamMember)  \(context.t("utløper", "expires")) \(until)"))
                }
            }
        }
        if !impact.affected.isEmpty { throw DatasettAffected(count: impact.affected.count, people: impact.affected.reduce(0) { $0 + $1.grantees.count }) }
    }
}

/// Exit 3: registered datasett would be touched.
struct DatasettAffected: UserFacingError {
    let count: Int
    let people: Int
    var message: LocalizedText {
        LocalizedText(nb: "\(count) registrerte datasett berøres; \(people) tilganger kan miste data.",
                      en: "\(count) registered datasett are affected; \(people) grants could lose data.")
    }
    var isBadInput: Bool { false }
    var exitCode: Int32 { 3 }
}
