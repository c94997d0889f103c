/// A GoogleSQL token: just enough kinds to tell table paths from everything else.
public struct SQLToken: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A bare word: keyword or identifier (case kept).
        case word
        /// A backticked identifier, backticks removed; may hold dots (`` `p.d.t` ``).
        case quoted
        /// A string or bytes literal, quotes removed, escapes kept as written.
        case string
        case number
        /// Any other character: `.`, `,`, `(`, `)`, `;`, `*`, `-`, operators.
        case symbol
    }

    public let kind: Kind
    public let text: String
    /// No whitespace or comment between this token and the one before it (`my-project.d.t`).
    public let touchesPrevious: Bool

    public func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.uppercased() == keyword
    }
}

/// Splits GoogleSQL into tokens, dropping comments (`--`, `#`, `/* */`) and whitespace, and
/// reading every literal form whole (single, double and triple quotes; `r`/`b`/`rb` prefixes),
/// so nothing inside a comment or a string can ever look like a table.
public enum SQLTokenizer {
    public static func tokenize(_ sql: String) -> [SQLToken] {
        let characters = Array(sql.unicodeScalars)
        var tokens: [SQLToken] = []
        var index = 0
        var touching = false
        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }
        func add(_ kind: SQLToken.Kind, _ text: String) {
            tokens.append(SQLToken(kind: kind, text: text, touchesPrevious: touching && !tokens.isEmpty))
            touching = true
        }
        while index < characters.count {
            let c = characters[index]
            if c.properties.isWhitespace {
                index += 1
                touching = false
                continue
            }
            if (c == "-" && peek(1) == "-") || c == "#" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
                touching = false
                continue
            }
            if c == "/" && peek(1) == "*" {
                index += 2
                while index < characters.count && !(characters[index] == "*" && peek(1) == "/") { index += 1 }
                index += 2
                touching = false
                continue
            }
            // String and bytes literals, with optional r/b prefixes.
            var prefix = 0
            while prefix < 2, let p = peek(prefix), "rRbB".unicodeScalars.contains(p) { prefix += 1 }
            if let quote = peek(prefix), quote == "'" || quote == "\"", prefix == 0 || !isWordCharacter(index > 0 ? characters[index - 1] : " ") {
                let raw = (0..<prefix).contains { "rR".unicodeScalars.contains(characters[index + $0]) }
                index += prefix
                let triple = peek(1) == quote && peek(2) == quote
                index += triple ? 3 : 1
                var text = String.UnicodeScalarView()
                while index < characters.count {
                    let d = characters[index]
                    if d == "\\" && !raw && index + 1 < characters.count {
                        text.append(d)
                        text.append(characters[index + 1])
                        index += 2
                        continue
                    }
                    if d == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                        index += triple ? 3 : 1
                        break
                    }
                    text.append(d)
                    index += 1
                }
                add(.string, String(text))
                continue
            }
            if c == "`" {
                index += 1
                var text = String.UnicodeScalarView()
                while index < characters.count && characters[index] != "`" {
                    if characters[index] == "\\" && index + 1 < characters.count { text.append(characters[index + 1]); index += 2; continue }
                    text.append(characters[index])
                    index += 1
                }
                index += 1
                add(.quoted, String(text))
                continue
            }
            if isWordCharacter(c) && !("0"..."9").contains(c) {
                var text = String.UnicodeScalarView()
                while index < characters.count && isWordCharacter(characters[index]) { text.append(characters[index]); index += 1 }
                add(.word, String(text))
                continue
            }
            if ("0"..."9").contains(c) {
                var text = String.UnicodeScalarView()
                while index < characters.count && (isWordCharacter(characters[index]) || characters[index] == ".") { text.append(characters[index]); index += 1 }
                add(.number, String(text))
                continue
            }
            add(.symbol, String(c))
            index += 1
        }
        return tokens
    }

    static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) || c.properties.generalCategory == .decimalNumber
    }
}
