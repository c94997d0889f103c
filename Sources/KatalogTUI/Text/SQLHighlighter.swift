/// Splits GoogleSQL into spans for colouring: keywords, string literals, comments, the rest.
/// A display aid, not a parser: it only has to tell a keyword from a name, and a keyword
/// inside a string or comment from a real one.
enum SQLHighlighter {
    struct Span: Equatable {
        let text: String
        let role: Role
    }

    static let keywords: Set<String> = [
        "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "ON", "USING", "AS", "AND", "OR", "NOT",
        "IN", "IS", "NULL", "GROUP", "BY", "ORDER", "HAVING", "QUALIFY", "LIMIT", "OFFSET", "UNION", "ALL", "DISTINCT", "WITH",
        "CASE", "WHEN", "THEN", "ELSE", "END", "OVER", "PARTITION", "WINDOW", "ROWS", "RANGE", "BETWEEN", "UNNEST", "EXCEPT",
        "INTERSECT", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "MERGE", "MATCHED", "CREATE", "REPLACE", "VIEW",
        "TABLE", "MATERIALIZED", "IF", "EXISTS", "TRUE", "FALSE", "DESC", "ASC", "CAST", "SAFE_CAST", "STRUCT", "ARRAY",
        "INTERVAL", "LIKE", "FOR", "SYSTEM_TIME", "OF", "EXTERNAL_QUERY", "LATERAL", "ROLLUP", "NULLS", "FIRST", "LAST",
    ]

    /// One list of spans per line of `sql`.
    static func highlight(_ sql: String) -> [[Span]] {
        var lines: [[Span]] = [[]]
        var current = ""
        var role = Role.normal
        func flush() {
            if !current.isEmpty { lines[lines.count - 1].append(Span(text: current, role: role)) }
            current = ""
        }
        let characters = Array(sql)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                flush()
                lines.append([])
                index += 1
                continue
            }
            // Comments run to the end of the line (-- and #) or to */.
            if (character == "-" && index + 1 < characters.count && characters[index + 1] == "-") || character == "#" {
                flush()
                role = .sqlComment
                while index < characters.count && characters[index] != "\n" { current.append(characters[index]); index += 1 }
                flush()
                role = .normal
                continue
            }
            if character == "/" && index + 1 < characters.count && characters[index + 1] == "*" {
                flush()
                role = .sqlComment
                let start = index
                while index < characters.count {
                    if characters[index] == "\n" { flush(); lines.append([]) } else { current.append(characters[index]) }
                    let closes = characters[index] == "/" && index >= start + 3 && characters[index - 1] == "*"
                    index += 1
                    if closes { break }
                }
                flush()
                role = .normal
                continue
            }
            if character == "'" || character == "\"" {
                flush()
                role = .sqlString
                let quote = character
                let triple = index + 2 < characters.count && characters[index + 1] == quote && characters[index + 2] == quote
                let closing = triple ? 3 : 1
                for _ in 0..<closing { current.append(characters[index]); index += 1 }
                while index < characters.count {
                    if characters[index] == "\n" { flush(); lines.append([]); index += 1; continue }
                    if characters[index] == "\\" && index + 1 < characters.count {
                        current.append(characters[index]); current.append(characters[index + 1]); index += 2; continue
                    }
                    if characters[index] == quote && (!triple || (index + 2 < characters.count && characters[index + 1] == quote && characters[index + 2] == quote)) {
                        for _ in 0..<closing { current.append(characters[index]); index += 1 }
                        break
                    }
                    current.append(characters[index])
                    index += 1
                }
                flush()
                role = .normal
                continue
            }
            if character.isLetter || character == "_" {
                var word = ""
                while index < characters.count && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_") {
                    word.append(characters[index])
                    index += 1
                }
                if keywords.contains(word.uppercased()) {
                    flush()
                    lines[lines.count - 1].append(Span(text: word, role: .sqlKeyword))
                } else {
                    current += word
                }
                continue
            }
            current.append(character)
            index += 1
        }
        flush()
        return lines
    }
}
