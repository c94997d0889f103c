import Testing
@testable import KatalogCore

@Suite("Untrusted text reaches the terminal harmless")
struct TerminalTextTests {
    @Test func escapeSequencesBecomeVisible() {
        #expect(TerminalText.line("før\u{1B}[2Jetter") == "før\\x1b[2Jetter")
        // OSC 52 clipboard write, terminated by BEL.
        #expect(TerminalText.line("\u{1B}]52;c;ZXZpbA==\u{07}") == "\\x1b]52;c;ZXZpbA==\\x07")
        // C1 CSI, DEL.
        #expect(TerminalText.line("a\u{9B}31mb\u{7F}") == "a\\x9b31mb\\x7f")
    }

    @Test func bidiOverridesAreNeutralised() {
        #expect(TerminalText.line("fil\u{202E}gpj.exe") == "fil<U+202E>gpj.exe")
        #expect(TerminalText.line("\u{2066}x\u{2069}") == "<U+2066>x<U+2069>")
    }

    @Test func invalidUTF8IsReplaced() {
        let bytes: [UInt8] = [0x74, 0xC3, 0x28, 0x78, 0xFF]
        #expect(TerminalText.fromBytes(bytes) == "t\u{FFFD}(x\u{FFFD}")
    }

    @Test func linesEscapeNewlinesAndBlocksKeepThem() {
        #expect(TerminalText.line("a\nb\tc") == "a\\x0ab\\x09c")
        #expect(TerminalText.block("SELECT 1\r\nFROM\tt") == "SELECT 1\nFROM    t")
        #expect(TerminalText.block("x\u{1B}[31m\ny") == "x\\x1b[31m\ny")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Søknader – «dagpenger» 表格 😀 e\u{301}"
        #expect(TerminalText.line(text) == text)
    }
}

@Suite("Display width counts terminal cells")
struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("æøå ÆØÅ") == 7)
        #expect(DisplayWidth.of("表格") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("🇳🇴") == 2)
        #expect(DisplayWidth.of("❤\u{FE0F}") == 1, "wcwidth: U+2764 is one cell, the selector none")
        // Per code point, as terminals draw them.
        #expect(DisplayWidth.of("👨\u{200D}👩\u{200D}👧") == 6)
        #expect(DisplayWidth.of("👍🏽") == 4)
        #expect(DisplayWidth.of("a\u{FEFF}b\u{200B}c") == 3)
        #expect(DisplayWidth.of("myk\u{00AD}strek") == 9, "the soft hyphen is drawn")
        #expect(DisplayWidth.of("한국어") == 6)
    }

    @Test func truncationNeverSplitsAWideGlyph() {
        #expect(DisplayWidth.truncate("表格表格", to: 6) == "表格…")
        #expect(DisplayWidth.truncate("表格表格", to: 5) == "表格…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("表格表格", to: 4)) <= 4)
        #expect(DisplayWidth.truncate("stønadshistorikk", to: 8) == "stønads…")
        #expect(DisplayWidth.truncate("kort", to: 8) == "kort")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func padding() {
        #expect(DisplayWidth.pad("表", to: 4) == "表  ")
        #expect(DisplayWidth.pad("æø", to: 3) == "æø ")
    }
}

@Suite("Numbers and sizes read naturally in both languages")
struct FormattingTests {
    @Test func counts() {
        #expect(Formatting.count(1_284_331, .en) == "1,284,331")
        #expect(Formatting.count(1_284_331, .nb) == "1 284 331")
        #expect(Formatting.count(999, .nb) == "999")
        #expect(Formatting.count(-1000, .en) == "-1,000")
    }

    @Test func bytes() {
        #expect(Formatting.bytes(420, .en) == "420 B")
        #expect(Formatting.bytes(812_400_113, .en) == "812.4 MB")
        #expect(Formatting.bytes(812_400_113, .nb) == "812,4 MB")
        #expect(Formatting.bytes(41_209_884_010, .en) == "41.2 GB")
    }
}
