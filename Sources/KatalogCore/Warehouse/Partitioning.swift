/// How a table is partitioned: by time (a column, or ingestion time when `field` is nil) or by
/// integer range.
public enum Partitioning: Hashable, Sendable, Codable {
    case time(unit: String, field: String?, expirationMs: Int64?)
    case range(field: String, start: Int64, end: Int64, interval: Int64)

    public var summary: LocalizedText {
        switch self {
        case let .time(unit, field?, _):
            LocalizedText(nb: "\(unit) på \(field)", en: "\(unit) on \(field)")
        case let .time(unit, nil, _):
            LocalizedText(nb: "\(unit) på innlastingstid (_PARTITIONTIME)", en: "\(unit) on ingestion time (_PARTITIONTIME)")
        case let .range(field, start, end, interval):
            LocalizedText(nb: "heltallsintervall på \(field): \(start)–\(end) steg \(interval)",
                          en: "integer range on \(field): \(start)–\(end) step \(interval)")
        }
    }
}
