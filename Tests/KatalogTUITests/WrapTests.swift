import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI

/// Descriptions wrap at words into the pane's width; a long one is wrapped once per width.
@Suite("Wrapping long texts")
struct WrapTests {
    func texts(_ lines: [DetailLine]) -> [String] { lines.map { $0.spans.map(\.text).joined() } }

    @Test func wordsFillEachLineUpToTheWidth() {
        let lines = texts(DetailLine.wrap("Søknader om dagpenger fra dp-soknad, speilet fortløpende med Datastream.", width: 20))
        #expect(lines == ["Søknader om", "dagpenger fra", "dp-soknad, speilet", "fortløpende med", "Datastream."])
        #expect(texts(DetailLine.wrap("første\n\nandre avsnitt", width: 30)) == ["første", "", "andre avsnitt"])
        #expect(texts(DetailLine.wrap("kort \(String(repeating: "x", count: 30)) ord", width: 10)) == ["kort", String(repeating: "x", count: 30), "ord"])
        #expect(texts(DetailLine.wrap("表格 表格 表格", width: 10)) == ["表格 表格", "表格"], "wide glyphs count two cells")
    }

    @Test func aLongTextIsWrappedOncePerWidthAndTheSameEachTime() {
        let text = (0..<20_000).map { "ord\($0)" }.joined(separator: " ")
        let narrow = DetailLine.wrap(text, width: 60), wide = DetailLine.wrap(text, width: 100)
        #expect(texts(narrow).allSatisfy { DisplayWidth.of($0) <= 60 } && texts(wide).allSatisfy { DisplayWidth.of($0) <= 100 })
        #expect(texts(narrow).joined(separator: " ") == text && texts(wide).joined(separator: " ") == text, "nothing lost")
        #expect(narrow.count > wide.count)
        #expect(DetailLine.wrap(text, width: 60) == narrow && DetailLine.wrap(text, width: 100) == wide)
        #expect(DetailLine.wrap(text + "!", width: 60) != narrow, "another text is wrapped anew")
    }
}
