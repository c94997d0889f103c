import Foundation
import KatalogTestSupport

/// Seeded mutations of a corpus, libFuzzer's simplest moves: flip, insert, delete, cut, splice
/// two inputs, and drop in the tokens the product must survive (escapes, C1, bidi, deep nesting).
struct Mutator {
    static let tokens: [[UInt8]] = [
        Array("\u{1B}[2J".utf8), Array("\u{1B}]52;c;aGk=\u{07}".utf8), Array("\u{1B}]8;;http://x\u{1B}\\".utf8), [0xC2, 0x9B], [0x9B], [0x7F],
        Array("\u{202E}".utf8), Array("\u{2066}".utf8), Array("\u{200B}".utf8), [0xFF], [0xE2, 0x80], [0x00], Array(repeating: UInt8(ascii: "["), count: 300),
        Array(repeating: UInt8(ascii: "{"), count: 300), Array("\"\\u0000\"".utf8), Array(": &a [*a, *a]\n".utf8), Array("\n  - ".utf8), Array("`".utf8),
        Array("'''".utf8), Array("/*".utf8), Array("null".utf8), Array("1e999".utf8),
    ]
    var generator: SeededRandom
    let inputs: [[UInt8]]

    init(seed: UInt64, inputs: [Data]) {
        generator = SeededRandom(seed: seed)
        self.inputs = inputs.isEmpty ? [[]] : inputs.map { [UInt8]($0) }
    }

    mutating func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(max(1, bound))) }

    mutating func next() -> Data {
        var bytes = inputs[random(inputs.count)]
        for _ in 0...random(4) {
            let at = random(bytes.count + 1)
            switch random(6) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << random(8))
            case 1: bytes.insert(UInt8(random(256)), at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random(16)))
            case 3: bytes = Array(bytes[..<at])
            case 4:
                let other = inputs[random(inputs.count)]
                let from = random(other.count + 1)
                bytes.insert(contentsOf: other[from...], at: at)
            default: bytes.insert(contentsOf: Self.tokens[random(Self.tokens.count)], at: at)
            }
        }
        return Data(bytes)
    }
}
