/// A BigQuery dataset id: ASCII letters, digits and underscores, at most 1,024 characters.
/// Case-sensitive.
public struct DatasetID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String) throws(InvalidInput) {
        try InvalidInput.check(Self.problems(text))
        rawValue = text
    }

    public static func problems(_ text: String, field: String = "dataset") -> [Problem] {
        let valid = !text.isEmpty && text.utf8.count <= 1024
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        if valid { return [] }
        return [Problem(field: field, code: "dataset_id", message: LocalizedText(
            nb: "«\(TerminalText.line(text.prefix(80)))» er ikke en gyldig datasett-id i BigQuery: 1–1 024 tegn av bokstavene a–z/A–Z, sifre og understrek.",
            en: "“\(TerminalText.line(text.prefix(80)))” is not a valid BigQuery dataset id: 1–1,024 characters of letters a–z/A–Z, digits and underscores."))]
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
