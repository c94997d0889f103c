/// How personal a datasett's data is (`pii` on the marketplace).
public enum PIILevel: String, CaseIterable, Sendable, Codable {
    case sensitive
    case anonymised
    case none

    public var label: LocalizedText {
        switch self {
        case .sensitive: LocalizedText(nb: "personopplysninger", en: "personal data")
        case .anonymised: LocalizedText(nb: "anonymisert", en: "anonymised")
        case .none: LocalizedText(nb: "ingen personopplysninger", en: "no personal data")
        }
    }
}

/// Per-column classification of personal data (the values of `piiTags`).
public enum PIITag: String, CaseIterable, Sendable, Codable {
    case direkteIdentifiserende = "PII_DirekteIdentifiserende"
    case saerligKategori = "PII_SærligKategori"
    /// The marketplace's default. The web form calls it "Ikke klassifisert" until the owner
    /// chooses, but the stored tag cannot tell the two apart: katalog shows the class itself.
    case kanVaereIndirekteIdentifiserende = "PII_KanVæreIndirekteIdentifiserende"

    public var label: LocalizedText {
        switch self {
        case .direkteIdentifiserende: LocalizedText(nb: "direkte identifiserende", en: "directly identifying")
        case .saerligKategori: LocalizedText(nb: "særlig kategori", en: "special category")
        case .kanVaereIndirekteIdentifiserende: LocalizedText(nb: "kan være indirekte identifiserende", en: "may be indirectly identifying")
        }
    }
}
