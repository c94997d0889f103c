import KatalogCore

/// The top-level screens; the number keys switch between them.
enum ScreenKind: Int, CaseIterable, Sendable {
    case explorer = 1, lineage, publish, access
}

/// What a screen is asked to show when it is navigated to.
enum Arrival: Equatable, Sendable {
    case plain
    /// A table: the Explorer selects it, the Lineage screen selects its node.
    case table(TableRef)
    /// A lineage node, optionally only its neighbourhood (`:lineage 2+table+1`).
    case node(String, hops: Hops?)
    /// A dataprodukt, by slug: the publish wizard adds a datasett to it.
    case dataprodukt(String)

    struct Hops: Equatable, Sendable {
        let up: Int
        let down: Int
    }
}

/// One screen of the terminal UI, as a value: it owns its state and key scopes, handles
/// actions and events, and draws into the rectangle it is given. It sees the rest of the app
/// only through a `ScreenContext` — the shared catalog and settings to read, and requests
/// (effects, notices, modals, navigation) to make — never another screen.
///
/// Adding a screen: a folder under `Screens/`, a type conforming to this, and one line in
/// `ScreenRegistry`.
protocol Screen: Sendable {
    var kind: ScreenKind { get }
    /// Where its keys are looked up, innermost first (`.global` follows).
    var keyScopes: [KeyScope] { get }
    /// Its part of the breadcrumb.
    func breadcrumb(_ context: ScreenContext) -> [String]
    /// What it has selected, for the screen switched to next (`2` on a table: its lineage).
    var subject: Arrival { get }

    func draw(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext)
    /// The status row, when no toast and no command line take it.
    func drawStatus(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext)

    /// The footer's keys when the screen's focused widget has its own (a text field, a form);
    /// nil: the screen's key scopes from the registry.
    func footerHints(_ context: ScreenContext) -> [FooterHint]?

    mutating func arrive(_ arrival: Arrival, _ context: inout ScreenContext)
    /// A key's action; false when the screen leaves it to the app (quit, help, back at the root).
    mutating func perform(_ action: KeyAction, _ context: inout ScreenContext) -> Bool
    /// True while the screen's own text field (`/`) takes every key.
    var isTyping: Bool { get }
    /// True while the status row holds what is being typed: it then wins over a toast.
    var showsPrompt: Bool { get }
    mutating func type(_ key: Key, _ context: inout ScreenContext)
    mutating func paste(_ text: String, _ context: inout ScreenContext)
    /// Something arrived: a load result (the catalog already has it) or an answer for this screen.
    mutating func receive(_ event: Event, _ context: inout ScreenContext)
    /// A click or the wheel at (x, y), inside `rect`, where the screen is drawn.
    mutating func click(x: Int, y: Int, button: MouseButton, in rect: Rect, _ context: inout ScreenContext)
    mutating func resized(_ context: inout ScreenContext)
    /// A tenth of a second passed (the wizard saves a draft once typing stops).
    mutating func tick(_ context: inout ScreenContext)
}

extension Screen {
    var subject: Arrival { .plain }
    func footerHints(_ context: ScreenContext) -> [FooterHint]? { isTyping ? TextBuffer.promptHints(context.language) : nil }
    var isTyping: Bool { false }
    var showsPrompt: Bool { isTyping }
    mutating func type(_ key: Key, _ context: inout ScreenContext) {}
    mutating func paste(_ text: String, _ context: inout ScreenContext) {}
    mutating func receive(_ event: Event, _ context: inout ScreenContext) {}
    mutating func click(x: Int, y: Int, button: MouseButton, in rect: Rect, _ context: inout ScreenContext) {}
    mutating func resized(_ context: inout ScreenContext) {}
    mutating func tick(_ context: inout ScreenContext) {}
}

/// The screens there are: the one line to add when a screen is added.
enum ScreenRegistry {
    static func make(_ kind: ScreenKind) -> any Screen {
        switch kind {
        case .explorer: ExplorerScreen()
        case .lineage: LineageScreen()
        case .publish: PublishScreen()
        case .access: AccessScreen()
        }
    }
}
