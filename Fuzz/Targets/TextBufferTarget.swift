import Foundation
import KatalogCore
import KatalogTUI

/// The text editors — the one-line `TextBuffer` (every prompt and form field) and the
/// multi-line `TextArea` (a description) — driven by any sequence of keys and pastes, then
/// drawn: the cursor stays inside the text, and nothing typed reaches a cell raw.
enum TextBufferTarget {
    static let keys: [Key] = [.left, .right, .home, .end, .wordLeft, .wordRight, .backspace, .delete, .control("w"), .control("k"),
                              .control("u"), .enter, .up, .down, .control("a"), .control("e"), .escape, .tab]

    static func run(_ data: Data) {
        let bytes = [UInt8](data)
        var line = TextBuffer()
        var area = TextArea()
        let width = Int(bytes.first ?? 20) % 41
        var index = 1
        while index < bytes.count {
            let op = bytes[index]
            index += 1
            if op < 0x40 {
                // Typed or pasted text: the next bytes, as they came.
                let count = min(Int(op & 0x1F) + 1, bytes.count - index)
                let text = String(decoding: bytes[index..<(index + count)], as: UTF8.self)
                index += count
                if op & 0x20 == 0 { line.insert(text); area.insert(text) } else {
                    for character in text { _ = line.handle(.character(character)); _ = area.handle(.character(character), width: max(1, width), height: 5) }
                }
            } else {
                let key = keys[Int(op) % keys.count]
                _ = line.handle(key)
                _ = line.prompt(key)
                _ = area.handle(key, width: max(1, width), height: 5)
            }
            if !(0...line.characters.count).contains(line.cursor) { Invariant.fail("the line's cursor \(line.cursor) is outside its \(line.characters.count) characters") }
            if !(0...area.characters.count).contains(area.cursor) { Invariant.fail("the area's cursor is outside its text") }
        }
        var canvas = Canvas(width: width, height: 6)
        line.draw(into: &canvas, Rect(x: 0, y: 0, width: width, height: 1))
        area.draw(into: &canvas, Rect(x: 0, y: 1, width: width, height: 5))
        for y in 0..<canvas.height {
            for x in 0..<canvas.width { Invariant.safe(canvas[x, y].text, "a drawn cell", newlines: false) }
        }
    }
}
