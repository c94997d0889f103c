import Foundation
import KatalogCore

/// One parser or editor fed arbitrary bytes. The same function runs under libFuzzer
/// (`make stress`, the `katalog-fuzz` driver built with `-sanitize=fuzzer,address`) and, over
/// the committed corpora, in the tests (`FuzzCorpusTests`), so every input that once crashed
/// stays a regression test.
///
/// A target crashes on purpose (`Invariant.fail`) when what comes out breaks a promise the
/// product makes: an error or a name that would reach the terminal raw, a cursor outside its
/// text, an answer that differs run to run.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case sql, bigqueryJSON = "bigquery-json", marketplaceJSON = "marketplace-json", config, theme
    case lineageFile = "lineage-file", manifest, sanitiser, textBuffer = "text-buffer"

    public func run(_ data: Data) {
        switch self {
        case .sql: SQLTarget.run(data)
        case .bigqueryJSON: BigQueryJSONTarget.run(data)
        case .marketplaceJSON: MarketplaceJSONTarget.run(data)
        case .config: YAMLFileTargets.config(data)
        case .theme: YAMLFileTargets.theme(data)
        case .lineageFile: YAMLFileTargets.lineageFile(data)
        case .manifest: YAMLFileTargets.manifest(data)
        case .sanitiser: SanitiserTarget.run(data)
        case .textBuffer: TextBufferTarget.run(data)
        }
    }
}

/// The promises the targets check.
enum Invariant {
    static func fail(_ what: String) -> Never {
        fatalError("fuzz invariant broken: \(TerminalText.line(what))")
    }

    /// Nothing a terminal acts on: no C0 control but a newline, no DEL, no C1, no bidi control.
    static func isSafe<S: StringProtocol>(_ text: S, newlines: Bool = true) -> Bool {
        !text.unicodeScalars.contains { scalar in
            let value = scalar.value
            if value == 0x0A { return !newlines }
            return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || value == 0x200E || value == 0x200F || value == 0x061C || value == 0x2028 || value == 0x2029
        }
    }

    static func safe<S: StringProtocol>(_ text: S, _ what: String, newlines: Bool = true) {
        if !isSafe(text, newlines: newlines) { fail("\(what) would reach the terminal raw: \(text.prefix(200))") }
    }

    /// A user-facing error, in both languages.
    static func safe(_ error: any Error, _ what: String) {
        guard let error = error as? any UserFacingError else { return }
        safe(error.message.nb, what)
        safe(error.message.en, what)
    }
}
