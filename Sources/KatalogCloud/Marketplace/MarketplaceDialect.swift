import Foundation
import KatalogCore

/// Datamarkedsplassen's REST API as it really answers (contracts/MARKETPLACE-API.md, "What the
/// server really does"): a bearer token; errors as `{"error":{kind,statusCode,code,param,message}}`
/// with every member optional; a 401 that is plain text — `Unauthorized`, or `{"error":
/// "Unauthorized."}` with a string where an object would be.
public struct MarketplaceDialect: APIDialect {
    public let name = "Datamarkedsplassen"

    public init() {}

    public var decoder: JSONDecoder { MarketplaceJSON.decoder }
    public var encoder: JSONEncoder { MarketplaceJSON.encoder }

    public func authorize(_ request: inout HTTPRequest, token: String?) {
        if let token { request.headers["Authorization"] = "Bearer " + token }
    }

    /// The error body, whichever shape it has.
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            let kind: String?
            let statusCode: Int?
            let code: String?
            let param: String?
            let message: String?
        }
        let detail: Detail?

        enum Keys: String, CodingKey { case error }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            // `{"error": "Unauthorized."}`: a string, no detail.
            detail = try? container.decode(Detail.self, forKey: .error)
        }
    }

    public func failure(_ response: HTTPResponse, what: String) -> CloudError {
        let detail = (try? JSONDecoder().decode(ErrorBody.self, from: response.body))?.detail
        let said = Secrets.shared.redact(TerminalText.line(detail?.message ?? String(decoding: response.body.prefix(300), as: UTF8.self)))
        let code = detail?.code ?? detail?.param
        switch (response.status, code) {
        case (401, _):
            return CloudError(kind: .unauthenticated, message: LocalizedText(
                nb: "\(name) godtok ikke innloggingen (\(said)). Hent et nytt token: sett KATALOG_MARKETPLACE_TOKEN, eller sjekk marketplace.token_command i config.yaml.",
                en: "\(name) did not accept the token (\(said)). Get a new one: set KATALOG_MARKETPLACE_TOKEN, or check marketplace.token_command in config.yaml."),
                reason: "unauthorized")
        case (403, "wrong_owner"?):
            return CloudError(kind: .permissionDenied, message: LocalizedText(
                nb: "Du er ikke med i gruppen som eier dette (\(what)): \(said) Be en i teamet gjøre det, eller be om å bli lagt til i gruppen.",
                en: "You are not in the group that owns this (\(what)): \(said) Ask someone in the team to do it, or to add you to the group."),
                reason: "wrong_owner")
        case (403, "wrong_team"?):
            return CloudError(kind: .permissionDenied, message: LocalizedText(
                nb: "Du kan ikke trekke denne tilgangen: du er verken i eierteamet eller tilgangens eier (\(said)).",
                en: "You cannot revoke this grant: you are neither in the owning team nor the grant's owner (\(said))."),
                reason: "wrong_team")
        case (403, _):
            return CloudError(kind: .permissionDenied, message: LocalizedText(
                nb: "\(name) sier at du ikke har lov (\(what)): \(said)", en: "\(name) says you may not (\(what)): \(said)"), reason: code)
        case (404, "gcp_bigquery"?):
            return CloudError(kind: .invalid, message: LocalizedText(
                nb: "Tabellen finnes ikke i BigQuery (\(what): \(said)). Sjekk navnet, eller lag tabellen først.",
                en: "The table does not exist in BigQuery (\(what): \(said)). Check the name, or create the table first."), reason: code)
        case (404, "database"?) where detail?.param == "group_email":
            return CloudError(kind: .invalid, message: LocalizedText(
                nb: "Eiergruppen har ikke noe GCP-prosjekt i NAIS (\(what)). Velg en gruppe som eier teamets prosjekt.",
                en: "The owner group has no GCP project in NAIS (\(what)). Choose a group that owns the team's project."), reason: code)
        case (500, _) where detail?.kind == "other_error" && said.lowercased().contains("pii"):
            return CloudError(kind: .invalid, message: LocalizedText(
                nb: "\(name) kunne ikke lese PII-merkingen (\(what): \(said)). Merk kolonnene på nytt og lagre igjen.",
                en: "\(name) could not read the PII tags (\(what): \(said)). Tag the columns again and save once more."), reason: "pii_tags")
        case (404, _):
            return CloudError(kind: .notFound, message: LocalizedText(
                nb: "\(what) finnes ikke på \(name) (\(said)).", en: "\(what) does not exist on \(name) (\(said))."), reason: code)
        case (400, "expires_in_past"?):
            return CloudError(kind: .invalid, message: LocalizedText(
                nb: "Utløpsdatoen er passert; velg i morgen eller senere, eller «aldri».",
                en: "The expiry date has passed; choose tomorrow or later, or “never”."), reason: code)
        case (400, _) where detail?.param == "table_type" || code == "table_type":
            return CloudError(kind: .invalid, message: LocalizedText(
                nb: "\(name) registrerer bare tabeller, views og materialiserte views (\(said)).",
                en: "\(name) registers only tables, views and materialized views (\(said))."), reason: code)
        case (400, "wrong_owner"?):
            return CloudError(kind: .invalid, message: LocalizedText(
                nb: "Et datasett kan bare flyttes til et dataprodukt med samme eiergruppe (\(said)).",
                en: "A datasett can only move to a dataprodukt with the same owner group (\(said))."), reason: code)
        case (400, "opening_dataset_with_pii_tags"?):
            return CloudError(kind: .invalid, message: LocalizedText(
                nb: "Et datasett med personopplysninger kan ikke åpnes for hele NAV (\(said)). Gi tilgang til personer eller grupper med et formål.",
                en: "A datasett with personal data cannot be opened to all of NAV (\(said)). Grant it to people or groups with a purpose."), reason: code)
        case (429, _):
            return CloudError(kind: .rateLimited, message: LocalizedText(
                nb: "\(name) begrenser antall kall. Vent litt og prøv igjen.", en: "\(name) is limiting calls. Wait a little and try again."), reason: code)
        case (400..<500, _):
            return CloudError(kind: .invalid, message: LocalizedText(nb: "\(name) avviste \(what): \(said). Rett det som står, og prøv igjen.",
                                                                     en: "\(name) refused \(what): \(said). Correct what it says and try again."),
                              reason: code)
        default:
            return CloudError(kind: .server, message: LocalizedText(
                nb: "\(name) svarte med feil \(response.status) på \(what) (\(said)). Prøv igjen om litt; se `katalog doctor`.",
                en: "\(name) answered \(what) with error \(response.status) (\(said)). Try again in a moment; see `katalog doctor`."),
                reason: detail?.kind)
        }
    }

    public func isRetryable(_ failure: CloudError, policy: RetryPolicy) -> Bool {
        [.network, .timeout, .server, .rateLimited].contains(failure.kind)
    }
}
