/// Tab completion on the `:` command line: command names, then table references for `goto`
/// and theme names for `theme`. Completes to the longest common prefix of the candidates.
enum CommandCompletion {
    static let commands = ["goto", "lineage", "theme", "messages", "help", "quit"]

    static func complete(_ text: String, catalog: Catalog, themes: [String]) -> String {
        guard let space = text.firstIndex(of: " ") else {
            return extend(text, candidates: commands, finished: { $0 + " " })
        }
        let command = String(text[..<space])
        let argument = String(text[text.index(after: space)...])
        let candidates: [String]
        switch command {
        case "goto":
            candidates = catalog.tables.values.flatMap { $0 }.map { "\($0.ref.dataset).\($0.ref.table)" }.sorted()
        case "theme":
            candidates = themes
        default:
            return text
        }
        return command + " " + extend(argument, candidates: candidates, finished: { $0 })
    }

    private static func extend(_ prefix: String, candidates: [String], finished: (String) -> String) -> String {
        let matching = candidates.filter { $0.hasPrefix(prefix) }
        guard let first = matching.first else { return prefix }
        if matching.count == 1 { return finished(first) }
        var common = first
        for candidate in matching.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        return common.count > prefix.count ? common : prefix
    }
}
