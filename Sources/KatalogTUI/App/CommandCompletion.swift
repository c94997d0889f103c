/// Tab completion on the `:` command line, as a shell does it: command names, then table
/// references for `goto` and `lineage` (after a `2+` or `+`) and theme names for `theme`.
/// Completes to the longest common prefix; when that leaves a choice, the candidates are listed.
enum CommandCompletion {
    static let commands = ["goto", "lineage", "publish", "access", "audit", "theme", "messages", "whoami", "help", "quit"]

    struct Result: Equatable {
        let text: String
        /// More than one way on: shown above the command line.
        let candidates: [String]
    }

    static func complete(_ text: String, catalog: Catalog, themes: [String]) -> Result {
        guard let space = text.firstIndex(of: " ") else {
            return extend(text, candidates: commands, finished: { $0 + " " })
        }
        let command = String(text[..<space])
        var argument = String(text[text.index(after: space)...])
        var prefix = command + " "
        let candidates: [String]
        switch command {
        case "goto", "lineage":
            if command == "lineage", let plus = argument.firstIndex(of: "+"), argument[..<plus].allSatisfy(\.isNumber) {
                prefix += argument[...plus]
                argument = String(argument[argument.index(after: plus)...])
            }
            candidates = catalog.tables.values.flatMap { $0 }.map { "\($0.ref.dataset).\($0.ref.table)" }.sorted()
        case "theme":
            candidates = themes
        default:
            return Result(text: text, candidates: [])
        }
        let completed = extend(argument, candidates: candidates, finished: { $0 })
        return Result(text: prefix + completed.text, candidates: completed.candidates)
    }

    private static func extend(_ prefix: String, candidates: [String], finished: (String) -> String) -> Result {
        let matching = candidates.filter { $0.hasPrefix(prefix) }
        guard let first = matching.first else { return Result(text: prefix, candidates: []) }
        if matching.count == 1 { return Result(text: finished(first), candidates: []) }
        var common = first
        for candidate in matching.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        return Result(text: common.count > prefix.count ? common : prefix, candidates: matching)
    }
}
