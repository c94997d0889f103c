import Testing
import KatalogTestSupport
@testable import KatalogCloud

/// Descriptions come back as the server stored them: escaped once (created) or twice (a
/// datasett's PUT). Shown as typed either way.
@Suite("Descriptions un-escaped")
struct HTMLEscapingTests {
    @Test(arguments: ["<b>&amp;", "50 % < 60 % & mer", "Ola's \"data\"", "vanlig tekst", "<p>a &lt; b</p>", "& alene", "æøå & <ÆØÅ>"])
    func escapedOnceOrTwiceReadsAsTyped(_ typed: String) {
        let once = MarketplaceTestServer.escape(typed), twice = MarketplaceTestServer.escape(once)
        #expect(HTMLEscaping.unescapeDatasett(once) == typed, "created")
        #expect(HTMLEscaping.unescapeDatasett(twice) == typed, "changed by a PUT")
        #expect(HTMLEscaping.unescape(once) == typed, "a dataprodukt's, escaped once")
    }

    /// The one case that cannot be told apart: entities typed as text, and none of the escaped
    /// characters. It is shown un-escaped once more rather than growing on every save.
    @Test func textOfEntitiesAloneLosesThemButNeverGrows() {
        let typed = "a &amp; b"
        #expect(HTMLEscaping.unescapeDatasett(MarketplaceTestServer.escape(typed)) == "a & b")
        #expect(HTMLEscaping.unescapeDatasett(MarketplaceTestServer.escape(MarketplaceTestServer.escape("a & b"))) == "a & b")
    }
}
