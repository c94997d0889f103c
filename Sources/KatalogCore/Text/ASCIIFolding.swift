import Foundation

/// Text for a terminal whose locale cannot show more than ASCII (`LANG=C`, or a locale that is
/// not installed): every letter kept in a form it can show — ø→o, å→a, æ→ae, accents dropped —
/// and `?` for what has no ASCII form. Never dropped: a name must stay readable and typeable.
public enum ASCIIFolding {
    private static let special: [Character: String] = [
        "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
        "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "–": "-", "—": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"",
        "«": "\"", "»": "\"", "•": "*", "·": ".", "✓": "v", "✗": "x", "⚑": "!",
        // Symbols keep their one cell, so boxes and columns stay aligned.
        "…": "~", "→": ">", "←": "<", "★": "*", "◆": "o", "⇢": ">", "↗": "^", "■": "#", "▶": ">", "◀": "<", "▲": "^", "▼": "v",
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "⠋": "|",
    ]

    public static func fold(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var out = ""
        for character in text {
            if character.isASCII {
                out.append(character)
            } else if let replacement = special[character] {
                out += replacement
            } else {
                let stripped = String(character).applyingTransform(.toLatin, reverse: false)?
                    .applyingTransform(.stripDiacritics, reverse: false) ?? ""
                out += stripped.allSatisfy(\.isASCII) && !stripped.isEmpty ? stripped : "?"
            }
        }
        return out
    }
}
