import Foundation
import KatalogCore

/// The one gate to the terminal, over any bytes: what comes out holds nothing a terminal acts
/// on, sanitising twice changes nothing, and the width of what is shown is what it measures.
enum SanitiserTarget {
    static func run(_ data: Data) {
        let line = TerminalText.fromBytes(data)
        Invariant.safe(line, "TerminalText.fromBytes", newlines: false)
        if TerminalText.line(line) != line { Invariant.fail("sanitising twice changed the text") }
        let block = TerminalText.fromBytes(data, keepNewlines: true)
        Invariant.safe(block, "TerminalText.block")
        if TerminalText.block(block) != block { Invariant.fail("sanitising a block twice changed it") }
        let visible = TerminalText.visible(String(decoding: data, as: UTF8.self))
        Invariant.safe(visible, "TerminalText.visible", newlines: false)
        if visible.unicodeScalars.contains(where: { $0.properties.generalCategory == .format }) { Invariant.fail("visible kept a format character") }
        for width in [0, 1, 2, 7, 40] {
            let cut = DisplayWidth.truncate(line, to: width, ellipsis: "…")
            if DisplayWidth.of(cut) > width { Invariant.fail("truncated to \(width) cells, \(DisplayWidth.of(cut)) wide") }
        }
    }
}
