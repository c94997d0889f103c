/// A BigQuery table (or view) id: 1–1,024 UTF-8 bytes of Unicode letters (L), marks (M),
/// numbers (N), connector punctuation (Pc, e.g. `_`), dashes (Pd) and spaces (Zs).
/// Wildcard tables end in `*` (`events_*`) and are accepted only where the caller asks for them.
public struct TableID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String, allowWildcard: Bool = false) throws(InvalidInput) {
        try InvalidInput.check(Self.problems(text, allowWildcard: allowWildcard))
        rawValue = text
    }

    public var isWildcard: Bool { rawValue.hasSuffix("*") }

    public static func problems(_ text: String, allowWildcard: Bool = false, field: String = "table") -> [Problem] {
        var body = Substring(text)
        if allowWildcard, body.hasSuffix("*") { body = body.dropLast() }
        let valid = !body.isEmpty && text.utf8.count <= 1024 && body.unicodeScalars.allSatisfy(isAllowed)
        if valid { return [] }
        return [Problem(field: field, code: "table_id", message: LocalizedText(
            nb: "«\(TerminalText.line(text.prefix(80)))» er ikke en gyldig tabell-id i BigQuery: 1–1 024 byte (UTF-8) av bokstaver, tegn, tall, understrek, bindestrek og mellomrom.",
            en: "“\(TerminalText.line(text.prefix(80)))” is not a valid BigQuery table id: 1–1,024 UTF-8 bytes of letters, marks, numbers, underscores, dashes and spaces."))]
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, most ids, without the property tables (a big project's start checks 100,000).
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D || byte == 0x20
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .spaceSeparator:
            return true
        default:
            return false
        }
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
