import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog audit`: the append-only log of every change katalog made — when, who, what, to what,
/// and how it went — newest first.
public struct AuditCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "audit", abstract: "List the audit log of every change katalog made, newest first.")

    @Option(help: ArgumentHelp("Only changes on or after this day (YYYY-MM-DD, in Oslo).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only this action (as the log names it), or those starting with it.", valueName: "action"))
    var action: String?

    @Option(help: ArgumentHelp("At most this many (default 1000).", valueName: "n"))
    var limit = 1_000

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let from = try since.map { text -> Date in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = MarketplaceRules.timeZone
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
                  calendar.dateComponents([.year, .month, .day], from: day) == DateComponents(year: parts[0], month: parts[1], day: parts[2]) else {
                throw InvalidInput([Problem(field: "since", code: "date", message: LocalizedText(
                    nb: "--since «\(TerminalText.line(text))» er ikke en dato; skriv ÅÅÅÅ-MM-DD.", en: "--since “\(TerminalText.line(text))” is not a date; write YYYY-MM-DD."))])
            }
            return day
        }
        let events = try await context.services.audit.events(limit: max(1, limit)).filter { event in
            (from.map { event.time >= $0 } ?? true) && (action.map { event.action == $0 || event.action.hasPrefix($0 + ".") } ?? true)
        }
        if json { return context.print(try JSONOutput.render(events)) }
        guard !events.isEmpty else { return context.print(context.t("Ingen endringer i loggen.", "No changes in the log.")) }
        var table = TextTable([.init(title: context.t("TID", "TIME")), .init(title: context.t("HVEM", "WHO")), .init(title: context.t("HVA", "WHAT")),
                               .init(title: context.t("MÅL", "TARGET")), .init(title: "STATUS"), .init(title: context.t("DETALJER", "DETAIL"), maxWidth: 70)])
        // Where each change went, when any went elsewhere than the workspace.
        let remote = events.contains { $0.backend != AuditEvent.localBackend }
        if remote { table = TextTable(table.columns + [.init(title: "BACKEND")]) }
        for event in events {
            table.add([Formatting.dateTime(event.time, timeZone: context.timeZone), event.actor, event.action, event.target, event.status.rawValue, event.detail]
                      + (remote ? [event.backend] : []))
        }
        context.print(table.render(width: context.outputWidth))
    }
}
