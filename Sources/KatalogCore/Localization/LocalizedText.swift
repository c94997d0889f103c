/// A user-facing sentence in both languages. Every message katalog shows is one of these, so
/// no code path can forget a translation.
public struct LocalizedText: Hashable, Sendable, Codable, CustomStringConvertible {
    public let nb: String
    public let en: String

    public init(nb: String, en: String) {
        self.nb = nb
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .nb ? nb : en
    }

    /// English, for logs and debugging; user output always picks a language explicitly.
    public var description: String { en }
}
