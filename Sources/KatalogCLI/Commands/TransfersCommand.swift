import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog connections`: the project's Cloud SQL connections (what EXTERNAL_QUERY reads).
public struct ConnectionsCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "connections", abstract: "List the project's Federated Query connections.")

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let connections = try await context.services.warehouse.connections()
        if json { return context.print(try JSONOutput.render(connections)) }
        var table = TextTable([.init(title: "ID", whole: true), .init(title: context.t("TYPE", "TYPE")), .init(title: context.t("INSTANS", "INSTANCE")),
                               .init(title: context.t("DATABASE", "DATABASE")), .init(title: context.t("BESKRIVELSE", "DESCRIPTION"))])
        for connection in connections {
            table.add([connection.id, connection.databaseType, connection.instance ?? "–", connection.database ?? "–", connection.description ?? ""])
        }
        context.print(connections.isEmpty ? context.t("Ingen tilkoblinger.", "No connections.") : table.render(width: context.outputWidth))
    }
}

/// `katalog scheduled`: the scheduled queries with how their last run went, why it failed, and
/// when they run next — so failed jobs can be scripted (`--json`, `--failed`).
public struct ScheduledCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "scheduled", abstract: "List the scheduled queries: last run, state, error, next run.")

    @Flag(help: "Only those whose last run failed (exit 3 when there is one).")
    var failed = false

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        var queries = try await context.services.warehouse.scheduledQueries()
        if failed { queries = queries.filter { $0.lastRunState == .failed } }
        if json {
            context.print(try JSONOutput.render(queries))
        } else if queries.isEmpty {
            context.print(failed ? context.t("Ingen planlagte spørringer feilet sist.", "No scheduled query failed its last run.")
                                 : context.t("Ingen planlagte spørringer.", "No scheduled queries."))
        } else {
            var table = TextTable([.init(title: context.t("NAVN", "NAME")), .init(title: context.t("TIDSPLAN", "SCHEDULE")),
                                   .init(title: context.t("SIST", "LAST RUN")), .init(title: "STATUS"), .init(title: context.t("NESTE", "NEXT RUN")),
                                   .init(title: context.t("FEIL", "ERROR"), maxWidth: 80)])
            for query in queries {
                table.add([query.displayName, query.scheduleWithZone + (query.disabled ? context.t(" (av)", " (off)") : ""),
                           query.lastRun.map { Formatting.dateTime($0, timeZone: context.timeZone) } ?? "–", query.lastRunState?.label.text(context.language) ?? "–",
                           query.nextRun.map { Formatting.dateTime($0, timeZone: context.timeZone) } ?? "–", query.lastError ?? ""])
            }
            context.print(table.render(width: context.outputWidth))
        }
        if failed && !queries.isEmpty { throw ScheduledQueriesFailed(count: queries.count) }
    }
}

/// Exit 3 for `scheduled --failed` when some failed: a CI step can fail on it.
struct ScheduledQueriesFailed: UserFacingError {
    let count: Int
    var message: LocalizedText {
        LocalizedText(nb: "\(count) planlagte spørringer feilet sist.", en: "\(count) scheduled queries failed their last run.")
    }
    var isBadInput: Bool { false }
    var exitCode: Int32 { 3 }
}

/// `katalog streams`: the Datastream streams into the project.
public struct StreamsCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "streams", abstract: "List the Datastream streams into the project.")

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let streams = try await context.services.warehouse.streams()
        if json { return context.print(try JSONOutput.render(streams)) }
        var table = TextTable([.init(title: context.t("NAVN", "NAME")), .init(title: "STATUS"), .init(title: context.t("KILDE", "SOURCE")),
                               .init(title: context.t("OBJEKTER", "OBJECTS")), .init(title: context.t("MÅL", "DESTINATION"))])
        for stream in streams {
            table.add([stream.displayName, stream.state, "\(stream.sourceType) · \(stream.sourceProfile)", stream.sourceObjects.joined(separator: ", "),
                       stream.destination.description])
        }
        context.print(streams.isEmpty ? context.t("Ingen strømmer.", "No streams.") : table.render(width: context.outputWidth))
    }
}
