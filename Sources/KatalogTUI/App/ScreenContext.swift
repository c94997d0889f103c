import Foundation
import KatalogCore

/// What a screen sees of the app while it handles something or draws: the catalog and the
/// settings to read, and what it may ask for — background work, a notice, a modal, another
/// screen. The app carries the requests out after the screen returns.
struct ScreenContext: Sendable {
    let catalog: Catalog
    let settings: Settings
    let width: Int
    let height: Int

    /// The settings screens read.
    struct Settings: Sendable {
        var language: Language
        var timeZone: TimeZone
        var project: ProjectID
        var readOnly: Bool
        var backend: LocalizedText
        var lineageFile: String?
        var clipboardEnabled: Bool
        var fanLimit: Int
    }

    private(set) var effects: [Effect] = []
    private(set) var notices: [(text: LocalizedText, isError: Bool)] = []
    private(set) var modals: [Modal] = []
    private(set) var navigation: Navigation.Request?

    var language: Language { settings.language }
    func t(_ text: LocalizedText) -> String { text.text(settings.language) }

    /// Where screens draw: between the header and the status line.
    var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 3)) }

    mutating func run(_ effect: Effect) { effects.append(effect) }
    mutating func run(_ more: [Effect]) { effects += more }
    mutating func notify(_ text: LocalizedText, isError: Bool = false) { notices.append((text, isError)) }
    mutating func present(_ modal: Modal) { modals.append(modal) }
    mutating func navigate(_ request: Navigation.Request) { navigation = request }
}
