import Foundation
import KatalogCore

/// The metadata server of GCE, GKE (Workload Identity) and Naisjobs: tokens for the machine's
/// service account, no key on disk.
struct MetadataServerProvider: TokenProvider {
    let host: String
    let transport: any HTTPTransport
    let cache: CachedToken

    init(host: String, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.host = host
        self.transport = transport
        let url = URL(string: "http://\(host)/computeMetadata/v1/instance/service-accounts/default/token?scopes=\(CredentialsFile.scope)")!
        cache = CachedToken(now: now) {
            let response = try await Self.get(url, transport: transport)
            guard let token = try? JSONDecoder().decode(TokenResponse.self, from: response.body) else {
                throw CloudError.malformed(api: "the metadata server", "token")
            }
            return token.token(now: now())
        }
    }

    func token() async throws -> AccessToken { try await cache.token() }
    var summary: String { "metadata server at \(host)" }

    /// The service account's e-mail (for `katalog doctor`).
    func email() async throws -> String {
        let url = URL(string: "http://\(host)/computeMetadata/v1/instance/service-accounts/default/email")!
        return String(decoding: try await Self.get(url, transport: transport).body, as: UTF8.self)
    }

    static func get(_ url: URL, transport: any HTTPTransport) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(url: url, headers: ["Metadata-Flavor": "Google"]), timeout: 5)
        } catch {
            throw CloudError(kind: .network, message: LocalizedText(
                nb: "Metadataserveren (\(url.host ?? "")) svarte ikke.", en: "The metadata server (\(url.host ?? "")) did not answer."))
        }
        // A server that does not say Metadata-Flavor: Google is not the metadata server.
        guard (200..<300).contains(response.status), response.header("Metadata-Flavor") == "Google" else {
            throw CloudError(kind: .unauthenticated, message: LocalizedText(
                nb: "Metadataserveren (\(url.host ?? "")) ga ingen token (\(response.status)).",
                en: "The metadata server (\(url.host ?? "")) gave no token (\(response.status))."))
        }
        return response
    }
}

/// `gcloud auth print-access-token`: the last resort, when gcloud is installed and signed in.
struct GcloudProvider: TokenProvider {
    let executable: String
    let cache: CachedToken

    init(executable: String, environment: [String: String], now: @escaping @Sendable () -> Date = { Date() }) {
        self.executable = executable
        cache = CachedToken(now: now) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["auth", "print-access-token"]
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard process.terminationStatus == 0, !token.isEmpty else {
                throw CloudError(kind: .unauthenticated, message: LocalizedText(
                    nb: "gcloud ga ingen token. Logg inn med `gcloud auth login`.", en: "gcloud gave no token. Sign in with `gcloud auth login`."))
            }
            // gcloud does not say when it expires; its tokens live an hour, so ask again in 45 minutes.
            return AccessToken(value: token, expires: now().addingTimeInterval(45 * 60))
        }
    }

    func token() async throws -> AccessToken { try await cache.token() }
    var summary: String { "gcloud auth print-access-token (\(executable))" }
}
