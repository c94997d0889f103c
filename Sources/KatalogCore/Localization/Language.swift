/// The two languages katalog speaks. Domain words (dataprodukt, datasett, råsone) stay
/// Norwegian in both.
public enum Language: String, CaseIterable, Sendable, Codable {
    case nb
    case en

    /// Picks the language the way POSIX tools do: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that is set and non-empty decides; `nb`, `nn` and `no` mean bokmål, anything else English.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            let code = value.prefix { $0.isLetter }.lowercased()
            return ["nb", "nn", "no"].contains(code) ? .nb : .en
        }
        return .en
    }

    /// Parses a user-typed language name (`--lang`, config); nil when unknown.
    public init?(userInput: String) {
        switch userInput.lowercased() {
        case "nb", "nn", "no", "norsk", "bokmål": self = .nb
        case "en", "english": self = .en
        default: return nil
        }
    }
}
