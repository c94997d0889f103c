import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog access …`: grants and access requests of the team's datasett.
public struct AccessCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Review access: list grants and requests, grant, revoke, extend, approve, deny, risks, drift.",
        subcommands: [AccessListCommand.self, AccessGrantCommand.self, AccessRevokeCommand.self, AccessApproveCommand.self, AccessDenyCommand.self,
                      AccessExtendCommand.self, AccessRequestsCommand.self, AccessRisksCommand.self, AccessDriftCommand.self],
        defaultSubcommand: AccessListCommand.self)

    public init() {}
}

/// Finds a datasett by id (or a unique start of one), slug or name across the marketplace.
func resolveDatasett(_ text: String, in marketplace: any Marketplace) async throws -> Datasett {
    let all = try await marketplace.myDataprodukter().flatMap(\.datasett)
    if let match = all.first(where: { $0.slug == text }) { return match }
    let named = all.filter { $0.name.caseInsensitiveCompare(text.trimmingCharacters(in: .whitespaces)) == .orderedSame }
    if named.count == 1 { return named[0] }
    if named.count > 1 {
        let list = named.map { "\($0.slug) (\($0.id.text))" }.joined(separator: ", ")
        throw InvalidInput([Problem(field: "datasett", code: "ambiguous", message: LocalizedText(
            nb: "Flere datasett heter «\(TerminalText.line(text))»: \(list). Bruk slug eller id.",
            en: "Several datasett are called “\(TerminalText.line(text))”: \(list). Use the slug or the id."))])
    }
    let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if typed.count >= 4, all.contains(where: { $0.id.text.hasPrefix(typed) }) {
        let id = try IDPrefix.resolve(typed, among: all.map(\.id), what: LocalizedText(nb: "datasett", en: "datasett"))
        return all.first { $0.id == id }!
    }
    throw ServiceError.notFound(LocalizedText(
        nb: "Fant ingen datasett med id, slug eller navn «\(TerminalText.line(text))». `katalog products show SLUG` viser datasettene til et dataprodukt.",
        en: "No datasett has the id, slug or name “\(TerminalText.line(text))”. `katalog products show SLUG` lists a dataprodukt's datasett."))
}

/// Every grant of every datasett, for finding one by (a prefix of) its id.
func allGrants(_ services: ServiceLayer) async throws -> [Grant] {
    var grants: [Grant] = []
    for datasett in try await services.marketplace.myDataprodukter().flatMap(\.datasett) { grants += try await services.access.grants(datasett: datasett.id) }
    return grants
}

/// A grant in `--json`: as stored, with its status now (active, expired, revoked).
struct GrantOutput: Encodable {
    let grant: Grant
    let now: Date

    enum Keys: String, CodingKey { case status }

    func encode(to encoder: Encoder) throws {
        try grant.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(grant.status(at: now), forKey: .status)
    }
}

public struct AccessListCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List grants, or pending access requests with --pending.")

    @Option(help: ArgumentHelp("Only this datasett (id, slug or name).", valueName: "datasett"))
    var datasett: String?

    @Flag(help: "List the pending access requests you must handle (on every datasett your groups own, or on --datasett) instead of grants.")
    var pending = false

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let services = context.services
        let all = try await services.marketplace.myDataprodukter().flatMap(\.datasett)
        let chosen: Datasett? = if let datasett { try await resolveDatasett(datasett, in: services.marketplace) } else { nil }
        let names = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.name) })
        if pending { return try await listPending(chosen, names: names, json: json, context) }
        var grants: [Grant] = []
        for datasett in chosen.map({ [$0] }) ?? all { grants += try await services.access.grants(datasett: datasett.id) }
        if json { return context.print(try JSONOutput.render(grants.map { GrantOutput(grant: $0, now: context.now) })) }
        var table = TextTable([
            .init(title: "DATASETT"), .init(title: context.t("SUBJEKT", "SUBJECT"), maxWidth: 64), .init(title: "STATUS"),
            .init(title: context.t("UTLØPER", "EXPIRES")), .init(title: context.t("GITT AV", "GRANTED BY")), .init(title: "ID", whole: true),
        ])
        for grant in grants {
            table.add([names[grant.datasettID] ?? "", grant.subject.iamMember, status(grant, context), expiryText(grant.expires, context),
                       grant.granter, grant.id.text])
        }
        context.print(grants.isEmpty ? context.t("Ingen tilganger.", "No grants.") : table.render(width: context.outputWidth))
    }

    private func status(_ grant: Grant, _ context: CommandContext) -> String {
        switch grant.status(at: context.now) {
        case .active: context.t("aktiv", "active")
        case .expired: context.t("utløpt", "expired")
        case .revoked: context.t("trukket", "revoked")
        }
    }

}

public struct AccessGrantCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a user, group or service account read access to a datasett.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The datasett (id, slug or name); or --datasett.", valueName: "datasett"))
    var target: String?

    @Option(help: ArgumentHelp("The datasett (id, slug or name).", valueName: "datasett"))
    var datasett: String?

    @Option(help: ArgumentHelp("Who: user:EMAIL, group:EMAIL or serviceAccount:EMAIL; or --user, --group, --service-account.", valueName: "subject"))
    var subject: String?

    @Option(help: ArgumentHelp("A user, by e-mail.", valueName: "email"))
    var user: String?

    @Option(help: ArgumentHelp("A Google group, by e-mail.", valueName: "email"))
    var group: String?

    @Option(name: .customLong("service-account"), help: ArgumentHelp("A service account, by e-mail.", valueName: "email"))
    var serviceAccount: String?

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
        let named = [target, datasett].compactMap { $0 }
        guard named.count == 1 else {
            throw InvalidInput([Problem(field: "datasett", code: "datasett", message: LocalizedText(
                nb: "Oppgi ett datasett: som argument eller med --datasett.", en: "Name one datasett: as the argument or with --datasett."))])
        }
        let whos: [Subject] = try [subject.map { try Subject(iamMember: $0) }, user.map { try Subject(.user, $0) }, group.map { try Subject(.group, $0) },
                                   serviceAccount.map { try Subject(.serviceAccount, $0) }].compactMap { $0 }
        guard whos.count == 1, let who = whos.first else {
            throw InvalidInput([Problem(field: "subject", code: "subject", message: LocalizedText(
                nb: "Oppgi én som skal få tilgang: --user, --group, --service-account eller --subject type:e-post.",
                en: "Name one to grant: --user, --group, --service-account or --subject type:email."))])
        }
        let target = try await resolveDatasett(named[0], in: services.marketplace)
        // Granting again renews: the earlier grant is revoked. Said, never done silently.
        let earlier = try await services.access.grants(datasett: target.id).first { $0.subject == who && $0.status(at: context.now) == .active }
        let grant = try await services.access.grant(GrantRequest(datasettID: target.id, subject: who, owner: owner, expires: try Expiry.parse(expires)))
        if let earlier {
            let until = earlier.expires.map { Formatting.date($0, timeZone: context.timeZone) } ?? context.t("aldri", "never")
            context.warn(context.t("\(who) hadde allerede tilgang (id \(earlier.id.text), utløp \(until)); den er erstattet av den nye.",
                                   "\(who) already had access (id \(earlier.id.text), expiring \(until)); it is replaced by the new one."))
        }
        if json { return context.print(try JSONOutput.render(GrantOutput(grant: grant, now: context.now))) }
        context.confirm("Ga \(grant.subject) tilgang til «\(target.name)» (id \(grant.id.text)).",
                        "Granted \(grant.subject) access to “\(target.name)” (id \(grant.id.text)).")
    }
}


public struct AccessRevokeCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a grant.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The grants' ids, or unique starts of them (see `katalog access list`); several act in turn.", valueName: "grant-id"))
    var grants: [String]

    @Flag(help: "Print the revoked grant as JSON.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let all = try await allGrants(context.services)
        try await inTurn(grants, context) { text in
            let id = try IDPrefix.resolve(text, among: all.map(\.id), what: LocalizedText(nb: "tilgang", en: "grant"))
            try await context.services.access.revoke(grant: id)
            if json {
                let revoked = try await context.services.access.grants(datasett: all.first { $0.id == id }!.datasettID).first { $0.id == id }!
                return try JSONOutput.render(GrantOutput(grant: revoked, now: context.now))
            }
            return TerminalText.visible(context.t("Trakk tilgangen \(id.text).", "Revoked the grant \(id.text)."))
        }
    }
}

public struct AccessApproveCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a pending access request.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The requests' ids, or unique starts of them (see `katalog access list --pending`); several act in turn.", valueName: "request-id"))
    var requests: [String]

    @Flag(help: "Approve even what asks for a second thought (personal data without a Polly purpose).")
    var force = false

    @Flag(help: "Print the grant it made as JSON.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        try await inTurn(requests, context) { text in
            let id = try await requestID(text, context)
            let grant: Grant
            do {
                grant = try await context.services.access.approve(request: id, force: force)
            } catch let ServiceError.needsConfirmation(problems) {
                throw InvalidInput(problems.map { Problem(field: $0.field, code: $0.code, message: LocalizedText(
                    nb: $0.message.nb + " Legg til --force for å godkjenne likevel.", en: $0.message.en + " Add --force to approve anyway.")) })
            }
            if json { return try JSONOutput.render(GrantOutput(grant: grant, now: context.now)) }
            return TerminalText.visible(context.t("Godkjente søknaden; \(grant.subject) har nå tilgang (id \(grant.id.text)).",
                                                  "Approved the request; \(grant.subject) now has access (id \(grant.id.text))."))
        }
    }
}

public struct AccessDenyCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "deny", abstract: "Deny a pending access request, with a reason.")
    public static let isMutating = true

    @Argument(help: ArgumentHelp("The requests' ids, or unique starts of them (see `katalog access list --pending`); several act in turn.", valueName: "request-id"))
    var requests: [String]

    @Option(help: ArgumentHelp("Why, for the requester (required).", valueName: "text"))
    var reason: String?

    @Flag(help: "Print the denied request as JSON.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        try await inTurn(requests, context) { text in
            let id = try await requestID(text, context)
            try await context.services.access.deny(request: id, reason: reason)
            if json { return try JSONOutput.render(try await context.services.access.accessRequest(id)) }
            return TerminalText.visible(context.t("Avslo søknaden \(id.text).", "Denied the request \(id.text)."))
        }
    }
}

/// A request's id from what was typed. A whole id goes to the backend as it is, so a handled
/// request is named as handled; a start of one is looked up among the requests waiting for the
/// user and their own (what the API lists).
func requestID(_ text: String, _ context: CommandContext) async throws -> UUID {
    if let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) { return id }
    let requests = try await context.services.access.requestsToHandle() + context.services.access.myRequests()
    return try IDPrefix.resolve(text, among: requests.map(\.id), what: LocalizedText(
        nb: "tilgangssøknad som venter på deg eller er din egen (en behandlet søknad må ha hele id-en)",
        en: "access request waiting for you or made by you (a handled request needs its whole id)"))
}

/// Runs an action on each id in turn: one id as before (its error is the command's); several
/// with one line each, ✓ or ✗ with why, every id tried, exit 1 when any failed.
func inTurn(_ ids: [String], _ context: CommandContext, _ act: (String) async throws -> String) async throws {
    guard ids.count > 1 else {
        return context.print(try await act(ids.first ?? ""))
    }
    var failed = 0
    for text in ids {
        do {
            context.print("✓ " + (try await act(text)))
        } catch {
            failed += 1
            let why = (error as? UserFacingError)?.message.text(context.language) ?? "\(error)"
            context.print(TerminalText.line("✗ \(text): \(why)"))
        }
    }
    if failed > 0 {
        throw InvalidInput([Problem(field: "ids", code: "bulk", message: LocalizedText(
            nb: "\(failed) av \(ids.count) lyktes ikke; se linjene over.", en: "\(failed) of \(ids.count) did not succeed; see the lines above."))])
    }
}

/// The pending requests of one datasett, or in one call every request the user must handle.
func listPending(_ chosen: Datasett?, names: [UUID: String], json: Bool, _ context: CommandContext) async throws {
    let access = context.services.access
    let requests = if let chosen { try await access.pendingRequests(datasett: chosen.id) } else { try await access.requestsToHandle() }
    if json { return context.print(try JSONOutput.render(requests)) }
    var table = TextTable([
        .init(title: "DATASETT"), .init(title: context.t("SUBJEKT", "SUBJECT")), .init(title: context.t("UTLØPER", "EXPIRES")),
        .init(title: context.t("BEHANDLING (POLLY)", "PROCESSING (POLLY)"), maxWidth: 50), .init(title: context.t("MOTTATT", "RECEIVED")), .init(title: "ID", whole: true),
    ])
    for request in requests {
        table.add([names[request.datasettID] ?? "", request.subject.iamMember, expiryText(request.expires, context),
                   request.polly?.name ?? context.t("– ingen dokumentasjon", "– not documented"),
                   Formatting.date(request.created, timeZone: context.timeZone), request.id.text])
    }
    context.print(requests.isEmpty ? context.t("Ingen søknader venter.", "No requests are pending.") : table.render(width: context.outputWidth))
}

/// An expiry with how far off it is: `2027-01-31 (in 67 days)`, or never.
func expiryText(_ date: Date?, _ context: CommandContext) -> String {
    guard let date else { return context.t("aldri", "never") }
    return "\(Formatting.date(date, timeZone: context.timeZone)) (\(Formatting.relativeDays(date, now: context.now, context.language)))"
}

/// `katalog access requests`: the requests waiting for you (`access list --pending`).
public struct AccessRequestsCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(commandName: "requests", abstract: "List the access requests waiting for you (as access list --pending).")

    @Option(help: ArgumentHelp("Only this datasett (id, slug or name).", valueName: "datasett"))
    var datasett: String?

    @Flag(help: "Print JSON with stable field names.")
    var json = false

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let marketplace = context.services.marketplace
        let names = Dictionary(uniqueKeysWithValues: try await marketplace.myDataprodukter().flatMap(\.datasett).map { ($0.id, $0.name) })
        let chosen: Datasett? = if let datasett { try await resolveDatasett(datasett, in: marketplace) } else { nil }
        try await listPending(chosen, names: names, json: json, context)
    }
}
