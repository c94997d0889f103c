import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog access risks`: what deserves the owner's attention on their groups' datasett.
public struct AccessRisksCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "risks", abstract: "List the risks on your groups' datasett, each with what to do.")

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let snapshot = try await AccessReview(services: context.services).snapshot()
        for note in snapshot.unreadable { context.warn(note.text(context.language)) }
        if json {
            struct Listed: Encodable { let kind: String; let datasett: UUID; let datasettName: String; let member: String?; let message: String; let action: String }
            return context.print(try JSONOutput.render(snapshot.risks.map {
                Listed(kind: $0.kind.rawValue, datasett: $0.datasett, datasettName: $0.datasettName, member: $0.member,
                       message: $0.message.text(context.language), action: Self.action($0.action))
            }))
        }
        guard !snapshot.risks.isEmpty else { return context.print(context.t("Ingen risiko funnet.", "No risks found.")) }
        var table = TextTable([.init(title: "DATASETT"), .init(title: context.t("HVA", "WHAT"), maxWidth: 90), .init(title: context.t("HANDLING", "ACTION"), whole: true)])
        for risk in snapshot.risks { table.add([risk.datasettName, risk.message.text(context.language), Self.action(risk.action)]) }
        context.print(table.render(width: context.outputWidth))
    }

    /// The command that fixes it.
    static func action(_ action: AccessRisk.Action) -> String {
        switch action {
        case let .revoke(grant): "katalog access revoke \(grant.text)"
        case let .extend(grant): "katalog access extend \(grant.text) --expires DATE"
        case let .removeTableBinding(member, table): "katalog access drift --fix  (\(member) on \(table))"
        }
    }
}

/// `katalog access drift [--fix --yes]`: BigQuery IAM against the marketplace's grants.
public struct AccessDriftCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "drift", abstract: "Compare BigQuery IAM with the marketplace's grants; --fix reconciles it.")

    @Flag(help: "Reconcile every finding: remove the stray bindings, grant the missing ones again.")
    var fix = false

    @Flag(help: "Reconcile without asking (for scripts).")
    var yes = false

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public var changesData: Bool { fix }

    public func run(in context: CommandContext) async throws {
        let review = AccessReview(services: context.services)
        let snapshot = try await review.snapshot()
        for note in snapshot.unreadable { context.warn(note.text(context.language)) }
        if json && !fix {
            struct Listed: Encodable { let kind: String; let member: String; let table: String?; let dataset: String; let grant: UUID?; let message: String }
            return context.print(try JSONOutput.render(snapshot.drift.map {
                Listed(kind: $0.kind.rawValue, member: $0.member, table: $0.table?.description, dataset: $0.dataset.description, grant: $0.grant,
                       message: $0.what.text(context.language))
            }))
        }
        guard !snapshot.drift.isEmpty else { return context.print(context.t("Ingen avvik: IAM er som tilgangene i markedsplassen.", "No drift: IAM is as the marketplace's grants.")) }
        for finding in snapshot.drift { context.print(TerminalText.line(finding.what.text(context.language))) }
        guard fix else { return context.print(context.t("Kjør med --fix for å rette.", "Run with --fix to reconcile.")) }
        if !yes {
            throw InvalidInput([Problem(field: "yes", code: "confirm", message: LocalizedText(
                nb: "--fix endrer IAM; legg til --yes for å bekrefte.", en: "--fix changes IAM; add --yes to confirm."))])
        }
        var failed = 0
        for finding in snapshot.drift {
            do {
                try await review.fix(finding)
                context.confirm("✓ rettet: \(finding.kind.rawValue) \(finding.member)", "✓ reconciled: \(finding.kind.rawValue) \(finding.member)")
            } catch {
                failed += 1
                let why = (error as? UserFacingError)?.message.text(context.language) ?? "\(error)"
                context.print(TerminalText.line("✗ \(finding.kind.rawValue) \(finding.member): \(why)"))
            }
        }
        if failed > 0 {
            throw ServiceError.backend(LocalizedText(nb: "\(failed) avvik ble ikke rettet; se linjene over.", en: "\(failed) findings were not reconciled; see the lines above."))
        }
    }
}

/// `katalog access extend GRANT --expires DATE|never`: the same subject granted again with a new
/// expiry (the marketplace renews: the old grant is revoked, a new one made).
public struct AccessExtendCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "extend", abstract: "Give a grant a new expiry date, or make it last.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The grant's id, or a unique start of it (see `katalog access list`).", valueName: "grant-id"))
    var grant: String

    @Option(help: ArgumentHelp("The new expiry: a date (YYYY-MM-DD, the end of that day in Oslo), or never.", valueName: "date|never"))
    var expires: String

    @Flag(help: "Print the new grant as JSON.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let grants = try await allGrants(context.services)
        let id = try IDPrefix.resolve(grant, among: grants.map(\.id), what: LocalizedText(nb: "tilgang", en: "grant"))
        let current = grants.first { $0.id == id }!
        guard current.revoked == nil else {
            throw ServiceError.conflict(LocalizedText(nb: "Tilgangen \(id.text) er trukket; gi en ny med `katalog access grant`.",
                                                      en: "The grant \(id.text) has been revoked; make a new one with `katalog access grant`."))
        }
        let renewed = try await context.services.access.grant(GrantRequest(datasettID: current.datasettID, subject: current.subject, owner: current.owner,
                                                                          expires: try Expiry.parse(expires)))
        if json { return context.print(try JSONOutput.render(GrantOutput(grant: renewed, now: context.now))) }
        let until = renewed.expires.map { Formatting.date($0, timeZone: context.timeZone) }
        context.confirm("Forlenget: \(renewed.subject) har tilgang \(until.map { "til \($0)" } ?? "for alltid") (id \(renewed.id.text)).",
                        "Extended: \(renewed.subject) has access \(until.map { "until \($0)" } ?? "for ever") (id \(renewed.id.text)).")
    }
}
