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
        return escape(lowercasingUUIDs(String(decoding: try encoder.encode(value), as: UTF8.self)))
    }

    /// Foundation writes UUIDs in capitals; the marketplace, and so katalog, writes them in lower
    /// case: one spelling to copy and compare. Only whole string values shaped like a UUID.
    static func lowercasingUUIDs(_ json: String) -> String {
        json.replacing(/"([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})"/) { "\"\($0.output.1.lowercased())\"" }
    }

    /// Such characters can only stand inside JSON strings (the structure is ASCII), where
    /// `\uXXXX` means the same.
    public static func escape(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
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
