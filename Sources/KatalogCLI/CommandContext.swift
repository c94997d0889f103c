import Foundation
import KatalogCore
import KatalogServices

/// What a command runs with: the service layer, the user's language, the clock, and where its
/// output goes. Built once by the executable and handed in — no globals.
public struct CommandContext: Sendable {
    public let services: ServiceLayer
    public let language: Language
    public let timeZone: TimeZone
    let write: @Sendable (String) -> Void
    let writeError: @Sendable (String) -> Void
    /// Draws a lineage graph as text; given by the executable, which has the drawing.
    public var drawLineage: (@Sendable (LineageGraph, LayeredLayout.Direction) -> String)?
    /// The team's lineage.yaml, when one was named or lies in the working directory.
    public var lineageFile: String?
    /// The terminal's width when output goes to one (`COLUMNS`, else the tty); nil when piped,
    /// and then tables are printed whole.
    public var outputWidth: Int?

    public init(services: ServiceLayer, language: Language, timeZone: TimeZone = .current, write: @escaping @Sendable (String) -> Void,
                writeError: @escaping @Sendable (String) -> Void = { _ in }) {
        self.services = services
        self.language = language
        self.timeZone = timeZone
        self.write = write
        self.writeError = writeError
    }

    public var now: Date { services.now() }

    /// Picks the right language of a message.
    func t(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    func print(_ line: String = "", terminator: String = "\n") { write(line + terminator) }

    /// A confirmation of what was done: one line, made visible whole, since it names subjects
    /// and datasett that others chose.
    func confirm(_ nb: String, _ en: String) { print(TerminalText.visible(t(nb, en))) }

    /// A notice on standard error, so it never mixes into output meant for other tools.
    /// Made visible like everything else: notices carry names from the project and lineage.yaml.
    func warn(_ line: String) { writeError("katalog: " + TerminalText.block(line) + "\n") }
}

/// A subcommand that works through the service layer.
public protocol ServiceCommand: ParsableCommandWithGlobals {
    /// Changes something (refused under `--read-only`).
    static var isMutating: Bool { get }
    /// This invocation changes something: `isMutating`, unless its flags decide (`publish --apply`).
    var changesData: Bool { get }
    func run(in context: CommandContext) async throws
}

extension ServiceCommand {
    public static var isMutating: Bool { false }
    public var changesData: Bool { Self.isMutating }
}
