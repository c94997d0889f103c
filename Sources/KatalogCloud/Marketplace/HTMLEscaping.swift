import Foundation

/// The marketplace stores descriptions HTML-escaped (Go's `html.EscapeString`: `& < > ' "`),
/// and a datasett's PUT escapes them a second time. katalog sends the text as typed and shows
/// it un-escaped, so saving unchanged text never makes it grow `&amp;amp;`.
enum HTMLEscaping {
    private static let entities: [(String, String)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&#34;", "\""), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&amp;", "&"),
    ]

    /// One level of escaping undone; `&amp;` last, so `&amp;lt;` becomes `&lt;`, not `<`.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            if let (entity, character) = entities.first(where: { rest.hasPrefix($0.0) }) {
                out += character
                rest = rest.dropFirst(entity.count)
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }

    /// A datasett's description, escaped once (created) or twice (changed by a PUT). Text
    /// escaped twice is, after one un-escaping, still escaped text: no raw `< > " '` and every `&`
    /// opening an entity. Only text that was typed that way already (entities and none of those
    /// characters) cannot be told apart, and loses its entities rather than every saved text
    /// growing `&amp;amp;`.
    static func unescapeDatasett(_ text: String) -> String {
        let once = unescape(text)
        return once != text && looksEscaped(once) ? unescape(once) : once
    }

    private static func looksEscaped(_ text: String) -> Bool {
        guard !text.contains(where: { "<>\"'".contains($0) }) else { return false }
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            rest = rest[amp...]
            guard entities.contains(where: { rest.hasPrefix($0.0) }) else { return false }
            rest = rest.dropFirst()
        }
        return true
    }
}
