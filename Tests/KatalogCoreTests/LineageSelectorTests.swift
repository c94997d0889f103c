import Testing
import KatalogCore

@Suite("dbt-style lineage selectors")
struct LineageSelectorTests {
    @Test(arguments: [
        ("rasone.tabell_1", "rasone.tabell_1", 2, 2),
        ("1+rasone.tabell_1+1", "rasone.tabell_1", 1, 1),
        ("+rasone.tabell_1", "rasone.tabell_1", LineageSelector.all, 0),
        ("rasone.tabell_1+", "rasone.tabell_1", 0, LineageSelector.all),
        ("+rasone.tabell_1+", "rasone.tabell_1", LineageSelector.all, LineageSelector.all),
        ("3+rasone.tabell_1", "rasone.tabell_1", 3, 0),
        ("rasone.tabell_1+2", "rasone.tabell_1", 0, 2),
        ("+p-1.d.t+0", "p-1.d.t", LineageSelector.all, 0),
    ])
    func parses(_ text: String, _ name: String, _ up: Int, _ down: Int) {
        #expect(LineageSelector(parsing: text) == LineageSelector(name: name, up: up, down: down))
    }

    @Test(arguments: ["", "+", "++", "2+", " "])
    func withoutANameIsNothing(_ text: String) {
        #expect(LineageSelector(parsing: text) == nil)
    }
}
