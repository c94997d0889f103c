import Foundation

/// A fully qualified BigQuery table: `project.dataset.table`.
///
/// Parsing accepts the forms people paste: `p.d.t`, `` `p.d.t` ``, `` `p`.`d`.`t` `` and any
/// mix, and `d.t` when a default project is given. Formatting gives the plain dotted form;
/// `quoted` gives the backticked form that is safe to paste into GoogleSQL.
public struct TableRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let project: ProjectID
    public let dataset: DatasetID
    public let table: TableID

    public init(project: ProjectID, dataset: DatasetID, table: TableID) {
        self.project = project
        self.dataset = dataset
        self.table = table
    }

    public init(_ datasetRef: DatasetRef, _ table: TableID) {
        self.init(project: datasetRef.project, dataset: datasetRef.dataset, table: table)
    }

    /// The form every error message names.
    public static let expectedForm = "PROJECT.DATASET.TABLE"

    public init(parsing text: String, defaultProject: ProjectID? = nil) throws(InvalidInput) {
        let parts = Self.split(text.trimmingCharacters(in: .whitespaces))
        let named: [String]
        switch (parts?.count, defaultProject) {
        case (3?, _): named = parts!
        case (2?, let project?): named = [project.rawValue] + parts!
        default:
            throw InvalidInput([Problem(field: "table", code: "table_ref", message: LocalizedText(
                nb: "«\(TerminalText.line(text.prefix(200)))» er ikke en tabellreferanse. Skriv den som \(Self.expectedForm), for eksempel team-prod-1a2b.rasone.tabell_1.",
                en: "“\(TerminalText.line(text.prefix(200)))” is not a table reference. Write it as \(Self.expectedForm), for example team-prod-1a2b.rasone.tabell_1."))])
        }
        let problems = ProjectID.problems(named[0]) + DatasetID.problems(named[1]) + TableID.problems(named[2])
        try InvalidInput.check(problems)
        try self.init(project: ProjectID(named[0]), dataset: DatasetID(named[1]), table: TableID(named[2]))
    }

    /// Splits on dots outside backticks; a backticked segment may itself hold dots. Nil when a
    /// backtick is unbalanced or a part is empty.
    static func split(_ text: String) -> [String]? {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            switch character {
            case "`": quoted.toggle()
            case ".": parts.append(current); current = ""
            default: current.append(character)
            }
        }
        guard !quoted else { return nil }
        parts.append(current)
        return parts.contains(where: \.isEmpty) ? nil : parts
    }

    public var datasetRef: DatasetRef { DatasetRef(project: project, dataset: dataset) }

    public var description: String { "\(project).\(dataset).\(table)" }

    /// `` `project.dataset.table` ``: how GoogleSQL wants a project id with dashes.
    public var quoted: String { "`\(description)`" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.project, a.dataset, a.table) < (b.project, b.dataset, b.table)
    }
}

extension TableRef: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension DatasetRef: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected PROJECT.DATASET"))
        }
        try self.init(project: ProjectID(parts[0]), dataset: DatasetID(parts[1]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
