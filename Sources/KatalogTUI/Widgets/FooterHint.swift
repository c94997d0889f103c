import KatalogCore

/// One key in the footer: what the focused thing (a widget, a screen) lets you press now. A
/// disabled one carries the reason, from the rule that disables it.
public struct FooterHint: Equatable, Sendable {
    public let key: String
    public let label: String
    public let disabledReason: String?

    public init(_ key: String, _ label: String, disabledReason: String? = nil) {
        self.key = key
        self.label = label
        self.disabledReason = disabledReason
    }

    static func t(_ language: Language, _ nb: String, _ en: String) -> String { language == .nb ? nb : en }
}

extension TextBuffer {
    /// A one-line prompt's keys.
    public static func promptHints(_ language: Language, completes: Bool = false) -> [FooterHint] {
        [FooterHint("enter", FooterHint.t(language, "ferdig", "done")), FooterHint("esc", FooterHint.t(language, "avbryt", "cancel"))]
            + (completes ? [FooterHint("tab", FooterHint.t(language, "fullfør", "complete"))] : [])
            + [FooterHint("ctrl-w", FooterHint.t(language, "slett ord", "delete word"))]
    }
}

extension Confirmation {
    public func footerHints(_ language: Language) -> [FooterHint] {
        if typed != nil {
            return [FooterHint("enter", FooterHint.t(language, "bekreft når navnet stemmer", "confirm once the name matches")),
                    FooterHint("esc", FooterHint.t(language, "avbryt", "cancel"))]
        }
        // Only y says yes: there is no choosing with the arrows.
        return [FooterHint("y", FooterHint.t(language, "ja", "yes")), FooterHint("n/enter/esc", FooterHint.t(language, "nei", "no"))]
    }
}

extension Form {
    /// The keys of the focused field, then moving between fields and pages.
    public func footerHints(_ language: Language) -> [FooterHint] {
        let t = { FooterHint.t(language, $0, $1) }
        var hints: [FooterHint] = []
        switch focusedField?.kind {
        case .markdown?: hints.append(FooterHint("ctrl-e", t("redigeringsprogram", "editor")))
        case .select?, .multiSelect?:
            hints += [FooterHint("←/→", t("flytt", "move")), FooterHint("space", t("velg", "choose"))]
        case let .toggle(_, reason)?: hints.append(FooterHint("space", t("slå av/på", "toggle"), disabledReason: reason))
        case .picker?: hints.append(FooterHint("enter", t("velg …", "choose …")))
        case .text?, .custom?, nil: break
        }
        return hints + [FooterHint("tab", t("neste felt", "next field")), FooterHint("shift-tab", t("forrige felt", "previous field"))]
    }
}
