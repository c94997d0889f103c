import Foundation
import KatalogCore
import Yams

/// Every problem found in a lineage.yaml, each as `file:line: what is wrong`.
public struct LineageFileError: Error, Equatable, UserFacingError {
    public let problems: [YAMLFileError]

    public init(_ problems: [YAMLFileError]) {
        self.problems = problems
    }

    public var message: LocalizedText {
        let lines = problems.map(\.description).map(TerminalText.line).joined(separator: "\n")
        return LocalizedText(nb: lines, en: lines)
    }

    public var isBadInput: Bool { true }
}

/// Reads a team's lineage.yaml (docs/lineage.md):
///
///     zones:                       # first match wins, before the defaults
///       - dataset: "raw_*"         # or table: "dataset.glob*", or label: sone=ut
///         zone: rasone             # rasone, behandling or dataprodukt
///     flows:
///       - from: oracle:ARENA.SAK_VEDTAK          # system:object, or a table; one or a list
///         through: naisjob:dp-arena-sync         # optional: naisjob, nais-app, datastream, …
///         to: rasone.arena_vedtak                # a table; one or a list
///
/// It checks everything it can without the project and reports all problems at once.
public enum LineageFile {
    /// `lineage.yaml` in the working directory, when there is one and nothing else was named.
    public static let defaultName = "lineage.yaml"

    public static func load(path: String) throws -> DeclaredLineage {
        switch UserFile.read(path) {
        case let .success(text):
            return try parse(text, path: path)
        case .failure(.missing):
            throw ServiceError.notFound(LocalizedText(nb: "Finner ikke lineage-fila \(TerminalText.line(path)). Sjekk --lineage-file.",
                                                      en: "Cannot read the lineage file \(TerminalText.line(path)). Check --lineage-file."))
        case let .failure(.tooLarge(bytes)):
            throw InvalidInput([Problem(field: "lineage-file", code: "too_large", message: UserFile.tooLarge(path, bytes: bytes, what: LocalizedText(nb: "Lineage-fila", en: "The lineage file")))])
        case .failure(.notAFile):
            throw InvalidInput([Problem(field: "lineage-file", code: "not_a_file", message: UserFile.notAFile(path, what: LocalizedText(nb: "Lineage-fila", en: "The lineage file")))])
        }
    }

    public static func parse(_ text: String, path: String) throws(LineageFileError) -> DeclaredLineage {
        let file: YAMLFile
        do { file = try YAMLFile(path: path, text: text) } catch { throw LineageFileError([error]) }
        var problems: [YAMLFileError] = []
        var flows: [DeclaredLineage.Flow] = []
        var rules: [ZoneRules.Rule] = []
        do throws(YAMLFileError) {
            for (key, keyNode, value) in try file.mapping(file.root, what: "lineage.yaml") {
                switch key {
                case "version":
                    guard (try? file.string(value, what: "version")) == "1" else { throw file.fail(value, "version must be 1") }
                case "flows":
                    for item in try sequence(value, file: file, what: "flows") {
                        do { flows.append(try flow(item, file: file)) } catch { problems.append(error) }
                    }
                case "zones":
                    for item in try sequence(value, file: file, what: "zones") {
                        do { rules.append(try rule(item, file: file)) } catch { problems.append(error) }
                    }
                default:
                    problems.append(file.fail(keyNode, "unknown key '\(key)' (known: version, zones, flows)"))
                }
            }
        } catch {
            problems.append(error)
        }
        guard problems.isEmpty else { throw LineageFileError(problems) }
        return DeclaredLineage(file: path, flows: flows, zones: ZoneRules(rules))
    }

    private static func sequence(_ node: Node, file: YAMLFile, what: String) throws(YAMLFileError) -> [Node] {
        guard case let .sequence(items) = node else { throw file.fail(node, "\(what) must be a list (lines starting with '- ')") }
        return Array(items)
    }

    private static func flow(_ node: Node, file: YAMLFile) throws(YAMLFileError) -> DeclaredLineage.Flow {
        var from: [DeclaredLineage.Endpoint] = [], to: [DeclaredLineage.Endpoint] = []
        var through: DeclaredLineage.Transfer?
        for (key, keyNode, value) in try file.mapping(node, what: "a flow") {
            switch key {
            case "from", "to":
                var endpoints: [DeclaredLineage.Endpoint] = []
                for text in try file.strings(value, what: key) {
                    guard let endpoint = DeclaredLineage.endpoint(text) else {
                        throw file.fail(value, "'\(text)' is neither a table (dataset.table) nor a source (system:object)")
                    }
                    if key == "to", case .source = endpoint {
                        throw file.fail(value, "'\(text)' is a source; a flow ends in a BigQuery table (dataset.table)")
                    }
                    endpoints.append(endpoint)
                }
                if key == "from" { from = endpoints } else { to = endpoints }
            case "through":
                let text = try file.string(value, what: "through")
                guard let transfer = DeclaredLineage.transfer(text) else {
                    let kinds = TransferKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw file.fail(value, "'\(text)' is not a transfer: write KIND:NAME with KIND one of \(kinds)")
                }
                through = transfer
            default:
                throw file.fail(keyNode, "unknown key '\(key)' in a flow (known: from, through, to)")
            }
        }
        guard !from.isEmpty else { throw file.fail(node, "a flow needs 'from:'") }
        guard !to.isEmpty else { throw file.fail(node, "a flow needs 'to:'") }
        return DeclaredLineage.Flow(from: from, through: through, to: to, line: node.mark?.line ?? 1)
    }

    private static func rule(_ node: Node, file: YAMLFile) throws(YAMLFileError) -> ZoneRules.Rule {
        var match: ZoneRules.Rule.Match?
        var zone: LineageZone?
        for (key, keyNode, value) in try file.mapping(node, what: "a zone rule") {
            let text = try file.string(value, what: key)
            switch key {
            case "zone":
                guard let named = ZoneRules.zone(named: text) else { throw file.fail(value, "unknown zone '\(text)' (rasone, behandling or dataprodukt)") }
                zone = named
            case "dataset", "table", "label":
                guard match == nil else { throw file.fail(keyNode, "a zone rule matches on one of dataset, table or label, not several") }
                if key == "dataset" { match = .dataset(text) }
                if key == "table" { match = .table(text) }
                if key == "label" {
                    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    guard let labelKey = parts.first, !labelKey.isEmpty, parts.count == 1 || !parts[1].isEmpty else {
                        throw file.fail(value, "label must be KEY or KEY=VALUE, not '\(text)'")
                    }
                    match = .label(key: labelKey, value: parts.count == 2 ? parts[1] : nil)
                }
            default:
                throw file.fail(keyNode, "unknown key '\(key)' in a zone rule (known: dataset, table, label, zone)")
            }
        }
        guard let match else { throw file.fail(node, "a zone rule needs dataset:, table: or label:") }
        guard let zone else { throw file.fail(node, "a zone rule needs zone:") }
        return ZoneRules.Rule(match: match, zone: zone)
    }
}
