import Foundation
import KatalogCore

/// `--json` output: stable field names, sorted keys, ISO 8601 times; every character a
/// terminal could act on escaped (`TerminalJSON`).
enum JSONOutput {
    static func render<T: Encodable>(_ value: T) throws -> String {
        try TerminalJSON.encode(value)
    }
}
