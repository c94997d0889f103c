import Foundation
import KatalogCore

/// Finds credentials the way Google's libraries do (Application Default Credentials), with a
/// ready token first for scripts:
/// 1. `KATALOG_ACCESS_TOKEN`;
/// 2. the file named by `GOOGLE_APPLICATION_CREDENTIALS` (a missing file is an error, not a skip);
/// 3. `$CLOUDSDK_CONFIG/application_default_credentials.json` (default `~/.config/gcloud`);
/// 4. the metadata server, when `GCE_METADATA_HOST` is set or the machine is a Google VM;
/// 5. `gcloud auth print-access-token`, when gcloud is on PATH.
public enum CredentialChain {
    public static func find(environment: [String: String], transport: any HTTPTransport,
                            isGoogleVM: () -> Bool = CredentialChain.isGoogleVM) throws -> any TokenProvider {
        if let token = environment["KATALOG_ACCESS_TOKEN"], !token.isEmpty { return StaticTokenProvider(token) }
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            return try CredentialsFile.provider(path: path, transport: transport)
        }
        let adc = gcloudConfigDirectory(environment) + "/application_default_credentials.json"
        if FileManager.default.fileExists(atPath: adc) { return try CredentialsFile.provider(path: adc, transport: transport) }
        if let host = environment["GCE_METADATA_HOST"] ?? environment["GCE_METADATA_IP"], !host.isEmpty {
            return MetadataServerProvider(host: host, transport: transport)
        }
        if environment["NO_GCE_CHECK"] == nil, isGoogleVM() { return MetadataServerProvider(host: "169.254.169.254", transport: transport) }
        if let gcloud = which("gcloud", environment) { return GcloudProvider(executable: gcloud, environment: environment) }
        throw CloudError(kind: .unauthenticated, message: LocalizedText(
            nb: "Fant ingen Google-innlogging. Kjør `gcloud auth application-default login`, sett GOOGLE_APPLICATION_CREDENTIALS til en nøkkelfil, eller sett KATALOG_ACCESS_TOKEN.",
            en: "No Google credentials were found. Run `gcloud auth application-default login`, point GOOGLE_APPLICATION_CREDENTIALS at a key file, or set KATALOG_ACCESS_TOKEN."))
    }

    public static func gcloudConfigDirectory(_ environment: [String: String]) -> String {
        if let directory = environment["CLOUDSDK_CONFIG"], !directory.isEmpty { return directory }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/gcloud"
    }

    /// What the official libraries check on Linux: the DMI product name.
    public static func isGoogleVM() -> Bool {
        let name = (try? String(contentsOfFile: "/sys/class/dmi/id/product_name", encoding: .utf8)) ?? ""
        return name.contains("Google")
    }

    static func which(_ program: String, _ environment: [String: String]) -> String? {
        (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
