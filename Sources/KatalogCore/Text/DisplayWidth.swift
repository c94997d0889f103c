/// How many terminal cells text occupies, the way terminals draw it: per code point, with
/// `wcwidth(3)`'s widths — East Asian wide and fullwidth characters and emoji two cells,
/// combining marks and format characters (ZWJ, BOM, variation selectors) none, everything else
/// one. So `e` + U+0301 is one cell, a ZWJ family of three emoji six (terminals draw each
/// emoji), a flag two (two regional indicators), a thumbs-up with a skin tone four.
public enum DisplayWidth {
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        // Printable ASCII, most of what is measured, is a cell a byte: no grapheme breaking.
        var printableASCII = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            printableASCII = false
            break
        }
        if printableASCII { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    public static func of(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }  // printable ASCII: no property tables to ask
        if value >= 0x2500 && value <= 0x259F { return 1 }  // box drawing and blocks, as lines and boxes use
        if value == 0 { return 0 }
        if value == 0x00AD { return 1 }  // the soft hyphen: terminals draw it
        if (0x1F1E6...0x1F1FF).contains(value) { return 1 }  // a regional indicator, half a flag
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        case .control: return 0
        default: break
        }
        if value >= 0x1160 && value <= 0x11FF { return 0 }  // Hangul medial vowels, final consonants
        if value == 0x200B { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks from UAX #11.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Cuts `text` to at most `width` cells, ending in `…` when something was cut. A wide
    /// glyph that would straddle the edge is dropped whole, never split.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        guard room >= 0 else { return "" }
        var used = 0
        var kept = ""
        for character in text {
            let w = of(character)
            if used + w > room { break }
            kept.append(character)
            used += w
        }
        return kept + ellipsis
    }

    /// Pads with spaces to exactly `width` cells (truncating first when too long).
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }
}
