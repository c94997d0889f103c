import Foundation
import KatalogCore
import Yams

/// One problem in a manifest: where (`file:line:column`), which field, what is wrong.
public struct ManifestProblem: Hashable, Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    /// The field's path, `datasett[1].columns.fødselsnummer`.
    public let field: String
    public let text: LocalizedText

    public func description(_ language: Language) -> String {
        // The field's path is made of the file's own keys: untrusted, as the text is.
        TerminalText.line("\(file):\(line):\(column): \(field): \(text.text(language))")
    }
}

/// Every problem of a manifest at once; nothing is written while there is one.
public struct ManifestErrors: UserFacingError, Equatable {
    public let problems: [ManifestProblem]

    /// In the order of the file.
    public init(_ problems: [ManifestProblem]) {
        self.problems = problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    public var message: LocalizedText {
        LocalizedText(nb: (["Manifestet har \(problems.count) feil; ingenting er endret:"] + problems.map { $0.description(.nb) }).joined(separator: "\n"),
                      en: (["The manifest has \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was changed:"]
                           + problems.map { $0.description(.en) }).joined(separator: "\n"))
    }

    public var isBadInput: Bool { true }
}

/// A dataprodukt manifest (`katalog publish -f dataprodukt.yaml`, docs/manifest.md): one
/// dataprodukt and its datasett as YAML, read into a `DataproduktSpec` with the place of every
/// field kept, so problems found later — against the live table — still point at their line.
public struct ManifestFile: Sendable {
    public struct Place: Hashable, Sendable {
        public let line: Int
        public let column: Int
    }

    public let path: String
    public let spec: DataproduktSpec
    /// Field path → where it is written.
    public let places: [String: Place]

    public static func load(path: String) throws -> ManifestFile {
        switch UserFile.read(path) {
        case let .success(text):
            return try parse(text, path: path)
        case .failure(.missing):
            throw ServiceError.notFound(LocalizedText(nb: "Fant ikke manifestet \(TerminalText.line(path)). `katalog publish --init TABELL > dataprodukt.yaml` lager et.",
                                                      en: "Cannot read the manifest \(TerminalText.line(path)). `katalog publish --init TABLE > dataprodukt.yaml` writes one."))
        case let .failure(.tooLarge(bytes)):
            throw ManifestErrors([ManifestProblem(file: path, line: 1, column: 1, field: "", text: UserFile.tooLarge(path, bytes: bytes, what: LocalizedText(nb: "Manifestet", en: "The manifest")))])
        case .failure(.notAFile):
            throw ManifestErrors([ManifestProblem(file: path, line: 1, column: 1, field: "", text: UserFile.notAFile(path, what: LocalizedText(nb: "Manifestet", en: "The manifest")))])
        }
    }

    /// A problem at a field, for checks made after reading.
    public func problem(_ field: String, _ text: LocalizedText) -> ManifestProblem {
        // The field itself, else the nearest enclosing one that is written down.
        var key = field
        while places[key] == nil, let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) { key = String(key[..<cut]) }
        let place = places[key] ?? Place(line: 1, column: 1)
        return ManifestProblem(file: path, line: place.line, column: place.column, field: field, text: text)
    }

    // MARK: Reading

    public static func parse(_ text: String, path: String) throws(ManifestErrors) -> ManifestFile {
        let root: Node
        do {
            root = try Yams.compose(yaml: text) ?? .mapping(Node.Mapping([]))
        } catch let error as YamlError {
            throw ManifestErrors([syntax(error, path: path)])
        } catch {
            throw ManifestErrors([ManifestProblem(file: path, line: 1, column: 1, field: "", text: LocalizedText(nb: "\(error)", en: "\(error)"))])
        }
        var reader = Reader(path: path)
        let spec = reader.read(root)
        guard reader.problems.isEmpty, let spec else { throw ManifestErrors(reader.problems) }
        return ManifestFile(path: path, spec: spec, places: reader.places)
    }

    private static func syntax(_ error: YamlError, path: String) -> ManifestProblem {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let what = problem + (context.map { " " + $0.text } ?? "")
            return ManifestProblem(file: path, line: mark.line, column: mark.column, field: "", text: LocalizedText(nb: "ugyldig YAML: \(what)", en: "invalid YAML: \(what)"))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.joined(separator: ", ")
            return ManifestProblem(file: path, line: context.mark.line, column: context.mark.column, field: keys,
                                   text: LocalizedText(nb: "nøkkelen står to ganger", en: "the key is written twice"))
        default:
            return ManifestProblem(file: path, line: 1, column: 1, field: "", text: LocalizedText(nb: "ugyldig YAML", en: "invalid YAML"))
        }
    }

    /// Reads node by node, collecting every problem instead of stopping at the first.
    private struct Reader {
        let path: String
        var problems: [ManifestProblem] = []
        var places: [String: Place] = [:]

        init(path: String) { self.path = path }

        mutating func fail(_ node: Node?, _ field: String, nb: String, en: String) {
            problems.append(ManifestProblem(file: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, field: field,
                                            text: LocalizedText(nb: nb, en: en)))
        }

        mutating func note(_ field: String, _ node: Node) {
            if let mark = node.mark { places[field] = Place(line: mark.line, column: mark.column) }
        }

        /// The pairs of a mapping whose keys are all known; unknown ones are problems.
        mutating func mapping(_ node: Node, _ field: String, known: [String]) -> [String: Node] {
            guard case let .mapping(mapping) = node else {
                fail(node, field, nb: "må være en tabell av nøkkel: verdi", en: "must be a mapping (key: value)")
                return [:]
            }
            var values: [String: Node] = [:]
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                let path = field.isEmpty ? key : "\(field).\(key)"
                if known.contains(key) {
                    values[key] = value
                    note(path, keyNode)
                } else {
                    let list = known.joined(separator: ", ")
                    fail(keyNode, path, nb: "ukjent felt «\(TerminalText.line(key))» (kjente: \(list))", en: "unknown field “\(TerminalText.line(key))” (known: \(list))")
                }
            }
            return values
        }

        mutating func string(_ node: Node?, _ field: String, required: Bool = false) -> String? {
            guard let node else {
                if required { fail(nil, field, nb: "må fylles ut", en: "is required") }
                return nil
            }
            guard case let .scalar(scalar) = node else {
                fail(node, field, nb: "må være én verdi, ikke en liste eller tabell", en: "must be a single value, not a list or mapping")
                return nil
            }
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            if required && text.isEmpty { fail(node, field, nb: "må fylles ut", en: "is required") }
            return text.isEmpty ? nil : scalar.string.trimmingCharacters(in: .newlines)
        }

        mutating func strings(_ node: Node?, _ field: String) -> [String] {
            guard let node else { return [] }
            guard case let .sequence(items) = node else {
                fail(node, field, nb: "må være en liste, som [a, b]", en: "must be a list, such as [a, b]")
                return []
            }
            return items.enumerated().compactMap { string($1, "\(field)[\($0)]") }
        }

        mutating func bool(_ node: Node?, _ field: String) -> Bool {
            guard let node else { return false }
            switch string(node, field)?.lowercased() {
            case "true", "yes", "ja": return true
            case "false", "no", "nei": return false
            default:
                fail(node, field, nb: "må være true eller false", en: "must be true or false")
                return false
            }
        }

        mutating func choice<T>(_ node: Node?, _ field: String, _ choices: [(String, T)], default value: T? = nil, shown: [String]? = nil) -> T? {
            guard let node else {
                if value == nil { fail(nil, field, nb: "må fylles ut", en: "is required") }
                return value
            }
            guard let text = string(node, field) else { return value }
            if let match = choices.first(where: { $0.0 == text.lowercased() }) { return match.1 }
            // Other spellings are accepted; the message names the usual ones.
            let list = (shown ?? choices.map(\.0)).joined(separator: ", ")
            fail(node, field, nb: "«\(TerminalText.line(text))» er ikke en av \(list)", en: "“\(TerminalText.line(text))” is not one of \(list)")
            return value
        }

        mutating func read(_ root: Node) -> DataproduktSpec? {
            let top = mapping(root, "", known: ["dataprodukt", "datasett"])
            guard let productNode = top["dataprodukt"] else {
                fail(root, "dataprodukt", nb: "mangler: manifestet beskriver ett dataprodukt", en: "is missing: a manifest describes one dataprodukt")
                return nil
            }
            let product = mapping(productNode, "dataprodukt", known: ["name", "slug", "description", "owner", "team", "contact"])
            let name = string(product["name"], "dataprodukt.name", required: true) ?? ""
            let owner = string(product["owner"], "dataprodukt.owner", required: true) ?? ""
            let team = string(product["team"], "dataprodukt.team", required: true)
            var teamID: String?
            if let team, let node = product["team"] {
                // The team's page in Teamkatalogen, as the browser shows it: the id is its last part.
                if let url = URL(string: team), url.scheme == "https", let last = url.pathComponents.last, UUID(uuidString: last) != nil {
                    teamID = last
                } else {
                    fail(node, "dataprodukt.team", nb: "må være teamets side i Teamkatalogen, https://teamkatalog.nav.no/team/<id>",
                         en: "must be the team's page in Teamkatalogen, https://teamkatalog.nav.no/team/<id>")
                }
            }
            var datasett: [DatasettSpec] = []
            if let list = top["datasett"] {
                if case let .sequence(items) = list {
                    for (index, item) in items.enumerated() {
                        note("datasett[\(index)]", item)
                        if let one = readDatasett(item, "datasett[\(index)]") { datasett.append(one) }
                    }
                } else {
                    fail(list, "datasett", nb: "må være en liste (linjer som begynner med «- »)", en: "must be a list (lines starting with '- ')")
                }
            }
            return DataproduktSpec(name: name, description: string(product["description"], "dataprodukt.description"), group: owner.lowercased(),
                                   teamkatalogenURL: team, teamID: teamID, teamContact: string(product["contact"], "dataprodukt.contact"),
                                   slug: string(product["slug"], "dataprodukt.slug"), datasett: datasett)
        }

        static let piiClasses: [(String, PIITag)] = [
            ("direkte-identifiserende", .direkteIdentifiserende), ("særlig-kategori", .saerligKategori), ("saerlig-kategori", .saerligKategori),
            ("kan-være-indirekte-identifiserende", .kanVaereIndirekteIdentifiserende), ("kan-vaere-indirekte-identifiserende", .kanVaereIndirekteIdentifiserende),
        ] + PIITag.allCases.map { ($0.rawValue.lowercased(), $0) }
        static let piiClassNames = ["direkte-identifiserende", "særlig-kategori", "kan-være-indirekte-identifiserende"]

        mutating func readDatasett(_ node: Node, _ field: String) -> DatasettSpec? {
            let values = mapping(node, field, known: ["table", "name", "description", "repo", "keywords", "team_internal", "pii", "anonymisation",
                                                      "columns", "pseudonymised", "access"])
            let tableText = string(values["table"], "\(field).table", required: true)
            var table: TableRef?
            if let tableText {
                do {
                    table = try TableRef(parsing: tableText)
                } catch {
                    fail(values["table"], "\(field).table", nb: error.message.nb, en: error.message.en)
                }
            }
            let name = string(values["name"], "\(field).name", required: true)
            let pii = choice(values["pii"], "\(field).pii", PIILevel.allCases.map { ($0.rawValue, $0) })
            var tags: [String: PIITag] = [:]
            if let columns = values["columns"] {
                if case let .mapping(pairs) = columns {
                    for (keyNode, value) in pairs {
                        let column = keyNode.string ?? ""
                        note("\(field).columns.\(column)", keyNode)
                        if let tag = choice(value, "\(field).columns.\(column)", Self.piiClasses, shown: Self.piiClassNames) { tags[column] = tag }
                    }
                } else {
                    fail(columns, "\(field).columns", nb: "må være kolonne: klasse, én per linje", en: "must be column: class, one per line")
                }
            }
            let allOfNAV = choice(values["access"], "\(field).access", [("apply", false), ("all-of-nav", true)], default: false) ?? false
            let repo = string(values["repo"], "\(field).repo")
            if let repo, URL(string: repo)?.scheme?.hasPrefix("http") != true {
                fail(values["repo"], "\(field).repo", nb: "må være en adresse som https://github.com/navikt/…", en: "must be an address such as https://github.com/navikt/…")
            }
            guard let table, let name, let pii else { return nil }
            return DatasettSpec(table: table, name: name, description: string(values["description"], "\(field).description"), repo: repo,
                                keywords: strings(values["keywords"], "\(field).keywords"), teamInternal: bool(values["team_internal"], "\(field).team_internal"),
                                pii: pii, anonymisationDescription: string(values["anonymisation"], "\(field).anonymisation"), piiTags: tags,
                                pseudoColumns: strings(values["pseudonymised"], "\(field).pseudonymised"), allOfNAV: allOfNAV)
        }
    }
}
