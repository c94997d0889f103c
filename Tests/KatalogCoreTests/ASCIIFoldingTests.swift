import Testing
import KatalogCore

@Suite("Text for an ASCII-only locale")
struct ASCIIFoldingTests {
    @Test(arguments: [
        ("stønadshistorikk", "stonadshistorikk"), ("fødselsnummer", "fodselsnummer"), ("Ærlig Åse", "AErlig Ase"),
        ("e\u{301}tat", "etat"), ("søknader_per_måned", "soknader_per_maned"), ("plain", "plain"), ("日本", "riben"),
        ("🙂", "?"), ("a–b", "a-b"),
    ])
    func keepsEveryLetterReadable(_ text: String, _ folded: String) {
        #expect(ASCIIFolding.fold(text) == folded)
        #expect(ASCIIFolding.fold(text).allSatisfy { $0.isASCII })
    }
}
