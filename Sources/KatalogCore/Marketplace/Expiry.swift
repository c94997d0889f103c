import Foundation

/// An expiry as people type it: `YYYY-MM-DD` is the end of that day in Oslo; `never`, `aldri`
/// or `forever` is nil (the grant lasts).
public enum Expiry {
    public static func parse(_ text: String) throws(InvalidInput) -> Date? {
        if ["never", "forever", "aldri"].contains(text.trimmingCharacters(in: .whitespaces).lowercased()) { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = MarketplaceRules.timeZone
        let parts = text.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              calendar.dateComponents([.year, .month, .day], from: day) == DateComponents(year: parts[0], month: parts[1], day: parts[2]),
              let end = calendar.date(byAdding: DateComponents(day: 1, second: -1), to: day) else {
            throw InvalidInput([Problem(field: "expires", code: "expires", message: LocalizedText(
                nb: "«\(TerminalText.line(text))» er ikke en dato. Skriv ÅÅÅÅ-MM-DD (i morgen eller senere) eller «never».",
                en: "“\(TerminalText.line(text))” is not a date. Write YYYY-MM-DD (tomorrow or later) or “never”."))])
        }
        return end
    }
}
