import Foundation
import KatalogCLI
import KatalogCore
import KatalogServices
import KatalogTUI

/// Opens the terminal UI: settings from flags, then config.yaml, then the environment.
struct TUILauncher {
    let environment: [String: String]

    /// Returns the exit status.
    func run(services: ServiceLayer, global: GlobalOptions, backend: LocalizedText) throws(NoTerminal) -> Int32 {
        let configDirectory = Config.directory(environment: environment)
        let loaded = Config.load(from: configDirectory)
        let config = loaded.config
        // Each bad setting on its own, in full; the good ones are used.
        var notices = loaded.problems.map { problem in
            LocalizedText(nb: "Ugyldig innstilling, bruker standardverdien: \(problem.description)",
                          en: "Invalid setting, using its default: \(problem.description)")
        }
        let language = global.lang.flatMap(Language.init(userInput:)) ?? config.language ?? Language.fromEnvironment(environment)
        let themes = ThemeCatalog(configDirectory: configDirectory)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let themeName = global.theme ?? config.theme ?? (noColor ? "monochrome" : "default")
        let theme: Theme
        switch themes.load(themeName) {
        case let .success(loaded): theme = loaded
        case let .failure(error):
            theme = Theme.fallback
            notices.append(error.message)
        }
        var state = AppState(width: 80, height: 24, language: language, readOnly: global.readOnly, project: services.warehouse.project,
                             themeName: theme.name, themeNames: themes.names, clipboardEnabled: config.clipboard)
        state.backend = backend
        state.lineageFile = global.resolvedLineageFile()
        if let limit = config.fanLimit { state.lineageFanLimit = limit }
        let app = TerminalApp(state: state, services: services, keys: KeyRegistry(readOnly: global.readOnly, overrides: config.keys),
                              themes: themes, theme: theme, useColor: !noColor, mouse: config.mouse)
        app.crashAfterFirstFrame = environment["KATALOG_TEST_CRASH"] == "after-first-frame"
        app.busyAfterFirstFrame = environment["KATALOG_TEST_CRASH"] == "busy-after-first-frame"
        app.exitAfter = environment["KATALOG_EXIT_AFTER_FIRST_FRAME"].flatMap(TerminalApp.ExitPoint.init(rawValue:))
        return try app.run(startupNotices: notices)
    }
}
