import Foundation
import KatalogCore

/// POSTs a form to an OAuth 2.0 token endpoint and reads the access token.
struct OAuthTokenEndpoint: Sendable {
    let url: URL
    let transport: any HTTPTransport

    func exchange(_ form: [(String, String)], credentials: String) async throws -> TokenResponse {
        let body = form.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(method: .post, url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                  body: Data(body.utf8), idempotent: true)
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: 30)
        } catch {
            throw CloudError(kind: .network, message: LocalizedText(
                nb: "Fikk ikke kontakt med tokentjenesten \(url.host ?? "") for \(credentials). Sjekk nettverket.",
                en: "Could not reach the token service \(url.host ?? "") for \(credentials). Check the network."))
        }
        guard (200..<300).contains(response.status) else {
            // The body names the problem (invalid_grant, …); it never echoes our secrets back.
            struct Failure: Decodable { let error: String?; let error_description: String? }
            let failure = try? JSONDecoder().decode(Failure.self, from: response.body)
            let detail = TerminalText.line([failure?.error, failure?.error_description].compactMap { $0 }.joined(separator: ": "))
            throw CloudError(kind: .unauthenticated, message: LocalizedText(
                nb: "Tokentjenesten avviste \(credentials) (\(response.status) \(detail)). Logg inn på nytt med `gcloud auth application-default login`, eller sjekk nøkkelfilen.",
                en: "The token service refused \(credentials) (\(response.status) \(detail)). Sign in again with `gcloud auth application-default login`, or check the key file."))
        }
        do {
            return try JSONDecoder().decode(TokenResponse.self, from: response.body)
        } catch {
            throw CloudError.malformed(api: "OAuth", "token response for \(credentials)")
        }
    }

    static func escape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
