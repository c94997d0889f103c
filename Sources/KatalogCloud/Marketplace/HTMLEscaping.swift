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

    /// A datasett's description, escaped once (created) or twice (updated): undone as often as
    /// it was done, which cannot be told apart from text that held an entity — that rare text
    /// loses its entity rather than every saved text growing one.
    static func unescapeDatasett(_ text: String) -> String {
        let once = unescape(text)
        return once == text ? once : unescape(once)
    }
}
