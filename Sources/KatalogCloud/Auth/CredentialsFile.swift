import Crypto
import _CryptoExtras
import Foundation
import KatalogCore

/// An Application Default Credentials file: `authorized_user` (from `gcloud auth
/// application-default login`) or `service_account` (a key file).
public enum CredentialsFile {
    static let scope = "https://www.googleapis.com/auth/cloud-platform"
    static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    /// A token provider for the file at `path`.
    public static func provider(path: String, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) throws -> any TokenProvider {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CloudError(kind: .unauthenticated, message: LocalizedText(
                nb: "Fant ikke innloggingsfilen \(TerminalText.line(path)). Sjekk GOOGLE_APPLICATION_CREDENTIALS, eller kjør `gcloud auth application-default login`.",
                en: "The credentials file \(TerminalText.line(path)) does not exist. Check GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`."))
        }
        struct Fields: Decodable {
            let type: String?
            let client_id: String?
            let client_secret: String?
            let refresh_token: String?
            let client_email: String?
            let private_key: String?
            let private_key_id: String?
            let token_uri: String?
            let quota_project_id: String?
        }
        guard let fields = try? JSONDecoder().decode(Fields.self, from: data) else {
            throw unusable(path, LocalizedText(nb: "er ikke gyldig JSON", en: "is not valid JSON"))
        }
        [fields.client_secret, fields.refresh_token, fields.private_key].compactMap { $0 }.forEach(Secrets.shared.register)
        let tokenURL = URL(string: fields.token_uri ?? defaultTokenURI) ?? URL(string: defaultTokenURI)!
        let endpoint = OAuthTokenEndpoint(url: tokenURL, transport: transport)
        switch fields.type {
        case "authorized_user":
            guard let id = fields.client_id, let secret = fields.client_secret, let refresh = fields.refresh_token else {
                throw unusable(path, LocalizedText(nb: "mangler client_id, client_secret eller refresh_token", en: "lacks client_id, client_secret or refresh_token"))
            }
            return RefreshTokenProvider(endpoint: endpoint, clientID: id, clientSecret: secret, refreshToken: refresh,
                                        quotaProject: fields.quota_project_id, now: now)
        case "service_account":
            guard let email = fields.client_email, let pem = fields.private_key else {
                throw unusable(path, LocalizedText(nb: "mangler client_email eller private_key", en: "lacks client_email or private_key"))
            }
            let key: _RSA.Signing.PrivateKey
            do {
                key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
            } catch {
                throw unusable(path, LocalizedText(nb: "har en private_key som ikke er en RSA-nøkkel i PEM", en: "has a private_key that is not an RSA key in PEM"))
            }
            return ServiceAccountProvider(endpoint: endpoint, email: email, keyID: fields.private_key_id, key: key,
                                          quotaProject: fields.quota_project_id, now: now)
        case let other:
            throw unusable(path, LocalizedText(
                nb: "har typen «\(TerminalText.line(other ?? "ingen"))», som katalog ikke støtter. Bruk `gcloud auth application-default login` (authorized_user) eller en nøkkelfil for en tjenestekonto (service_account), eller sett KATALOG_ACCESS_TOKEN.",
                en: "has the type “\(TerminalText.line(other ?? "none"))”, which katalog does not support. Use `gcloud auth application-default login` (authorized_user) or a service account key file (service_account), or set KATALOG_ACCESS_TOKEN."))
        }
    }

    static func unusable(_ path: String, _ why: LocalizedText) -> CloudError {
        CloudError(kind: .unauthenticated, message: LocalizedText(
            nb: "Innloggingsfilen \(TerminalText.line(path)) \(why.nb).", en: "The credentials file \(TerminalText.line(path)) \(why.en)."))
    }
}

/// `authorized_user`: the refresh-token grant.
struct RefreshTokenProvider: TokenProvider {
    let endpoint: OAuthTokenEndpoint
    let clientID: String
    let clientSecret: String
    let refreshToken: String
    let quotaProject: String?
    let cache: CachedToken

    init(endpoint: OAuthTokenEndpoint, clientID: String, clientSecret: String, refreshToken: String, quotaProject: String?, now: @escaping @Sendable () -> Date) {
        self.endpoint = endpoint
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.quotaProject = quotaProject
        let form = [("grant_type", "refresh_token"), ("client_id", clientID), ("client_secret", clientSecret), ("refresh_token", refreshToken)]
        cache = CachedToken(now: now) { try await endpoint.exchange(form, credentials: "the user credentials").token(now: now()) }
    }

    func token() async throws -> AccessToken { try await cache.token() }
    var summary: String { "user credentials (authorized_user, client \(clientID.prefix(12))…)" }
}

/// `service_account`: a JWT signed with the key (RS256), exchanged for an access token.
struct ServiceAccountProvider: TokenProvider {
    let email: String
    let quotaProject: String?
    let cache: CachedToken

    init(endpoint: OAuthTokenEndpoint, email: String, keyID: String?, key: _RSA.Signing.PrivateKey, quotaProject: String?, now: @escaping @Sendable () -> Date) {
        self.email = email
        self.quotaProject = quotaProject
        cache = CachedToken(now: now) {
            let assertion = try JWT.sign(claims: [
                "iss": email, "scope": CredentialsFile.scope, "aud": endpoint.url.absoluteString,
                "iat": Int(now().timeIntervalSince1970), "exp": Int(now().timeIntervalSince1970) + 3600,
            ], keyID: keyID, key: key)
            let form = [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)]
            return try await endpoint.exchange(form, credentials: "the service account \(email)").token(now: now())
        }
    }

    func token() async throws -> AccessToken { try await cache.token() }
    var summary: String { "service account \(email)" }
}

/// RS256 JSON Web Tokens (RFC 7515/7519), just what the JWT bearer grant needs.
enum JWT {
    static func sign(claims: [String: Any], keyID: String?, key: _RSA.Signing.PrivateKey) throws -> String {
        var header: [String: Any] = ["alg": "RS256", "typ": "JWT"]
        header["kid"] = keyID
        let signingInput = try base64URL(JSONSerialization.data(withJSONObject: header, options: .sortedKeys)) + "."
            + base64URL(JSONSerialization.data(withJSONObject: claims, options: .sortedKeys))
        let signature = try key.signature(for: SHA256.hash(data: Data(signingInput.utf8)), padding: .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(signature.rawRepresentation)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
