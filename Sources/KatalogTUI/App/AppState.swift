import Foundation
import KatalogCore

/// The whole UI as a value: every frame is drawn from it, every key and every finished
/// background load turns it into the next one (see `AppState+Update`). It holds what the
/// screens share — the catalog, the navigation stack, the modals, the command line, the
/// messages — and the screens themselves, each with its own state. No UI types inside, so it
/// is tested without a terminal (the k9s model/view split).
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var language: Language
    public var readOnly: Bool
    public var project: ProjectID
    public var themeName: String
    public var themeNames: [String]
    /// Where the copy key may write the clipboard (OSC 52), if the user enabled it.
    public var clipboardEnabled: Bool
    /// Times are shown in this zone (the user's; tests fix it).
    public var timeZone: TimeZone = .current
    /// Where the data comes from, for the status line.
    public var backend = UIText.localWorkspace
    /// The team's lineage.yaml (declared lineage and zone rules), when there is one.
    public var lineageFile: String?
    /// More neighbours on one side than this collapse into "+N more" (config.yaml).
    public var lineageFanLimit: Int {
        get { fanLimit }
        set { fanLimit = max(2, newValue) }
    }
    private var fanLimit = 8

    var catalog = Catalog()
    var navigation = Navigation()
    var modals: [Modal] = []
    /// The `:` command line while it is open.
    var commandLine: TextBuffer?
    /// What Tab on the command line could go on with, shown above it.
    var completions: [String] = []
    var toast: Toast?
    var messages: [LogMessage] = []
    /// Background loads in flight, for the spinner.
    var inFlight = 0
    var tick = 0
    public internal(set) var shouldQuit = false

    public init(width: Int, height: Int, language: Language, readOnly: Bool, project: ProjectID, themeName: String,
                themeNames: [String], clipboardEnabled: Bool = true) {
        self.width = width
        self.height = height
        self.language = language
        self.readOnly = readOnly
        self.project = project
        self.themeName = themeName
        self.themeNames = themeNames
        self.clipboardEnabled = clipboardEnabled
    }

    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// The screen shown.
    var screen: any Screen { navigation[navigation.top] }

    /// What screens see: the catalog and the settings, with room for their requests.
    var context: ScreenContext {
        ScreenContext(catalog: catalog, settings: .init(
            language: language, timeZone: timeZone, project: project, readOnly: readOnly, backend: backend, lineageFile: lineageFile,
            clipboardEnabled: clipboardEnabled, fanLimit: fanLimit), width: width, height: height)
    }

    /// Where keys are looked up, innermost first (the footer shows the same).
    var keyScopes: [KeyScope] {
        modals.isEmpty ? screen.keyScopes + [.global] : [.help, .global]
    }

    /// The smallest terminal the layout works in.
    static let minimumWidth = 60
    static let minimumHeight = 15
    var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}

struct Toast: Equatable, Sendable {
    let text: String
    let isError: Bool
    /// The tick after which it disappears.
    let until: Int
}

struct LogMessage: Equatable, Sendable {
    let tick: Int
    let text: String
    let isError: Bool
}
