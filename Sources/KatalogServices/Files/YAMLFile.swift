import KatalogCore
import Yams

/// A problem in a YAML file the user wrote, as `file:line: what is wrong`.
public struct YAMLFileError: Error, Equatable, CustomStringConvertible, UserFacingError {
    public let file: String
    public let line: Int
    public let problem: String

    public init(file: String, line: Int, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { "\(file):\(line): \(problem)" }
    public var message: LocalizedText { LocalizedText(nb: TerminalText.line(description), en: TerminalText.line(description)) }
    public var isBadInput: Bool { true }
}

/// Reads YAML with line numbers kept, so every complaint can point at its line.
public struct YAMLFile {
    public let path: String
    public let root: Node

    public init(path: String, text: String) throws(YAMLFileError) {
        self.path = path
        do {
            guard let node = try Yams.compose(yaml: text) else {
                root = .mapping(Node.Mapping([]))
                return
            }
            root = node
        } catch let error as YamlError {
            throw YAMLFileError(file: path, line: Self.line(of: error), problem: Self.problem(of: error))
        } catch {
            throw YAMLFileError(file: path, line: 1, problem: "\(error)")
        }
    }

    public func fail(_ node: Node?, _ problem: String) -> YAMLFileError {
        YAMLFileError(file: path, line: node?.mark?.line ?? 1, problem: problem)
    }

    /// The pairs of a mapping, or an error naming what was expected.
    public func mapping(_ node: Node, what: String) throws(YAMLFileError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case let .mapping(mapping) = node else { throw fail(node, "\(what) must be a mapping (key: value)") }
        return mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    public func string(_ node: Node, what: String) throws(YAMLFileError) -> String {
        guard case let .scalar(scalar) = node else { throw fail(node, "\(what) must be a single value") }
        return scalar.string
    }

    public func strings(_ node: Node, what: String) throws(YAMLFileError) -> [String] {
        switch node {
        case let .scalar(scalar): return [scalar.string]
        case let .sequence(sequence):
            var values: [String] = []
            for item in sequence { values.append(try string(item, what: what)) }
            return values
        default: throw fail(node, "\(what) must be a value or a list of values")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        case let .duplicatedKeysInMapping(_, context): return context.mark.line
        default: return 1
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            return "invalid YAML: " + problem + (context.map { " " + $0.text } ?? "")
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate key \(duplicates.joined(separator: ", "))"
        default:
            return "invalid YAML"
        }
    }
}
