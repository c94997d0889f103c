import KatalogCore

/// Why a workspace file could not be used. Every case names the file and what to do.
public enum WorkspaceError: UserFacingError, Equatable {
    case missing(path: String)
    /// A directory, a FIFO, a device, a symbolic link loop: only a regular file can be a workspace.
    case notAFile(path: String)
    /// An SQLite file cut short or overwritten in part: SQLite reads it as malformed.
    case damaged(path: String)
    /// An empty file: not a workspace yet, and not written to.
    case empty(path: String)
    /// `--workspace` in a folder that does not exist.
    case noFolder(path: String, folder: String)
    case notSQLite(path: String)
    case notAWorkspace(path: String)
    case newerVersion(path: String)
    case cannotOpen(path: String, reason: String)
    case corrupt(String)

    public var message: LocalizedText {
        switch self {
        case let .missing(path):
            LocalizedText(nb: "Fant ingen arbeidsflate i \(TerminalText.line(path)). Lag en med `katalog demo --reset --workspace \(TerminalText.line(path))`.",
                          en: "There is no workspace at \(TerminalText.line(path)). Create one with `katalog demo --reset --workspace \(TerminalText.line(path))`.")
        case let .notAFile(path):
            LocalizedText(nb: "\(TerminalText.line(path)) er ikke en vanlig fil (en mappe, en FIFO, en enhet eller en symbolsk lenke i ring), så den kan ikke være en arbeidsflate. Gi stien til en .sqlite-fil med --workspace.",
                          en: "\(TerminalText.line(path)) is not a regular file (a directory, a FIFO, a device or a symbolic link loop), so it cannot be a workspace. Give the path of a .sqlite file with --workspace.")
        case let .empty(path):
            LocalizedText(nb: "\(TerminalText.line(path)) er en tom fil, ikke en katalog-arbeidsflate; ingenting er skrevet til den. `katalog demo --reset --workspace \(TerminalText.line(path))` lager demoen der.",
                          en: "\(TerminalText.line(path)) is an empty file, not a katalog workspace; nothing was written to it. `katalog demo --reset --workspace \(TerminalText.line(path))` makes the demo there.")
        case let .noFolder(path, folder):
            LocalizedText(nb: "Mappen \(TerminalText.line(folder)) finnes ikke, så \(TerminalText.line(path)) kan ikke lages der. Lag mappen først (mkdir -p \(TerminalText.line(folder))), eller velg en annen sti.",
                          en: "The folder \(TerminalText.line(folder)) does not exist, so \(TerminalText.line(path)) cannot be made there. Create it first (mkdir -p \(TerminalText.line(folder))), or choose another path.")
        case let .damaged(path):
            LocalizedText(nb: "\(TerminalText.line(path)) er en skadet SQLite-fil (avkortet eller delvis overskrevet), og katalog skrev ingenting til den. Hent den fra en kopi, eller lag en ny med `katalog demo --reset --workspace \(TerminalText.line(path))` (det som var i den, blir borte).",
                          en: "\(TerminalText.line(path)) is a damaged SQLite file (cut short or partly overwritten), and katalog wrote nothing to it. Restore it from a copy, or make a new one with `katalog demo --reset --workspace \(TerminalText.line(path))` (what it held is lost).")
        case let .notSQLite(path):
            LocalizedText(nb: "\(TerminalText.line(path)) er ikke en SQLite-fil, så den er ikke en katalog-arbeidsflate. Filen er ikke endret; velg en annen sti med --workspace.",
                          en: "\(TerminalText.line(path)) is not an SQLite file, so it is not a katalog workspace. The file was left untouched; choose another path with --workspace.")
        case let .notAWorkspace(path):
            LocalizedText(nb: "\(TerminalText.line(path)) er en SQLite-database, men ikke en katalog-arbeidsflate. Filen er ikke endret; velg en annen sti med --workspace.",
                          en: "\(TerminalText.line(path)) is an SQLite database but not a katalog workspace. The file was left untouched; choose another path with --workspace.")
        case let .newerVersion(path):
            LocalizedText(nb: "\(TerminalText.line(path)) er laget av en nyere katalog. Oppgrader katalog for å åpne den.",
                          en: "\(TerminalText.line(path)) was written by a newer katalog. Upgrade katalog to open it.")
        case let .cannotOpen(path, reason):
            LocalizedText(nb: "Kunne ikke åpne arbeidsflaten \(TerminalText.line(path)): \(TerminalText.line(reason))",
                          en: "Could not open the workspace \(TerminalText.line(path)): \(TerminalText.line(reason))")
        case let .corrupt(what):
            LocalizedText(nb: "Arbeidsflaten har ugyldige data (\(TerminalText.line(what))). `katalog demo --reset` lager demoen på nytt.",
                          en: "The workspace holds invalid data (\(TerminalText.line(what))). `katalog demo --reset` recreates the demo.")
        }
    }

    public var isBadInput: Bool {
        switch self {
        case .missing, .notAFile, .damaged, .empty, .noFolder, .notSQLite, .notAWorkspace, .newerVersion: true
        case .cannotOpen, .corrupt: false
        }
    }
}
