import KatalogServices
import Foundation
import KatalogCore
import KatalogThemes

/// Finds themes by name: the user's own in `$XDG_CONFIG_HOME/katalog/themes/NAME.yaml` first,
/// then the shipped ones.
public struct ThemeCatalog: Sendable {
    public let userDirectory: String

    public init(configDirectory: String) {
        userDirectory = configDirectory + "/themes"
    }

    public var names: [String] {
        let user = ((try? FileManager.default.contentsOfDirectory(atPath: userDirectory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        return Array(Set(ShippedThemes.names + user)).sorted()
    }

    /// A theme is a page of YAML; far beyond that it is not one.
    static let themeLimit = 250_000

    /// The theme, or why it cannot be used (the caller falls back to `Theme.fallback`).
    public func load(_ name: String) -> Result<Theme, ThemeError> {
        let userPath = userDirectory + "/\(name).yaml"
        let text: String
        let path: String
        switch UserFile.read(userPath, limit: Self.themeLimit) {
        case let .success(user):
            (text, path) = (user, userPath)
        case let .failure(.tooLarge(bytes)):
            return .failure(.invalid(YAMLFileError(file: userPath, line: 1, problem: UserFile.tooLarge(
                userPath, bytes: bytes, limit: Self.themeLimit, what: LocalizedText(nb: "Temaet", en: "The theme")).en)))
        case .failure(.notAFile):
            return .failure(.invalid(YAMLFileError(file: userPath, line: 1, problem: UserFile.notAFile(userPath, what: LocalizedText(nb: "Temaet", en: "The theme")).en)))
        case .failure(.missing):
            guard let shipped = ShippedThemes.yaml(named: name) else { return .failure(.unknown(name: name, known: names)) }
            (text, path) = (shipped, ShippedThemes.path(named: name))
        }
        do {
            return .success(try Theme.parse(text, path: path, name: name))
        } catch {
            return .failure(.invalid(error))
        }
    }
}

public enum ThemeError: Error, Equatable, UserFacingError {
    case unknown(name: String, known: [String])
    case invalid(YAMLFileError)

    public var message: LocalizedText {
        switch self {
        case let .unknown(name, known):
            LocalizedText(nb: "Fant ikke temaet «\(TerminalText.line(name))». Temaer: \(known.joined(separator: ", ")).",
                          en: "There is no theme “\(TerminalText.line(name))”. Themes: \(known.joined(separator: ", ")).")
        case let .invalid(error):
            LocalizedText(nb: "Ugyldig tema: \(TerminalText.line(error.description)). Bruker standardtemaet.",
                          en: "Invalid theme: \(TerminalText.line(error.description)). Using the default theme.")
        }
    }

    public var isBadInput: Bool { true }
}
