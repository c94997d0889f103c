/// What a cell *means*; themes decide how each meaning looks. Screens only ever name roles,
/// so a theme (or `NO_COLOR`) changes every screen at once and golden tests stay
/// theme-independent.
public enum Role: String, CaseIterable, Sendable {
    case normal
    case title
    case header
    case border
    case selection
    /// The selection in the pane that does not have focus.
    case selectionInactive = "selection.inactive"
    case dim
    case muted
    case ok
    case warn
    case danger
    case accent
    /// Characters matched by the `/` filter.
    case match
    case breadcrumb
    case footerKey = "footer.key"
    case footerText = "footer.text"
    case status
    case toast
    case toastError = "toast.error"
    case overlay
    case input
    case sqlKeyword = "sql.keyword"
    case sqlString = "sql.string"
    case sqlComment = "sql.comment"
    case zoneSource = "zone.source"
    case zoneTransfer = "zone.transfer"
    case zoneRaw = "zone.raw"
    case zoneProcessing = "zone.processing"
    case zoneProduct = "zone.product"

    /// One letter per role for golden role dumps (`.` for normal).
    public var code: Character {
        switch self {
        case .normal: "."
        case .title: "T"
        case .header: "H"
        case .border: "|"
        case .selection: "S"
        case .selectionInactive: "s"
        case .dim: "d"
        case .muted: "m"
        case .ok: "o"
        case .warn: "w"
        case .danger: "!"
        case .accent: "a"
        case .match: "M"
        case .breadcrumb: "b"
        case .footerKey: "K"
        case .footerText: "k"
        case .status: "t"
        case .toast: "n"
        case .toastError: "E"
        case .overlay: "O"
        case .input: "I"
        case .sqlKeyword: "Q"
        case .sqlString: "q"
        case .sqlComment: "c"
        case .zoneSource: "1"
        case .zoneTransfer: "2"
        case .zoneRaw: "3"
        case .zoneProcessing: "4"
        case .zoneProduct: "5"
        }
    }
}
