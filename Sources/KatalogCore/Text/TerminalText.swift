/// The one gate between untrusted text (names, descriptions, labels, SQL, API errors) and a
/// terminal. Control characters become visible escapes, so a hostile table description
/// cannot clear the screen, move the cursor, write the clipboard (OSC 52) or reorder the
/// line with bidi overrides.
///
/// - C0 controls (U+0000–U+001F), DEL and C1 controls (U+0080–U+009F) → `\x1b`, `\x7f`, `\x9b`;
/// - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the bidi
///   marks (U+200E, U+200F, U+061C) → `<U+202E>`;
/// - line and paragraph separators (U+2028, U+2029) → `<U+2028>`;
/// - invalid UTF-8 never gets this far: bytes are decoded with replacement (`fromBytes`).
public enum TerminalText {
    /// For one-line places (list rows, table cells, labels): newlines and tabs are escaped too.
    public static func line<S: StringProtocol>(_ text: S) -> String {
        sanitize(text, keepNewlines: false)
    }

    /// For multi-line places (SQL, descriptions): newlines are kept, tabs become spaces.
    public static func block<S: StringProtocol>(_ text: S) -> String {
        sanitize(text, keepNewlines: true)
    }

    /// For text whose every character matters (an e-mail address, a subject): as `line`, and
    /// format characters too (zero-width, BOM, soft hyphen, …) become `<U+200B>`, so two
    /// strings that look the same on screen never are different.
    public static func visible<S: StringProtocol>(_ text: S) -> String {
        var out = String.UnicodeScalarView()
        for scalar in line(text).unicodeScalars {
            if scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .unassigned {
                out.append(contentsOf: "<U+\(hex(scalar.value, width: 4).uppercased())>".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Decodes bytes from outside (a file, a socket) as UTF-8, replacing invalid sequences
    /// with U+FFFD, then sanitises.
    public static func fromBytes<C: Collection<UInt8>>(_ bytes: C, keepNewlines: Bool = false) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), keepNewlines: keepNewlines)
    }

    private static func sanitize<S: StringProtocol>(_ text: S, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines:
                out.append(scalar)
            case 0x09 where keepNewlines:
                out.append(contentsOf: "    ".unicodeScalars)
            case 0x0D where keepNewlines:
                continue  // CRLF line ends: keep the LF, drop the CR
            case 0x00...0x1F, 0x7F...0x9F:
                out.append(contentsOf: "\\x\(hex(scalar.value, width: 2))".unicodeScalars)
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029:
                out.append(contentsOf: "<U+\(hex(scalar.value, width: 4).uppercased())>".unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
