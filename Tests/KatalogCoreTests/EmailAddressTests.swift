import Testing
import KatalogCore

@Suite("E-mail addresses, strictly")
struct EmailAddressTests {
    static let validAddresses: [(String, String)] = [
        ("ola.nordmann@nav.no", "ola.nordmann@nav.no"),
        ("  Ola.Nordmann@NAV.no \n", "ola.nordmann@nav.no"),
        ("team-dagpenger@nav.no", "team-dagpenger@nav.no"),
        ("all-users@nav.no", "all-users@nav.no"),
        ("dvh-lesing@dvh-prod-1234.iam.gserviceaccount.com", "dvh-lesing@dvh-prod-1234.iam.gserviceaccount.com"),
        ("o'brien+katalog@nav.no", "o'brien+katalog@nav.no"),
        ("a@b.no", "a@b.no"),
    ]

    @Test(arguments: validAddresses)
    func valid(_ text: String, _ normalized: String) {
        #expect(EmailAddress.normalized(text) == normalized)
    }

    static let invalidAddresses: [(String, String)] = [
        ("all-users\u{200B}@nav.no", "zero-width space"),
        ("all-users\u{200D}@nav.no", "zero-width joiner"),
        ("all-users\u{FEFF}@nav.no", "BOM"),
        ("all-\u{00AD}users@nav.no", "soft hyphen"),
        ("all-users@nav.no\u{202E}", "bidi override"),
        ("all-users\u{2066}@nav.no", "bidi isolate"),
        ("ａｌｌ-users@nav.no", "full-width homoglyphs"),
        ("аll-users@nav.no", "Cyrillic a"),
        ("ola@nav..no", "empty label"),
        ("a@-.-", "hyphen labels"),
        ("a@nav.no.", "trailing dot"),
        ("a@.nav.no", "leading dot"),
        ("a@nav-.no", "label ending in a hyphen"),
        ("a@nav.n0", "numeric top-level domain"),
        ("a@localhost", "one label"),
        ("<script>@nav.no", "angle brackets"),
        ("<script>alert(1)</script>", "no @"),
        ("a@@nav.no", "two @"),
        ("a@b@nav.no", "two @ apart"),
        (".ola@nav.no", "leading dot in the local part"),
        ("ola.@nav.no", "trailing dot in the local part"),
        ("ola..n@nav.no", "two dots in the local part"),
        ("ola nordmann@nav.no", "a space"),
        ("ola\u{7}@nav.no", "a bell"),
        ("\"ola\"@nav.no", "a quoted local part"),
        ("ø@nav.no", "non-ASCII letter"),
        ("ola@nåv.no", "non-ASCII domain"),
        ("", "empty"),
        (String(repeating: "a", count: 65) + "@nav.no", "local part over 64"),
        (String(repeating: "a", count: 100_000) + "@nav.no", "100k characters"),
        ("a@" + Array(repeating: "abcdefghij", count: 26).joined(separator: ".") + ".no", "over 254"),
    ]

    @Test(arguments: invalidAddresses)
    func invalid(_ text: String, _ why: String) {
        #expect(EmailAddress.normalized(text) == nil, "\(why)")
    }

    @Test func theMessageNamesTheInvisibleCharacter() throws {
        do {
            _ = try Subject(.group, "all-users\u{200B}@nav.no")
            Issue.record("accepted")
        } catch {
            let text = error.message.en
            #expect(text.contains("U+200B") && text.contains("all-users<U+200B>@nav.no"), "\(text)")
            #expect(!text.unicodeScalars.contains("\u{200B}"))
        }
        do {
            _ = try Subject(.group, "ａｌｌ-users@nav.no")
            Issue.record("accepted")
        } catch {
            #expect(error.message.en.contains("only look like ordinary letters"))
        }
    }

    @Test func theAllUsersRuleSeesTheNormalisedAddress() throws {
        #expect(try Subject(.group, " ALL-USERS@nav.no ").isAllUsers)
        #expect(throws: InvalidInput.self) { try Subject(.group, "all-users\u{200B}@nav.no") }
    }
}
