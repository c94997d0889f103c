import Foundation
import KatalogCore
import KatalogServices

/// An id as a user types it: whole, or a unique prefix of one (`approve d85a5830`), as git
/// takes commit hashes. An ambiguous prefix lists the candidates.
enum IDPrefix {
    static func resolve(_ text: String, among ids: [UUID], what: LocalizedText) throws -> UUID {
        let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: typed), ids.contains(id) { return id }
        guard typed.count >= 4, typed.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw InvalidInput([Problem(field: "id", code: "id", message: LocalizedText(
                nb: "«\(TerminalText.line(text))» er ikke en id for \(what.nb). Skriv hele id-en eller minst 4 tegn av starten, for eksempel 3f2a1b4c.",
                en: "“\(TerminalText.line(text))” is not an id of \(what.en). Write the whole id or at least its first 4 characters, for example 3f2a1b4c."))])
        }
        let matches = ids.filter { $0.text.hasPrefix(typed) }
        switch matches.count {
        case 1: return matches[0]
        case 0:
            throw ServiceError.notFound(LocalizedText(nb: "Ingen \(what.nb) har en id som begynner med \(typed).", en: "No \(what.en) has an id starting with \(typed)."))
        default:
            let list = matches.map(\.text).sorted().joined(separator: ", ")
            throw InvalidInput([Problem(field: "id", code: "ambiguous_id", message: LocalizedText(
                nb: "\(typed) passer på \(matches.count) id-er: \(list). Skriv flere tegn.",
                en: "\(typed) matches \(matches.count) ids: \(list). Write more of it."))])
        }
    }
}
