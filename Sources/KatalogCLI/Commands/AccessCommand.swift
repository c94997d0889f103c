import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog access …`: grants and access requests of the team's datasett.
public struct AccessCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Review access: list grants and requests, grant, revoke, approve, deny.",
        subcommands: [AccessListCommand.self, AccessGrantCommand.self, AccessRevokeCommand.self, AccessApproveCommand.self, AccessDenyCommand.self],
        defaultSubcommand: AccessListCommand.self)

    public init() {}
}

/// Finds a datasett by id or slug across the marketplace.
func resolveDatasett(_ text: String, in marketplace: any Marketplace) async throws -> Datasett {
    let all = try await marketplace.dataprodukter().flatMap(\.datasett)
    if let id = UUID(uuidString: text), let match = all.first(where: { $0.id == id }) { return match }
    if let match = all.first(where: { $0.slug == text }) { return match }
    throw ServiceError.notFound(LocalizedText(
        nb: "Fant ingen datasett med id eller slug «\(TerminalText.line(text))». `katalog products show SLUG` viser datasettene til et dataprodukt.",
        en: "No datasett has the id or slug “\(TerminalText.line(text))”. `katalog products show SLUG` lists a dataprodukt's datasett."))
}

func parseID(_ text: String, what: LocalizedText) throws -> UUID {
    guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
        throw InvalidInput([Problem(field: "id", code: "id", message: LocalizedText(
            nb: "«\(TerminalText.line(text))» er ikke en id for \(what.nb). En id ser slik ut: 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b.",
            en: "“\(TerminalText.line(text))” is not an id of \(what.en). An id looks like 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b."))])
    }
    return id
}

public struct AccessListCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List grants, or pending access requests with --pending.")

    @Option(help: ArgumentHelp("Only this datasett (id or slug).", valueName: "id|slug"))
    var datasett: String?

    @Flag(help: "List pending access requests instead of grants.")
    var pending = false

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let services = context.services
        let all = try await services.marketplace.dataprodukter().flatMap(\.datasett)
        let chosen = if let datasett { [try await resolveDatasett(datasett, in: services.marketplace)] } else { all }
        let names = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.name) })
        if pending {
            var requests: [AccessRequest] = []
            for datasett in chosen { requests += try await services.access.accessRequests(datasett: datasett.id, pendingOnly: true) }
            if json { return context.print(try JSONOutput.render(requests)) }
            var table = TextTable([
                .init(title: "DATASETT"), .init(title: context.t("SUBJEKT", "SUBJECT")), .init(title: context.t("UTLØPER", "EXPIRES")),
                .init(title: context.t("BEHANDLING (POLLY)", "PROCESSING (POLLY)"), maxWidth: 50), .init(title: context.t("MOTTATT", "RECEIVED")), .init(title: "ID"),
            ])
            for request in requests {
                table.add([names[request.datasettID] ?? "", request.subject.iamMember, expiry(request.expires, context),
                           request.polly?.name ?? context.t("– ingen dokumentasjon", "– not documented"),
                           Formatting.date(request.created, timeZone: context.timeZone), request.id.text])
            }
            return context.print(requests.isEmpty ? context.t("Ingen søknader venter.", "No requests are pending.") : table.render())
        }
        var grants: [Grant] = []
        for datasett in chosen { grants += try await services.access.grants(datasett: datasett.id) }
        if json { return context.print(try JSONOutput.render(grants)) }
        var table = TextTable([
            .init(title: "DATASETT"), .init(title: context.t("SUBJEKT", "SUBJECT"), maxWidth: 64), .init(title: "STATUS"),
            .init(title: context.t("UTLØPER", "EXPIRES")), .init(title: context.t("GITT AV", "GRANTED BY")), .init(title: "ID"),
        ])
        for grant in grants {
            table.add([names[grant.datasettID] ?? "", grant.subject.iamMember, status(grant, context), expiry(grant.expires, context),
                       grant.granter, grant.id.text])
        }
        context.print(grants.isEmpty ? context.t("Ingen tilganger.", "No grants.") : table.render())
    }

    private func status(_ grant: Grant, _ context: CommandContext) -> String {
        switch grant.status(at: context.now) {
        case .active: context.t("aktiv", "active")
        case .expired: context.t("utløpt", "expired")
        case .revoked: context.t("trukket", "revoked")
        }
    }

    private func expiry(_ date: Date?, _ context: CommandContext) -> String {
        guard let date else { return context.t("aldri", "never") }
        return "\(Formatting.date(date, timeZone: context.timeZone)) (\(Formatting.relativeDays(date, now: context.now, context.language)))"
    }
}

public struct AccessGrantCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a user, group or service account read access to a datasett.")
    public static let isMutating = true

    @Option(help: ArgumentHelp("The datasett (id or slug).", valueName: "id|slug"))
    var datasett: String

    @Option(help: ArgumentHelp("Who: user:EMAIL, group:EMAIL or serviceAccount:EMAIL.", valueName: "subject"))
    var subject: String

    @Option(help: ArgumentHelp("The team that owns a service account (default: the subject).", valueName: "email"))
    var owner: String?

    @Option(help: ArgumentHelp("Last day of access (YYYY-MM-DD, tomorrow or later), or 'never' (default).", valueName: "date"))
    var expires: String = "never"

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let services = context.services
        let target = try await resolveDatasett(datasett, in: services.marketplace)
        let grant = try await services.access.grant(GrantRequest(
            datasettID: target.id, subject: try Subject(iamMember: subject), owner: owner, expires: try parseExpiry(expires)))
        if json { return context.print(try JSONOutput.render(grant)) }
        context.confirm("Ga \(grant.subject) tilgang til «\(target.name)» (id \(grant.id.text)).",
                        "Granted \(grant.subject) access to “\(target.name)” (id \(grant.id.text)).")
    }
}

/// `YYYY-MM-DD` as the end of that day in Oslo, or nil for `never`/`forever`/`aldri`.
func parseExpiry(_ text: String) throws -> Date? {
    if ["never", "forever", "aldri"].contains(text.lowercased()) { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = MarketplaceRules.timeZone
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
          calendar.component(.day, from: day) == parts[2] else {
        throw InvalidInput([Problem(field: "expires", code: "expires", message: LocalizedText(
            nb: "«\(TerminalText.line(text))» er ikke en dato. Skriv ÅÅÅÅ-MM-DD (i morgen eller senere) eller «never».",
            en: "“\(TerminalText.line(text))” is not a date. Write YYYY-MM-DD (tomorrow or later) or “never”."))])
    }
    return calendar.date(byAdding: DateComponents(day: 1, second: -1), to: day)
}

public struct AccessRevokeCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a grant.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The grant's id (see `katalog access list`).", valueName: "grant-id"))
    var grant: String

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let id = try parseID(grant, what: LocalizedText(nb: "en tilgang", en: "a grant"))
        try await context.services.access.revoke(grant: id)
        context.confirm("Trakk tilgangen \(id.text).", "Revoked the grant \(id.text).")
    }
}

public struct AccessApproveCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a pending access request.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The request's id (see `katalog access list --pending`).", valueName: "request-id"))
    var request: String

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let id = try parseID(request, what: LocalizedText(nb: "en tilgangssøknad", en: "an access request"))
        let grant = try await context.services.access.approve(request: id)
        context.confirm("Godkjente søknaden; \(grant.subject) har nå tilgang (id \(grant.id.text)).",
                        "Approved the request; \(grant.subject) now has access (id \(grant.id.text)).")
    }
}

public struct AccessDenyCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "deny", abstract: "Deny a pending access request, with a reason.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The request's id (see `katalog access list --pending`).", valueName: "request-id"))
    var request: String

    @Option(help: ArgumentHelp("Why, for the requester.", valueName: "text"))
    var reason: String?

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let id = try parseID(request, what: LocalizedText(nb: "en tilgangssøknad", en: "an access request"))
        try await context.services.access.deny(request: id, reason: reason)
        context.confirm("Avslo søknaden \(id.text).", "Denied the request \(id.text).")
    }
}
