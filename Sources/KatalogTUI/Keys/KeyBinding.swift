import KatalogCore

/// Where a binding applies.
public enum KeyScope: String, CaseIterable, Sendable {
    case global
    case explorer
    case lineage
    /// The Lineage screen's column view: what differs from the drawing.
    case lineageColumns = "lineage-columns"
    case publish
    case access
    case help
}

/// Everything a key can ask for.
public enum KeyAction: String, CaseIterable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case open, back, expand, collapse, switchPane
    case filter, nextMatch, previousMatch, command, help, messages, whoAmI
    case screenExplorer, screenLineage, screenPublish, screenAccess
    case refresh, copyReference, quit
    case openLineage, nextNode, previousNode, panLeft, panRight, panUp, panDown, focusNode, toggleDirection
    case selectLeft, selectRight, selectUp, selectDown, toggleFan, toggleLegend, toggleColumns, walkUpstream, walkDownstream
    case publishTable, deleteDataprodukt, impact, nextPage, previousPage, nextField, openEditor, changeClass, acceptSuggestion, acceptAllSuggestions, togglePseudonymised,
         submit, leaveWizard
    case nextTab, previousTab, mark, markRange, approve, deny, approveMarked, denyMarked, revoke, extend, undo, fixDrift, toggleHistory, newGrant
}

/// One key binding: the record the footer, the `?` overlay and `docs/keys.md` are all made
/// from (the k9s pattern).
public struct KeyBinding: Sendable {
    public let action: KeyAction
    public var keys: [Key]
    public let scope: KeyScope
    public let description: LocalizedText
    /// The footer's one-word label.
    public let label: LocalizedText
    public let inFooter: Bool
    /// Changes something; hidden under `--read-only`.
    public let dangerous: Bool
    /// Why the action cannot be used (yet), shown instead of running it; nil when it can.
    public let disabledReason: LocalizedText?

    public init(_ action: KeyAction, _ keys: [String], scope: KeyScope, _ description: LocalizedText, label: LocalizedText,
                footer: Bool = false, dangerous: Bool = false, disabled: LocalizedText? = nil) {
        self.action = action
        self.keys = keys.compactMap(Key.init(name:))
        self.scope = scope
        self.description = description
        self.label = label
        inFooter = footer
        self.dangerous = dangerous
        disabledReason = disabled
    }

    public var keyNames: String { keys.map(\.name).joined(separator: "/") }
}
