import Testing
@testable import KatalogTUI

@Suite("The cell grid")
struct CanvasTests {
    @Test func wideGlyphsTakeTwoCellsAndCombiningMarksNone() {
        var canvas = Canvas(width: 12, height: 1)
        let used = canvas.draw("表格e\u{301}æøå😀", x: 0, y: 0)
        #expect(used == 10)
        #expect(canvas.rows == ["表格éæøå😀"])
        #expect(canvas[0, 0].text == "表" && canvas[1, 0].text.isEmpty && canvas[2, 0].text == "格")
        #expect(canvas[4, 0].text == "e\u{301}")
        #expect(canvas[8, 0].text == "😀" && canvas[9, 0].text.isEmpty)
    }

    @Test func ellipsisNeverSplitsAWideGlyph() {
        for width in 1...7 {
            var canvas = Canvas(width: 10, height: 1)
            let used = canvas.draw("表格表格", x: 0, y: 0, width: width)
            #expect(used <= width)
            let row = canvas.rows[0]
            #expect(!row.contains("\u{FFFD}"))
            if width < 8 { #expect(row.hasSuffix("…") || row.isEmpty, "width \(width): \(row)") }
        }
        var canvas = Canvas(width: 10, height: 1)
        canvas.draw("表格表格", x: 0, y: 0, width: 4)
        #expect(canvas.rows == ["表…"])
    }

    @Test func clippingAtTheRightEdge() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.draw("abcdefgh", x: 2, y: 0)
        #expect(canvas.rows == ["  ab…"])
        var wide = Canvas(width: 5, height: 1)
        wide.draw("表格表", x: 0, y: 0)
        #expect(wide.rows == ["表格…"])
    }

    @Test func overwritingHalfAWideGlyphMendsIt() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.draw("表格", x: 0, y: 0)
        canvas.draw("x", x: 1, y: 0)
        #expect(canvas.rows == [" x格"])
        canvas.draw("y", x: 2, y: 0)
        #expect(canvas.rows == [" xy"])
    }

    @Test func untrustedTextCannotDriveTheTerminal() {
        var canvas = Canvas(width: 120, height: 1)
        let hostile = "a\u{1B}[2Jb\u{1B}]52;c;ZXZpbA==\u{07}c\u{9B}31md\u{202E}e" + String(decoding: [0xFF, 0x41] as [UInt8], as: UTF8.self)
        canvas.draw(hostile, x: 0, y: 0)
        let row = canvas.rows[0]
        #expect(row == "a\\x1b[2Jb\\x1b]52;c;ZXZpbA==\\x07c\\x9b31md<U+202E>e\u{FFFD}A")
        for x in 0..<canvas.width {
            #expect(!canvas[x, 0].text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        }
    }

    @Test func rolesAreDumpedPerCell() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.draw("表x", x: 0, y: 0, role: .title)
        canvas.paint(x: 3, y: 0, width: 2, role: .selection)
        #expect(canvas.roleRows == ["TTTSS."])
    }

    @Test func asciiGlyphsWhenTheLocaleIsNotUTF8() {
        var canvas = Canvas(width: 6, height: 3, glyphs: .ascii)
        canvas.box(x: 0, y: 0, width: 6, height: 3)
        #expect(canvas.rows == ["+----+", "|    |", "+----+"])
    }
}

@Suite("Glyphs of several cells")
struct WideGlyphCanvasTests {
    /// A ZWJ family takes six cells, as terminals draw it; details beside it never shift.
    @Test func aZWJSequenceTakesTheCellsTerminalsDrawItIn() {
        var canvas = Canvas(width: 12, height: 2)
        canvas.draw("👨\u{200D}👩\u{200D}👧|x", x: 0, y: 0)
        canvas.draw("a👍🏽b🇳🇴c", x: 0, y: 1)
        #expect(canvas.rows == ["👨\u{200D}👩\u{200D}👧|x", "a👍🏽b🇳🇴c"])
        #expect(canvas[6, 0].text == "|" && canvas[7, 0].text == "x")
        #expect(canvas[5, 1].text == "b" && canvas[8, 1].text == "c")
    }

    @Test func overwritingPartOfAWideGlyphLeavesNoHalf() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.draw("👨\u{200D}👩\u{200D}👧", x: 1, y: 0)
        canvas.draw("z", x: 4, y: 0)
        #expect(canvas.rows == ["    z"])
        canvas.draw("日本", x: 0, y: 0)
        canvas.draw("q", x: 1, y: 0)
        #expect(canvas.rows == [" q本z"])
    }
}
