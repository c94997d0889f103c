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
    let bigQueryEndpoint: String?
    let print: (String) -> Void

    func t(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    /// True when everything that was checked answered.
    func run(_ global: GlobalOptions) async -> Bool {
        let workspace = global.workspace ?? DemoWorkspace.defaultPath(environment: environment)
        print(t("Arbeidsflate:  ", "Workspace:     ") + TerminalText.line(workspace) + t(" (markedsplass, utkast, revisjonslogg)", " (marketplace, drafts, audit log)"))
        let target: CloudTarget?
        do {
            target = try CloudTarget.resolve(flag: global.project, environment: environment, bigQueryEndpoint: bigQueryEndpoint)
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
        let transport = URLSessionTransport()
        var tokens: (any TokenProvider)?
        if !target.isEmulator {
            do {
                let provider = try CredentialChain.find(environment: environment, transport: transport)
                let started = Date()
                let token = try await provider.token()
                let expiry = token.expires.map { t(", utløper ", ", expires ") + Formatting.dateTime($0) } ?? ""
                print(t("Innlogging:    ✓ ", "Credentials:   ✓ ") + provider.summary + t(" — token hentet på ", " — token obtained in ") + milliseconds(since: started) + expiry)
                tokens = provider
            } catch {
                print(t("Innlogging:    ✗ ", "Credentials:   ✗ ") + message(error))
                return false
            }
        }
        let client = GoogleAPIClient(api: "BigQuery", baseURL: target.bigQueryBase, transport: transport, tokens: tokens,
                                     quotaProject: tokens?.quotaProject, policy: RetryPolicy(attempts: 1, timeout: 15))
        let started = Date()
        do {
            let count = try await BigQueryWarehouse(project: target.project, http: client).datasets().count
            print("  ✓ BigQuery           datasets.list, datasets.get: \(count) datasets, " + milliseconds(since: started))
        } catch {
            print("  ✗ BigQuery           " + message(error))
            return false
        }
        for api in ["Connection API", "Data Transfer API", "Datastream API", "Data Lineage API"] {
            print("  – \(api.padding(toLength: 18, withPad: " ", startingAt: 0)) " + t("leses ikke av denne versjonen", "not read by this version"))
        }
        return true
    }

    private func milliseconds(since start: Date) -> String {
        "\(Int(Date().timeIntervalSince(start) * 1000)) ms"
    }

    private func message(_ error: Error) -> String {
        (error as? UserFacingError)?.message.text(language) ?? TerminalText.line("\(error)")
    }
}
