import ArgumentParser
import Foundation
import KatalogCore
import KatalogServices

/// `katalog publish -f dataprodukt.yaml [--apply]`: a dataprodukt from a manifest, planned like
/// `terraform plan` and applied once confirmed; `--init TABLE` writes a manifest to start from.
public struct PublishCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a dataprodukt from a manifest: show the plan, or apply it.",
        discussion: """
            The manifest (docs/manifest.md) holds one dataprodukt with its datasett. Without --apply, \
            katalog prints what would change, field by field. Applying twice changes nothing the second time.
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("The manifest.", valueName: "dataprodukt.yaml"))
    var file: String?

    @Flag(help: "Show what would change (the default).")
    var plan = false

    @Flag(help: "Make the changes, after asking.")
    var apply = false

    @Flag(help: "Apply without asking (for CI).")
    var yes = false

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 when nothing would change, 2 when changes are pending, 1 on an error.")
    var detailedExitcode = false

    @Option(name: .customLong("init"), help: ArgumentHelp("Print a manifest for this table to start from.", valueName: "PROJECT.DATASET.TABLE"))
    var initTable: String?

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public var changesData: Bool { apply }

    public func run(in context: CommandContext) async throws {
        do {
            try await publish(in: context)
        } catch let pending as ChangesPending {
            throw pending
        } catch where detailedExitcode {
            // terraform's convention: 1 for every error, 2 is taken by "changes pending".
            throw DetailedExitError(error)
        }
    }

    private func publish(in context: CommandContext) async throws {
        if let initTable { return try await template(initTable, in: context) }
        guard let file else {
            throw InvalidInput([Problem(field: "file", code: "required", message: LocalizedText(
                nb: "Oppgi et manifest med -f dataprodukt.yaml, eller lag et med --init PROSJEKT.DATASETT.TABELL.",
                en: "Name a manifest with -f dataprodukt.yaml, or write one with --init PROJECT.DATASET.TABLE."))])
        }
        if plan && apply {
            throw InvalidInput([Problem(field: "apply", code: "conflict", message: LocalizedText(
                nb: "Velg --plan eller --apply, ikke begge.", en: "Choose --plan or --apply, not both."))])
        }
        let manifest = try ManifestFile.load(path: file)
        let publisher = Publisher(services: context.services)
        let problems = try await publisher.problems(in: manifest)
        guard problems.isEmpty else { throw ManifestErrors(problems) }
        let plan = try await publisher.plan(manifest.spec)
        context.print(plan.text(context.language))
        guard apply else {
            if detailedExitcode && plan.hasChanges { throw ChangesPending() }
            if plan.hasChanges { context.print(context.t("Kjør med --apply for å gjøre endringene.", "Run with --apply to make the changes.")) }
            return
        }
        guard plan.hasChanges else { return }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw InvalidInput([Problem(field: "yes", code: "confirm", message: LocalizedText(
                    nb: "--apply spør før det endrer noe, og her er ingen terminal å spørre i. Legg til --yes for å bekrefte (i CI).",
                    en: "--apply asks before it changes anything, and there is no terminal to ask in. Add --yes to confirm (in CI)."))])
            }
            context.print(context.t("Gjøre disse \(plan.steps.count) endringene? [j/N] ", "Make these \(plan.steps.count) changes? [y/N] "), terminator: "")
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard ["y", "yes", "j", "ja"].contains(answer) else {
                return context.print(context.t("Ingenting endret.", "Nothing changed."))
            }
        }
        let language = context.language
        let count = plan.steps.count
        let product = try await publisher.apply(plan, of: manifest.spec) { index, line, outcome in
            switch outcome {
            case .started: break
            case .done: context.print("[\(index + 1)/\(count)] ✓ " + TerminalText.line(line.text.text(language)))
            case let .failed(reason): context.print("[\(index + 1)/\(count)] ✗ " + TerminalText.line(line.text.text(language) + ": " + reason.text(language)))
            }
        }
        context.confirm("Ferdig: «\(product.name)» (\(product.slug)) med \(product.datasett.count) datasett.",
                        "Done: “\(product.name)” (\(product.slug)) with \(product.datasett.count) datasett.")
    }

    /// The template, filled from the table, the group owning its project and that group's team.
    private func template(_ text: String, in context: CommandContext) async throws {
        let services = context.services
        let ref = try TableRef(parsing: text, defaultProject: services.warehouse.project)
        let table = try await services.warehouse.table(ref)
        let user = try await services.marketplace.currentUser()
        let owner = user.teamProjects.first { $0.project == ref.project }?.group
        // Teamkatalogen may be out of reach: the template then says where the team goes.
        var team: TeamkatalogenTeam?
        if let owner { team = try? await services.directory.teams(forGroup: owner).first }
        context.print(ManifestTemplate.text(for: table, owner: owner, team: team), terminator: "")
    }
}

/// `--detailed-exitcode` with changes to make: exit 2.
struct ChangesPending: UserFacingError {
    var message: LocalizedText { LocalizedText(nb: "Endringer venter (--detailed-exitcode).", en: "Changes are pending (--detailed-exitcode).") }
    var isBadInput: Bool { false }
    var exitCode: Int32 { 2 }
}

/// Any error under `--detailed-exitcode`: the same message, exit 1.
struct DetailedExitError: UserFacingError {
    let message: LocalizedText
    var isBadInput: Bool { true }
    var exitCode: Int32 { 1 }

    init(_ error: Error) {
        message = (error as? UserFacingError)?.message ?? LocalizedText(nb: TerminalText.line("\(error)"), en: TerminalText.line("\(error)"))
    }
}
