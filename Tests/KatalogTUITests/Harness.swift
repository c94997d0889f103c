import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal
@testable import KatalogTUI

/// Drives the TUI's state the way the runtime does — events in, effects run against a real demo
/// workspace, results posted back — without a terminal.
final class Harness {
    static let now = try! Date("2026-11-25T12:00:00Z", strategy: .iso8601)
    let folder: URL
    let workspace: LocalWorkspace
    let services: ServiceLayer
    var state: AppState
    var keys = KeyRegistry()

    init(width: Int = 80, height: Int = 24, language: Language = .en, readOnly: Bool = false, configure: ((LocalWorkspace) async throws -> Void)? = nil) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace = try LocalWorkspace(path: folder.appendingPathComponent("ws.sqlite").path, create: true)
        try await DemoWorkspace.reset(workspace, now: Self.now)
        try await configure?(workspace)
        services = try workspace.services(now: { Self.now })
        state = AppState(width: width, height: height, language: language, readOnly: readOnly, project: services.warehouse.project,
                         themeName: "default", themeNames: ShippedThemeNames.all)
        state.timeZone = TimeZone(identifier: "UTC")!
        keys = KeyRegistry(readOnly: readOnly)
        await run(AppState.startEffects)
    }

    deinit {
        try? workspace.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Applies an event and runs every effect it leads to, to the end.
    func send(_ event: Event) async {
        let effects = state.handle(event, keys: keys)
        await run(effects)
    }

    func press(_ names: String...) async {
        for name in names { await send(.key(Key(name: name)!)) }
    }

    func type(_ text: String) async {
        for character in text { await send(.key(.character(character))) }
    }

    private func run(_ effects: [Effect]) async {
        state.started(effects)
        for effect in effects {
            let posted = Posted()
            let events = await EffectRunner.run(effect, services: services, post: { posted.add($0) })
            for event in posted.events + events { await send(event) }
        }
    }

    /// Events an effect posts while it runs (a publish run's progress).
    final class Posted: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Event] = []
        func add(_ new: [Event]) { lock.withLock { stored += new } }
        var events: [Event] { lock.withLock { stored } }
    }

    func canvas(glyphs: Glyphs = .unicode) -> Canvas {
        Renderer.render(state, keys: keys, glyphs: glyphs)
    }

    func screen() -> String { canvas().rows.joined(separator: "\n") }
}

enum ShippedThemeNames {
    static let all = ["default", "high-contrast", "light", "monochrome", "nav"]
}

/// Golden files under Tests/KatalogTUITests/Golden: the text of every row, then the role of
/// every cell. `UPDATE_GOLDEN=1 swift test` rewrites them; review the diff before committing.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ canvas: Canvas, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actual = (canvas.rows + ["", "-- roles --"] + canvas.roleRows).joined(separator: "\n") + "\n"
        let url = folder.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            let diff = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), actual.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().filter { $0.element.0 != $0.element.1 }.prefix(5)
                .map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }.joined(separator: "\n")
            Issue.record("golden \(name) differs:\n\(diff)", sourceLocation: sourceLocation)
        }
    }
}

/// The screens' states and the open modal, for assertions: the tests look inside, the app
/// never reaches from one screen into another.
extension AppState {
    var explorer: ExplorerScreen {
        get { navigation[.explorer] as! ExplorerScreen }
        set { navigation[.explorer] = newValue }
    }

    var lineage: LineageScreen {
        get { navigation[.lineage] as! LineageScreen }
        set { navigation[.lineage] = newValue }
    }

    /// The screen shown.
    var shown: ScreenKind { navigation.top }

    /// The text field keys go to: the command line, or the shown screen's `/`.
    var input: TextBuffer? {
        commandLine ?? (shown == .explorer ? explorer.filterInput : lineage.findInput)
    }

    var overlay: Modal? { modals.last }

    /// Selects a lineage node as the screen itself would.
    mutating func selectLineageNode(_ id: String) {
        let context = self.context
        lineage.selectNode(id, context)
    }

    /// The Explorer's rows as drawn.
    var explorerRows: [TreeRow] { ExplorerTree.rows(explorer, context) }
}
