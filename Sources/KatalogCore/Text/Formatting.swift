import Foundation

/// Numbers, sizes and times the way a Norwegian or English reader expects them. Shared by
/// the CLI and the TUI so both say the same thing.
public enum Formatting {
    /// `1 284 331` (nb) or `1,284,331` (en).
    public static func count(_ value: Int64, _ language: Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += language == .nb ? " " : "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// Decimal units as the BigQuery console shows them: `812.4 MB` (en), `812,4 MB` (nb).
    public static func bytes(_ value: Int64, _ language: Language) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1000 && unit < units.count - 1 {
            amount /= 1000
            unit += 1
        }
        if unit == 0 { return "\(value) B" }
        let text = String(format: "%.1f", amount)
        return (language == .nb ? text.replacingOccurrences(of: ".", with: ",") : text) + " " + units[unit]
    }

    /// `2026-11-25 14:02` in the given time zone.
    public static func dateTime(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// `2026-11-25` in the given time zone.
    public static func date(_ date: Date, timeZone: TimeZone = .current) -> String {
        String(dateTime(date, timeZone: timeZone).prefix(10))
    }

    /// `om 5 dager` / `in 5 days`, `for 3 dager siden` / `3 days ago`, at day precision.
    public static func relativeDays(_ date: Date, now: Date, _ language: Language) -> String {
        let days = Int((date.timeIntervalSince(now) / 86_400).rounded())
        switch (days, language) {
        case (0, .nb): return date >= now ? "i dag" : "i dag (passert)"
        case (0, .en): return date >= now ? "today" : "today (passed)"
        case (let d, .nb) where d > 0: return "om \(d) \(d == 1 ? "dag" : "dager")"
        case (let d, .en) where d > 0: return "in \(d) \(d == 1 ? "day" : "days")"
        case (let d, .nb): return "for \(-d) \(d == -1 ? "dag" : "dager") siden"
        case (let d, .en): return "\(-d) \(d == -1 ? "day" : "days") ago"
        }
    }
}
