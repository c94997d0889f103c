import Foundation
import Testing
import KatalogTestSupport
import KatalogCore
@testable import KatalogCloud

/// Google authentication against the project's fake token endpoint and metadata server
/// (Tests/Emulator/fake_google.py, started by scripts/with-emulator.sh), and the installed gcloud.
@Suite("Google credentials", .serialized, .offThePool, .enabled(if: GoogleFixture.url != nil, "needs KATALOG_TEST_GOOGLE (make test sets it)"))
struct CredentialTests {
    let transport = AsyncHTTPClientTransport()

    func stats() async throws -> [String: Int] {
        let response = try await transport.send(HTTPRequest(url: GoogleFixture.url!.appendingPathComponent("stats")), timeout: 5)
        return try JSONDecoder().decode([String: Int].self, from: response.body)
    }

    @Test func aServiceAccountKeySignsAJWTTheEndpointVerifies() async throws {
        let provider = try CredentialsFile.provider(path: GoogleFixture.key("service_account.json"), transport: transport)
        let before = try await stats()["jwt"] ?? 0
        let token = try await provider.token()
        #expect(token.value.hasPrefix("ya29.katalog-test-"))
        #expect(provider.summary == "service account katalog-test@dagpenger-prod-4e2b.iam.gserviceaccount.com")
        // Cached until shortly before it expires: the same token, no second exchange. (Other
        // suites use the same key in parallel, so the server's counter only tells "at least".)
        #expect(try await provider.token().value == token.value)
        #expect(try await stats()["jwt"] ?? 0 >= before + 1)
        let claimsResponse = try await transport.send(HTTPRequest(url: GoogleFixture.url!.appendingPathComponent("last-claims")), timeout: 5)
        let claims = try #require(try JSONSerialization.jsonObject(with: claimsResponse.body) as? [String: Any])
        #expect(claims["aud"] as? String == GoogleFixture.url!.appendingPathComponent("token").absoluteString)
        #expect(claims["scope"] as? String == "https://www.googleapis.com/auth/cloud-platform")
        #expect(claims["iss"] as? String == "katalog-test@dagpenger-prod-4e2b.iam.gserviceaccount.com")
        let iat = try #require(claims["iat"] as? Int)
        #expect(claims["exp"] as? Int == iat + 3600)
    }

    @Test func aKeyTheEndpointDoesNotKnowIsRefused() async throws {
        // Same account, another key: the signature does not verify.
        let original = try Data(contentsOf: URL(fileURLWithPath: GoogleFixture.key("service_account.json")))
        var fields = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        fields["private_key"] = GoogleFixture.otherKeyPEM
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString).json").path
        try JSONSerialization.data(withJSONObject: fields).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let provider = try CredentialsFile.provider(path: path, transport: transport)
        do {
            _ = try await provider.token()
            Issue.record("expected a refusal")
        } catch let error as CloudError {
            #expect(error.kind == .unauthenticated && error.message.en.contains("Invalid JWT"))
            #expect(!error.message.en.contains("PRIVATE KEY"))
        }
    }

    @Test func userCredentialsRefreshWhenTheTokenIsAboutToExpire() async throws {
        let provider = try CredentialsFile.provider(path: GoogleFixture.key("authorized_user.json"), transport: transport)
        let before = try await stats()["refresh"] ?? 0
        let first = try await provider.token()
        // The fake endpoint's tokens live 30 s, under the 60 s margin: the next call refreshes.
        let second = try await provider.token()
        #expect(first.value != second.value)
        #expect(try await stats()["refresh"] ?? 0 >= before + 2)
    }

    @Test func aRevokedRefreshTokenSaysHowToSignInAgain() async throws {
        let provider = try CredentialsFile.provider(path: GoogleFixture.key("revoked_user.json"), transport: transport)
        do {
            _ = try await provider.token()
            Issue.record("expected a refusal")
        } catch let error as CloudError {
            #expect(error.message.en.contains("invalid_grant: Token has been expired or revoked."))
            #expect(error.message.en.contains("gcloud auth application-default login"))
            #expect(!error.message.en.contains("client-secret-x") && !error.message.en.contains("refresh-1"))
        }
    }

    @Test func theMetadataServerGivesTokensWhenItSaysItIsOne() async throws {
        let host = GoogleFixture.url!.host! + ":" + String(GoogleFixture.url!.port!)
        let provider = try CredentialChain.find(environment: ["GCE_METADATA_HOST": host, "CLOUDSDK_CONFIG": "/nonexistent"], transport: transport)
        #expect(provider.summary == "metadata server at \(host)")
        #expect(try await provider.token().value.hasPrefix("ya29.katalog-test-"))
        #expect(try await (provider as? MetadataServerProvider)?.email() == "katalog-test@dagpenger-prod-4e2b.iam.gserviceaccount.com")
    }

    @Test func gcloudPrintsATokenFromTheLocalTokenEndpoint() async throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("gcloud-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: config) }
        var environment = ["CLOUDSDK_CONFIG": config, "CLOUDSDK_CORE_CHECK_GCE_METADATA": "false", "CLOUDSDK_CORE_DISABLE_USAGE_REPORTING": "true",
                           "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK": "true", "CLOUDSDK_AUTH_TOKEN_HOST": GoogleFixture.url!.appendingPathComponent("token").absoluteString,
                           "PATH": "/usr/bin:/bin", "HOME": config]
        let activate = Process()
        activate.executableURL = URL(fileURLWithPath: "/usr/bin/gcloud")
        activate.arguments = ["auth", "activate-service-account", "--key-file=" + GoogleFixture.key("service_account.json")]
        activate.environment = environment
        activate.standardOutput = FileHandle.nullDevice
        activate.standardError = FileHandle.nullDevice
        try activate.run()
        activate.waitUntilExit()
        #expect(activate.terminationStatus == 0)
        environment["GOOGLE_APPLICATION_CREDENTIALS"] = nil
        let provider = try CredentialChain.find(environment: environment, transport: transport, isGoogleVM: { false })
        #expect(provider.summary.hasPrefix("gcloud auth print-access-token"))
        #expect(try await provider.token().value.hasPrefix("ya29.katalog-test-"))
    }
}

/// Which credentials win, without a server.
@Suite("The credential chain", .offThePool)
struct CredentialChainTests {
    let transport = AsyncHTTPClientTransport()

    @Test func aReadyTokenWins() throws {
        let provider = try CredentialChain.find(environment: ["KATALOG_ACCESS_TOKEN": "ya29.script", "GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent"], transport: transport)
        #expect(provider.summary == "access token from KATALOG_ACCESS_TOKEN")
    }

    @Test func aMissingKeyFileIsAnErrorNotASkip() {
        do {
            _ = try CredentialChain.find(environment: ["GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/key.json"], transport: transport)
            Issue.record("expected an error")
        } catch let error as CloudError {
            #expect(error.message.en.contains("/nonexistent/key.json") && error.message.en.contains("GOOGLE_APPLICATION_CREDENTIALS"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func applicationDefaultCredentialsComeFromTheGcloudFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}"#
            .write(to: folder.appendingPathComponent("application_default_credentials.json"), atomically: true, encoding: .utf8)
        let provider = try CredentialChain.find(environment: ["CLOUDSDK_CONFIG": folder.path], transport: transport)
        #expect(provider.summary.hasPrefix("user credentials (authorized_user"))
    }

    @Test(arguments: [
        (#"{"type":"external_account","audience":"x"}"#, "external_account"),
        (#"{"type":"service_account","client_email":"a@b.c","private_key":"not a key"}"#, "not an RSA key"),
        (#"{"type":"authorized_user"}"#, "lacks client_id"),
        ("not json", "not valid JSON"),
    ])
    func unusableFilesSayWhy(_ content: String, _ expected: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cred-\(UUID().uuidString).json").path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try CredentialsFile.provider(path: path, transport: transport)
            Issue.record("expected an error")
        } catch let error as CloudError {
            #expect(error.message.en.contains(expected), "\(error.message.en)")
        }
    }

    @Test func nothingFoundSaysWhatToDo() {
        #expect(throws: CloudError.self) {
            try CredentialChain.find(environment: ["CLOUDSDK_CONFIG": "/nonexistent", "PATH": "/nonexistent"], transport: transport, isGoogleVM: { false })
        }
    }
}

enum GoogleFixture {
    static let url = ProcessInfo.processInfo.environment["KATALOG_TEST_GOOGLE"].flatMap(URL.init(string:))
    static func key(_ name: String) -> String { (ProcessInfo.processInfo.environment["KATALOG_TEST_KEYS"] ?? "/nonexistent") + "/" + name }

    /// A throwaway RSA key nobody trusts (generated for this test suite).
    static var otherKeyPEM: String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
