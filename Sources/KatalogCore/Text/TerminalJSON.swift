import Foundation

/// JSON meant for a terminal or a pipe into one (`--json`): JSONEncoder escapes C0 controls,
/// this also escapes what a terminal acts on or hides — DEL, C1 controls (xterm obeys UTF-8
/// C1), bidi controls, line separators and format characters (zero-width, BOM) — as `\u…`.
/// JSON allows any character escaped, so the value reads back unchanged. UUIDs are written in
/// lower case, as the marketplace writes them.
public enum TerminalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var bytes = [UInt8](try encoder.encode(value))
        lowercaseUUIDs(&bytes)
        return escape(String(decoding: bytes, as: UTF8.self))
    }

    /// Foundation writes UUIDs in capitals; the marketplace, and so katalog, writes them in lower
    /// case: one spelling to copy and compare. Only whole string values shaped like a UUID. One
    /// pass over the bytes (a regex over a 100,000-table lineage took a second).
    private static func lowercaseUUIDs(_ bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), dash = UInt8(ascii: "-")
        func isUpperHex(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) }
        var index = 0
        while index + 37 < bytes.count {
            guard bytes[index] == quote, bytes[index + 37] == quote else { index += 1; continue }
            let body = (index + 1)...(index + 36)
            let shaped = body.allSatisfy { at in
                switch at - index {
                case 9, 14, 19, 24: bytes[at] == dash
                default: isUpperHex(bytes[at])
                }
            }
            if shaped {
                for at in body where bytes[at] >= 0x41 && bytes[at] <= 0x46 { bytes[at] += 0x20 }
                index += 38
            } else {
                index += 1
            }
        }
    }

    /// Such characters can only stand inside JSON strings (the structure is ASCII), where
    /// `\uXXXX` means the same.
    public static func escape(_ json: String) -> String {
        // Printable ASCII and JSON's own escapes, as nearly all of it is: nothing to do.
        if json.utf8.allSatisfy({ $0 < 0x7F }) { return json }
        // Else the runs between escapes are copied whole.
        let scalars = json.unicodeScalars
        var out = ""
        out.reserveCapacity(json.utf8.count)
        var run = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if needsEscape(scalar) {
                out += String(scalars[run..<index])
                out += String(format: "\\u%04x", scalar.value)
                run = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out += String(scalars[run..<scalars.endIndex])
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x2028, 0x2029: return true
        case 0x00...0x7E: return false
        default:
            // Bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9) are format characters too.
            return scalar.properties.generalCategory == .format
        }
    }
}
