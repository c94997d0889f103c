import Foundation
import KatalogCore

/// Which GCP project katalog shows, and where its APIs are: the same sources gcloud and the
/// client libraries read, in the same order.
public struct CloudTarget: Sendable {
    public let project: ProjectID
    /// Where the project id came from, for `katalog doctor` and error messages.
    public let projectSource: String
    public let bigQueryBase: URL
    /// Talking to an emulator: plain http, no credentials.
    public let isEmulator: Bool
    /// The sibling APIs' roots; nil when there is none to talk to (an emulator without them).
    public let connectionBase: URL?
    public let dataTransferBase: URL?
    public let datastreamBase: URL?
    public let lineageBase: URL?

    /// The project from `--project`, `KATALOG_PROJECT`, `CLOUDSDK_CORE_PROJECT` or the active
    /// gcloud configuration; nil when none is set (then katalog uses the local workspace).
    public static func resolve(flag: String?, environment: [String: String], endpoints: [String: String] = [:]) throws -> CloudTarget? {
        let candidates: [(String?, String)] = [
            (flag, "--project"), (environment["KATALOG_PROJECT"], "KATALOG_PROJECT"),
            (environment["CLOUDSDK_CORE_PROJECT"], "CLOUDSDK_CORE_PROJECT"),
            (gcloudProject(environment), "the active gcloud configuration"),
        ]
        guard let (text, source) = candidates.first(where: { !($0.0 ?? "").isEmpty }), let text else { return nil }
        let project: ProjectID
        do {
            project = try ProjectID(text)
        } catch {
            throw InvalidInput(error.problems.map { Problem(field: $0.field, code: $0.code, message: LocalizedText(
                nb: $0.message.nb + " (fra \(source))", en: $0.message.en + " (from \(source))")) })
        }
        let (base, emulator) = try endpoint(environment: environment, configured: endpoints["bigquery"])
        // No emulator serves these: with one, only configured endpoints are used (never Google's).
        func sibling(_ key: String, _ google: String) -> URL? {
            if let configured = endpoints[key] { return URL(string: configured)?.appendingPathComponent("v1") }
            return emulator ? nil : URL(string: google)
        }
        return CloudTarget(project: project, projectSource: source, bigQueryBase: base, isEmulator: emulator,
                           connectionBase: sibling("connection", "https://bigqueryconnection.googleapis.com/v1"),
                           dataTransferBase: sibling("datatransfer", "https://bigquerydatatransfer.googleapis.com/v1"),
                           datastreamBase: sibling("datastream", "https://datastream.googleapis.com/v1"),
                           lineageBase: sibling("lineage", "https://datalineage.googleapis.com/v1"))
    }

    /// `BIGQUERY_EMULATOR_HOST` as `host:port` (goccy's convention) or `http://host:port` (the
    /// Python client's), else a configured endpoint, else Google's.
    static func endpoint(environment: [String: String], configured: String?) throws -> (URL, Bool) {
        if let host = environment["BIGQUERY_EMULATOR_HOST"], !host.isEmpty {
            let text = host.contains("://") ? host : "http://" + host
            guard let url = URL(string: text), url.host != nil else {
                throw InvalidInput([Problem(field: "BIGQUERY_EMULATOR_HOST", code: "endpoint", message: LocalizedText(
                    nb: "BIGQUERY_EMULATOR_HOST=«\(TerminalText.line(host))» er ikke en adresse. Skriv host:port eller http://host:port.",
                    en: "BIGQUERY_EMULATOR_HOST=“\(TerminalText.line(host))” is not an address. Write host:port or http://host:port."))])
            }
            return (url.appendingPathComponent("bigquery/v2"), true)
        }
        if let configured, let url = URL(string: configured) { return (url.appendingPathComponent("bigquery/v2"), false) }
        return (URL(string: "https://bigquery.googleapis.com/bigquery/v2")!, false)
    }

    /// `[core] project` of the active configuration (`CLOUDSDK_ACTIVE_CONFIG_NAME`, else the
    /// `active_config` file, else `default`).
    static func gcloudProject(_ environment: [String: String]) -> String? {
        let directory = CredentialChain.gcloudConfigDirectory(environment)
        let active = environment["CLOUDSDK_ACTIVE_CONFIG_NAME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (try? String(contentsOfFile: directory + "/active_config", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            ?? "default"
        guard let ini = try? String(contentsOfFile: directory + "/configurations/config_\(active)", encoding: .utf8) else { return nil }
        var section = ""
        for raw in ini.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { section = line.trimmingCharacters(in: CharacterSet(charactersIn: "[]")); continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if section == "core", parts.count == 2, parts[0] == "project" { return parts[1] }
        }
        return nil
    }
}
