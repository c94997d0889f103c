import Foundation

/// A PII class katalog suggests for a column from its name and description — a suggestion the
/// user accepts or not, never applied by itself. Beyond the web form, which leaves every column
/// at "may be indirectly identifying" until someone changes it.
public struct PIISuggestion: Hashable, Sendable {
    public let column: String
    public let tag: PIITag
    /// What gave it away, to show beside the suggestion.
    public let reason: LocalizedText

    public init(column: String, tag: PIITag, reason: LocalizedText) {
        self.column = column
        self.tag = tag
        self.reason = reason
    }

    /// Words that name what a column holds, by class. A word matches a whole part of the
    /// column's name (split at `_`, `-`, `.` and camelCase) or, when it is long enough to be
    /// unambiguous, the end of a Norwegian compound (`bostedsadresse` ends with `adresse`).
    static let words: [(PIITag, [String])] = [
        (.direkteIdentifiserende, ["fødselsnummer", "fodselsnummer", "fnr", "personnummer", "personident", "ident", "dnummer", "dnr",
                                   "aktørid", "aktorid", "aktoerid", "aktør", "navn", "fornavn", "etternavn", "mellomnavn", "adresse", "adresselinje",
                                   "gatenavn", "husnummer",
                                   "telefon", "telefonnummer", "mobil", "mobilnummer", "epost", "email", "mail", "kontonummer"]),
        (.saerligKategori, ["diagnose", "diagnosekode", "helse", "helseopplysninger", "sykdom", "sykmelding", "legeerklæring", "etnisitet",
                            "religion", "livssyn", "fagforening", "seksuell", "legning", "biometri", "genetisk", "straff", "dom"]),
        (.kanVaereIndirekteIdentifiserende, ["fødselsdato", "fodselsdato", "alder", "kjønn", "kjonn", "postnummer", "poststed", "kommune",
                                             "kommunenummer", "bydel", "yrke", "stilling", "sivilstand", "nasjonalitet", "statsborgerskap"]),
    ]

    /// Suggestions for every column, nested ones by their dotted path; the strongest class wins.
    public static func suggest(for schema: [SchemaField]) -> [PIISuggestion] {
        SchemaField.flatten(schema).filter { !$0.field.isRecord }.compactMap { suggest(column: $0.path, description: $0.field.description) }
    }

    /// One column's suggestion, or nil when nothing in its name or description points at a class.
    public static func suggest(column path: String, description: String?) -> PIISuggestion? {
        // The column's own name speaks first; its description second.
        let name = path.split(separator: ".").last.map(String.init) ?? path
        if let (tag, word) = match(parts(of: name)) {
            return PIISuggestion(column: path, tag: tag, reason: LocalizedText(nb: "navnet inneholder «\(word)»", en: "the name contains “\(word)”"))
        }
        if let description, let (tag, word) = match(parts(of: description)) {
            return PIISuggestion(column: path, tag: tag, reason: LocalizedText(nb: "beskrivelsen nevner «\(word)»", en: "the description mentions “\(word)”"))
        }
        return nil
    }

    /// The first class (strongest first) one of whose words a part names.
    private static func match(_ parts: [String]) -> (PIITag, String)? {
        for (tag, words) in Self.words {
            for part in parts {
                if let word = words.first(where: { part == $0 || ($0.count >= 6 && part.hasSuffix($0)) }) { return (tag, word) }
            }
        }
        return nil
    }

    /// Lower-cased parts of a name or a text: split at anything not a letter or digit and at a
    /// lower-to-upper case change (`aktorId` → `aktor`, `id`; `aktør-id` → `aktørid` too).
    static func parts(of text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previousLower = false
        for character in text {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousLower && !current.isEmpty {
                    parts.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousLower = character.isLowercase
            } else {
                if !current.isEmpty { parts.append(current) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { parts.append(current) }
        // `aktør-id`, `aktor_id`, `d-nummer`: the joined pair is a word too.
        let joined = zip(parts, parts.dropFirst()).map { $0 + $1 }
        return parts + joined
    }
}
