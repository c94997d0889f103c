import ArgumentParser
import Foundation
import KatalogCLI
import KatalogCloud
import KatalogCore
import KatalogLocal
import KatalogTUI

/// `katalog doctor`: what katalog would use and whether it answers — the first thing to run.
struct DoctorCommand: ParsableCommand, ParsableCommandWithGlobals {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show which project, credentials and APIs katalog uses, and whether they answer.")

    @Flag(help: "Print the checks as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions
}

/// One line of the report: what was checked, whether it is fine (nil: just so), and the text.
struct DoctorCheck: Encodable, Sendable {
    let name: String
    let ok: Bool?
    let detail: String
}

/// Runs the checks and prints one line each, or all of them as JSON. Never prints a token.
final class Doctor {
    let environment: [String: String]
    let language: Language
    let endpoints: [String: String]
    private let write: (String) -> Void
    private let json: Bool
    private(set) var checks: [DoctorCheck] = []

    init(environment: [String: String], language: Language, endpoints: [String: String], json: Bool = false, print: @escaping (String) -> Void) {
        self.environment = environment
        self.language = language
        self.endpoints = endpoints
        self.json = json
        write = print
    }

    func t(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    /// A line of the report, under `name` in JSON.
    private func report(_ name: String, _ ok: Bool?, _ line: String) {
        checks.append(DoctorCheck(name: name, ok: ok, detail: line))
        if !json { write(line) }
    }

    /// True when everything that was checked answered.
    func run(_ global: GlobalOptions) async -> Bool {
        let healthy = await check(global)
        if json {
            struct Report: Encodable { let healthy: Bool; let checks: [DoctorCheck] }
            write((try? TerminalJSON.encode(Report(healthy: healthy, checks: checks))) ?? "{}")
        }
        return healthy
    }

    private func check(_ global: GlobalOptions) async -> Bool {
        let workspace = global.workspace ?? DemoWorkspace.defaultPath(environment: environment)
        report("workspace", nil, t("Arbeidsflate:  ", "Workspace:     ") + TerminalText.line(workspace) + t(" (markedsplass, utkast, revisjonslogg)", " (marketplace, drafts, audit log)"))
        let configDirectory = Config.directory(environment: environment)
        let loaded = Config.load(from: configDirectory)
        let configPath = TerminalText.line(configDirectory + "/config.yaml")
        if !FileManager.default.fileExists(atPath: configDirectory + "/config.yaml") {
            report("config", true, t("Innstillinger: ingen config.yaml (", "Settings:      no config.yaml (") + configPath + t("), standardverdier", "), the defaults"))
        } else if loaded.problems.isEmpty {
            report("config", true, t("Innstillinger: ✓ ", "Settings:      ✓ ") + configPath)
        } else {
            for problem in loaded.problems {
                report("config", false, t("Innstillinger: ✗ ", "Settings:      ✗ ") + TerminalText.line(problem.description) + t(" (bruker standardverdien)", " (using its default)"))
            }
        }
        let marketplaceHealthy = await checkMarketplace(global, loaded.config)
        let target: CloudTarget?
        do {
            target = try CloudTarget.resolve(flag: global.project, environment: environment, endpoints: endpoints)
        } catch {
            report("project", false, t("Prosjekt:      ✗ ", "Project:       ✗ ") + message(error))
            return false
        }
        guard let target else {
            report("project", nil, t("Prosjekt:      ingen satt — katalog viser den lokale arbeidsflaten. Sett --project eller KATALOG_PROJECT for et GCP-prosjekt.",
                                     "Project:       none set — katalog shows the local workspace. Set --project or KATALOG_PROJECT for a GCP project."))
            // What a project would use: found or not, without asking Google for a token.
            do {
                let tokens = try CredentialChain.find(environment: environment, transport: AsyncHTTPClientTransport())
                report("credentials", true, t("Innlogging:    ✓ ", "Credentials:   ✓ ") + tokens.summary + t(" (ikke prøvd uten prosjekt)", " (not tried without a project)"))
            } catch {
                report("credentials", nil, t("Innlogging:    ingen funnet — ", "Credentials:   none found — ") + message(error))
            }
            return loaded.problems.isEmpty && marketplaceHealthy
        }
        report("project", true, t("Prosjekt:      ", "Project:       ") + "\(target.project) (\(t("fra", "from")) \(target.projectSource))")
        report("bigquery", nil, "BigQuery:      \(target.bigQueryBase.absoluteString)" + (target.isEmulator ? t(" (emulator, uten innlogging)", " (emulator, no credentials)") : ""))
        let cloud: CloudBackend
        do {
            cloud = try CloudBackend(target: target, environment: environment, transport: AsyncHTTPClientTransport(), policy: RetryPolicy(attempts: 1, timeout: 15))
        } catch {
            report("credentials", false, t("Innlogging:    ✗ ", "Credentials:   ✗ ") + message(error))
            return false
        }
        if let tokens = cloud.tokens {
            let started = Date()
            do {
                let token = try await tokens.token()
                let expiry = token.expires.map { t(", utløper ", ", expires ") + Formatting.dateTime($0) } ?? ""
                report("credentials", true, t("Innlogging:    ✓ ", "Credentials:   ✓ ") + tokens.summary + t(" — token hentet på ", " — token obtained in ") + milliseconds(since: started) + expiry)
            } catch {
                report("credentials", false, t("Innlogging:    ✗ ", "Credentials:   ✗ ") + tokens.summary + ": " + message(error))
                return false
            }
        }
        let warehouse = cloud.warehouse
        let bigQueryHealthy = await check("BigQuery", "datasets") { try await warehouse.datasets().count }
        // The sibling APIs are optional in a project: a failure is a notice, not unhealthy.
        _ = await check("Connection API", t("tilkoblinger", "connections")) { try await warehouse.connections().count }
        _ = await check("Data Transfer API", t("planlagte spørringer", "scheduled queries")) { try await warehouse.scheduledQueries().count }
        _ = await check("Datastream API", t("strømmer", "streams")) { try await warehouse.streams().count }
        // A name nothing links to: an empty answer proves the API is on and permitted.
        let probe = TableRef(project: target.project, dataset: try! DatasetID("katalog_doctor"), table: try! TableID("probe"))
        _ = await check("Data Lineage API", t("lenker", "links")) { try await warehouse.lineageLinks(of: probe).count }
        return bigQueryHealthy && marketplaceHealthy
    }

    /// The marketplace: which, where the token comes from (never the token), who the server
    /// says you are, how long it took.
    private func checkMarketplace(_ global: GlobalOptions, _ config: Config) async -> Bool {
        let target: MarketplaceTarget?
        do {
            target = try MarketplaceTarget.resolve(flag: global.marketplace, environment: environment, configured: config.marketplaceURL)
        } catch {
            report("marketplace", false, t("Markedsplass: ✗ ", "Marketplace:   ✗ ") + message(error))
            return false
        }
        guard let target else {
            report("marketplace", nil, t("Markedsplass:  arbeidsflatens egen (sett --marketplace, KATALOG_MARKETPLACE_URL eller marketplace.url for Datamarkedsplassen)",
                                         "Marketplace:   the workspace's own (set --marketplace, KATALOG_MARKETPLACE_URL or marketplace.url for Datamarkedsplassen)"))
            return true
        }
        let connection = MarketplaceConnection(target: target, environment: environment, tokenCommand: config.marketplaceTokenCommand,
                                               transport: AsyncHTTPClientTransport(), policy: RetryPolicy(attempts: 1, timeout: 15))
        report("marketplace", nil, t("Markedsplass:  ", "Marketplace:   ") + "\(target.baseURL.absoluteString) (\(t("fra", "from")) \(target.source))")
        guard let source = connection.tokenSource else {
            report("marketplace-token", false, t("  ✗ intet token: sett KATALOG_MARKETPLACE_TOKEN, eller marketplace.token_command i config.yaml",
                                                 "  ✗ no token: set KATALOG_MARKETPLACE_TOKEN, or marketplace.token_command in config.yaml"))
            return false
        }
        let started = Date()
        do {
            let me = try await connection.me()
            let groups = me.groups.isEmpty ? "" : " — " + me.groups.map { TerminalText.line($0) }.joined(separator: ", ")
            report("marketplace-user", true, "  ✓ \(TerminalText.line(me.name)) <\(TerminalText.line(me.email))>\(groups), \(milliseconds(since: started)) (\(t("token fra", "token from")) \(source))")
            return true
        } catch {
            report("marketplace-user", false, "  ✗ \(message(error)) (\(t("token fra", "token from")) \(source))")
            return false
        }
    }

    /// One API: ✓ with what it answered and how long it took, or ✗ with why.
    private func check(_ api: String, _ what: String, _ call: () async throws -> Int) async -> Bool {
        let started = Date()
        let name = api.padding(toLength: 18, withPad: " ", startingAt: 0)
        do {
            let count = try await call()
            report(api, true, "  ✓ \(name) \(count) \(what), \(milliseconds(since: started))")
            return true
        } catch {
            report(api, false, "  ✗ \(name) \(message(error))")
            return false
        }
    }

    private func milliseconds(since start: Date) -> String {
        "\(Int(Date().timeIntervalSince(start) * 1000)) ms"
    }

    private func message(_ error: Error) -> String {
        (error as? UserFacingError)?.message.text(language) ?? TerminalText.line("\(error)")
    }
}
