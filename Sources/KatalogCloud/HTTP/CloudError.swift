import Foundation
import KatalogCore

/// A failed call to a Google API, with what the user can do about it. Never holds a token.
public struct CloudError: UserFacingError, Equatable {
    public enum Kind: Equatable, Sendable {
        case notFound, permissionDenied, serviceDisabled, unauthenticated, invalid, conflict, rateLimited, server, network, timeout, malformed, redirected
    }

    public let kind: Kind
    public let message: LocalizedText
    /// `error.errors[].reason` or `error.status`, for retry decisions.
    public let reason: String?

    public var isBadInput: Bool { kind == .notFound || kind == .invalid || kind == .conflict }

    public init(kind: Kind, message: LocalizedText, reason: String? = nil) {
        self.kind = kind
        self.message = message
        self.reason = reason
    }

    /// Google's error body (`{"error":{"code","message","status","errors":[{"reason"}]}}`) turned
    /// into a message a user can act on.
    static func from(_ response: HTTPResponse, api: String, what: String) -> CloudError {
        struct Envelope: Decodable {
            struct Body: Decodable {
                struct Item: Decodable { let reason: String?; let message: String? }
                let code: Int?
                let message: String?
                let status: String?
                let errors: [Item]?
                let details: [Detail]?
            }
            struct Detail: Decodable { let reason: String? }
            let error: Body?
        }
        let body = (try? JSONDecoder().decode(Envelope.self, from: response.body))?.error
        let reason = body?.errors?.first?.reason ?? body?.details?.compactMap(\.reason).first ?? body?.status
        // A server may quote the request, its Authorization header included.
        let detail = Secrets.shared.redact(TerminalText.line(body?.message ?? String(decoding: response.body.prefix(300), as: UTF8.self)))
        let status = response.status
        switch (status, reason) {
        case (404, _):
            return CloudError(kind: .notFound, message: LocalizedText(nb: "\(what) finnes ikke (\(api): \(detail)).", en: "\(what) does not exist (\(api): \(detail))."), reason: reason)
        case (403, "SERVICE_DISABLED"?), (403, "accessNotConfigured"?):
            return CloudError(kind: .serviceDisabled, message: LocalizedText(
                nb: "\(api) er ikke slått på i prosjektet. Slå det på i Cloud Console, eller se bort fra denne delen. (\(detail))",
                en: "\(api) is not enabled in the project. Enable it in the Cloud Console, or do without this part. (\(detail))"), reason: reason)
        case (403, _):
            return CloudError(kind: .permissionDenied, message: LocalizedText(
                nb: "Ingen tilgang til \(what) i \(api): \(detail) Be en eier av prosjektet om rollen som gir det.",
                en: "Permission denied on \(what) in \(api): \(detail) Ask a project owner for the role that grants it."), reason: reason)
        case (401, _):
            return CloudError(kind: .unauthenticated, message: LocalizedText(
                nb: "\(api) godtok ikke innloggingen (\(detail)). Logg inn på nytt med `gcloud auth application-default login`.",
                en: "\(api) did not accept the credentials (\(detail)). Sign in again with `gcloud auth application-default login`."), reason: reason)
        // A stale etag on setIamPolicy comes as a 400 (or 409) that says so in words.
        case (400, _) where detail.localizedCaseInsensitiveContains("concurrent policy changes"), (409, _), (412, _):
            return CloudError(kind: .conflict, message: LocalizedText(
                nb: "\(what) er endret av noen andre (\(detail)). Last inn på nytt og prøv igjen.",
                en: "\(what) was changed by someone else (\(detail)). Reload and try again."), reason: reason)
        case (429, _), (_, "rateLimitExceeded"?), (_, "quotaExceeded"?):
            return CloudError(kind: .rateLimited, message: LocalizedText(
                nb: "\(api) begrenser antall kall (\(detail)). Vent litt og prøv igjen.",
                en: "\(api) is limiting calls (\(detail)). Wait a little and try again."), reason: reason)
        case (400..<500, _):
            return CloudError(kind: .invalid, message: LocalizedText(nb: "\(api) avviste kallet: \(detail)", en: "\(api) refused the call: \(detail)"), reason: reason)
        default:
            return CloudError(kind: .server, message: LocalizedText(
                nb: "\(api) svarte med feil \(status): \(detail). Prøv igjen om litt.",
                en: "\(api) answered with error \(status): \(detail). Try again in a moment."), reason: reason)
        }
    }

    static func malformed(api: String, _ raw: String) -> CloudError {
        let detail = Secrets.shared.redact(raw)
        return CloudError(kind: .malformed, message: LocalizedText(
            nb: "\(api) svarte med noe katalog ikke forstår (\(TerminalText.line(detail))). Prøv igjen om litt; skjer det igjen, viser --trace hva som kom.",
            en: "\(api) answered with something katalog does not understand (\(TerminalText.line(detail))). Try again in a moment; if it happens again, --trace shows what came."))
    }
}
