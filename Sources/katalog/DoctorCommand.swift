import ArgumentParser
import Foundation
import KatalogCLI
import KatalogCloud
import KatalogCore
import KatalogLocal

/// `katalog doctor`: what katalog would use and whether it answers — the first thing to run.
struct DoctorCommand: ParsableCommand, ParsableCommandWithGlobals {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show which project, credentials and APIs katalog uses, and whether they answer.")

    @OptionGroup var global: GlobalOptions
}

/// Runs the checks and prints one line each. Never prints a token.
struct Doctor {
    let environment: [String: String]
    let language: Language
    let endpoints: [String: String]
    let print: (String) -> Void

    func t(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    /// True when everything that was checked answered.
    func run(_ global: GlobalOptions) async -> Bool {
        let workspace = global.workspace ?? DemoWorkspace.defaultPath(environment: environment)
        print(t("Arbeidsflate:  ", "Workspace:     ") + TerminalText.line(workspace) + t(" (markedsplass, utkast, revisjonslogg)", " (marketplace, drafts, audit log)"))
        let target: CloudTarget?
        do {
            target = try CloudTarget.resolve(flag: global.project, environment: environment, endpoints: endpoints)
        } catch {
            print(t("Prosjekt:      ✗ ", "Project:       ✗ ") + (error as? UserFacingError).map { $0.message.text(language) }!)
            return false
        }
        guard let target else {
            print(t("Prosjekt:      ingen satt — katalog viser den lokale arbeidsflaten. Sett --project eller KATALOG_PROJECT for et GCP-prosjekt.",
                    "Project:       none set — katalog shows the local workspace. Set --project or KATALOG_PROJECT for a GCP project."))
            return true
        }
        print(t("Prosjekt:      ", "Project:       ") + "\(target.project) (\(t("fra", "from")) \(target.projectSource))")
        print("BigQuery:      \(target.bigQueryBase.absoluteString)" + (target.isEmulator ? t(" (emulator, uten innlogging)", " (emulator, no credentials)") : ""))
        let cloud: CloudBackend
        do {
            cloud = try CloudBackend(target: target, environment: environment, policy: RetryPolicy(attempts: 1, timeout: 15))
        } catch {
            print(t("Innlogging:    ✗ ", "Credentials:   ✗ ") + message(error))
            return false
        }
        if let tokens = cloud.tokens {
            let started = Date()
            do {
                let token = try await tokens.token()
                let expiry = token.expires.map { t(", utløper ", ", expires ") + Formatting.dateTime($0) } ?? ""
                print(t("Innlogging:    ✓ ", "Credentials:   ✓ ") + tokens.summary + t(" — token hentet på ", " — token obtained in ") + milliseconds(since: started) + expiry)
            } catch {
                print(t("Innlogging:    ✗ ", "Credentials:   ✗ ") + tokens.summary + ": " + message(error))
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
        return bigQueryHealthy
    }

    /// One API: ✓ with what it answered and how long it took, or ✗ with why.
    private func check(_ api: String, _ what: String, _ call: () async throws -> Int) async -> Bool {
        let started = Date()
        let name = api.padding(toLength: 18, withPad: " ", startingAt: 0)
        do {
            let count = try await call()
            print("  ✓ \(name) \(count) \(what), \(milliseconds(since: started))")
            return true
        } catch {
            print("  ✗ \(name) \(message(error))")
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
