import Testing
import KatalogCore

/// Whatever reaches a user passes `redact`: registered secrets and `Bearer` credentials masked,
/// in any case, the rest untouched.
@Suite("Secrets are redacted")
struct SecretsTests {
    @Test func registeredSecretsAndBearerCredentialsAreMasked() {
        let secrets = Secrets()
        secrets.register("ya29.a-registered-token")
        #expect(secrets.redact("token ya29.a-registered-token here") == "token [redacted] here")
        #expect(secrets.redact("Authorization: Bearer abc.DEF-123") == "Authorization: Bearer [redacted]")
        #expect(secrets.redact("authorization: bEaReR%20xyz") == "authorization: bEaReR [redacted]")
        #expect(secrets.redact("bbearer token") == "bbearer [redacted]")
        #expect(secrets.redact("beare r, bear, no credential here") == "beare r, bear, no credential here")
        #expect(secrets.redact("søknad: ø æ å") == "søknad: ø æ å")
    }
}
