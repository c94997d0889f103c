import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog drafts`: the publish wizard's saved drafts, newest first — what `3` offers to resume.
public struct DraftsCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "drafts", abstract: "List the publish wizard's saved drafts.")

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let drafts = try await context.services.drafts.list().sorted { $0.updated > $1.updated }
        if json {
            struct Listed: Encodable { let id: UUID; let kind: String; let title: String; let updated: Date }
            return context.print(try JSONOutput.render(drafts.map { Listed(id: $0.id, kind: $0.kind, title: $0.title, updated: $0.updated) }))
        }
        guard !drafts.isEmpty else { return context.print(context.t("Ingen utkast.", "No drafts.")) }
        var table = TextTable([.init(title: context.t("UTKAST", "DRAFT")), .init(title: context.t("GJELDER", "KIND")),
                               .init(title: context.t("LAGRET", "SAVED")), .init(title: "ID", whole: true)])
        for draft in drafts {
            table.add([draft.title, draft.kind, Formatting.dateTime(draft.updated, timeZone: context.timeZone), draft.id.text])
        }
        context.print(table.render(width: context.outputWidth))
    }
}
