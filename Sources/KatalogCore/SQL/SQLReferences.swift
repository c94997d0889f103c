/// A table a statement names: its path as written, and what it resolves to.
public struct SQLTableReference: Hashable, Sendable, CustomStringConvertible {
    /// The dotted parts as written (backticks removed, split on dots).
    public let path: [String]
    /// `project.dataset.table` after filling in the defaults; nil when parts are missing.
    public let resolved: TableRef?
    /// `events_*`: a wildcard table.
    public let isWildcard: Bool
    /// `dataset.INFORMATION_SCHEMA.TABLES` and friends: metadata views, not tables.
    public let isInformationSchema: Bool

    public var description: String { resolved?.description ?? path.joined(separator: ".") }
}

/// An `EXTERNAL_QUERY("connection", "SELECT … FROM schema.table")`: the connection and the
/// tables the inner (source database) query reads, as `schema.table` or `table`.
public struct ExternalQueryReference: Hashable, Sendable {
    public let connection: String
    public let tables: [String]

    public init(connection: String, tables: [String]) {
        self.connection = connection
        self.tables = tables
    }
}

/// What one GoogleSQL statement (or script) reads and writes.
public struct SQLReferences: Equatable, Sendable {
    public var reads: [SQLTableReference] = []
    public var writes: [SQLTableReference] = []
    public var externalQueries: [ExternalQueryReference] = []

    /// Extracts table references with a tokenizer, so comments and string literals never
    /// count. CTE names, `UNNEST(…)` and correlated array paths are not tables; `dataset.table`
    /// and `table` resolve against the defaults.
    public static func extract(from sql: String, defaultProject: ProjectID? = nil, defaultDataset: DatasetID? = nil) -> SQLReferences {
        var reader = SQLReferenceReader(tokens: SQLTokenizer.tokenize(sql), project: defaultProject, dataset: defaultDataset)
        reader.read()
        return reader.result
    }
}

/// One pass over the tokens, remembering CTE names and aliases as it goes.
struct SQLReferenceReader {
    let tokens: [SQLToken]
    let project: ProjectID?
    let dataset: DatasetID?
    var result = SQLReferences()
    var index = 0
    var cteNames: Set<String> = []
    var aliases: Set<String> = []
    /// The word before each open parenthesis, innermost last: `FROM` inside `EXTRACT(… FROM x)`
    /// is not a table.
    var parentheses: [String] = []

    init(tokens: [SQLToken], project: ProjectID?, dataset: DatasetID?) {
        self.tokens = tokens
        self.project = project
        self.dataset = dataset
    }

    mutating func read() {
        collectCTEs()
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .symbol && token.text == "(" {
                parentheses.append(index > 0 ? tokens[index - 1].text.uppercased() : "")
            } else if token.kind == .symbol && token.text == ")" {
                _ = parentheses.popLast()
            }
            guard token.kind == .word else { index += 1; continue }
            switch token.text.uppercased() {
            case "FROM" where parentheses.last == "EXTRACT":
                index += 1
            case "FROM":
                index += 1
                // DELETE FROM t writes t; everything else after FROM reads.
                readFromList(writes: previousKeyword(is: "DELETE"))
            case "JOIN":
                index += 1
                readTableItem(writes: false)
            case "INTO" where previousKeyword(is: "INSERT") || previousKeyword(is: "MERGE"):
                index += 1
                readTableItem(writes: true)
            case "INSERT" where !next(isKeyword: "INTO") && !previous(isKeyword: "THEN"),
                 "UPDATE" where !previous(isKeyword: "THEN"),
                 "MERGE" where !next(isKeyword: "INTO"),
                 "DELETE" where !next(isKeyword: "FROM"):
                // (INSERT and UPDATE after THEN are MERGE actions, not statements.)
                index += 1
                readTableItem(writes: true)
            case "TABLE" where previous(isSymbol: ",") || previous(isSymbol: "("):
                // A table argument of a table function: `ML.PREDICT(MODEL m, TABLE d.t)`.
                index += 1
                readTableItem(writes: false)
            case "USING" where statementStarts(with: "MERGE"):
                index += 1
                readTableItem(writes: false)
            case "TABLE" where isCreateOrTruncate(), "VIEW" where isCreateOrTruncate():
                index += 1
                skipKeywords(["IF", "NOT", "EXISTS"])
                readTableItem(writes: true)
            default:
                index += 1
            }
        }
    }

    /// `WITH a AS (…), b AS (…)`: those names are not tables anywhere in the statement.
    mutating func collectCTEs() {
        for (position, token) in tokens.enumerated() where token.isKeyword("AS") && position > 0 && position + 1 < tokens.count {
            let before = tokens[position - 1]
            guard tokens[position + 1].text == "(", before.kind == .word || before.kind == .quoted else { continue }
            // Preceded by WITH, RECURSIVE or a comma closing the previous CTE.
            if position >= 2, tokens[position - 2].isKeyword("WITH") || tokens[position - 2].isKeyword("RECURSIVE") || tokens[position - 2].text == "," {
                cteNames.insert(before.text.lowercased())
            }
        }
    }

    /// A FROM list: items separated by commas (comma joins) until a clause keyword.
    mutating func readFromList(writes: Bool) {
        readTableItem(writes: writes)
        while index < tokens.count, tokens[index].text == "," {
            index += 1
            readTableItem(writes: writes)
        }
    }

    /// One FROM/JOIN item: a path, a subquery, UNNEST, or a table function — then an alias.
    mutating func readTableItem(writes: Bool) {
        guard index < tokens.count else { return }
        let token = tokens[index]
        if token.text == "(" {
            // A subquery or a parenthesised join: its contents are read by the main loop.
            return
        }
        if token.isKeyword("UNNEST") || token.isKeyword("LATERAL") {
            index += 1
            skipParenthesised()
            readAlias()
            return
        }
        guard token.kind == .word || token.kind == .quoted else { return }
        let path = readPath()
        // After a write target, `(` opens a column list; after a read, a table function's arguments.
        if !writes, index < tokens.count, tokens[index].text == "(" {
            readTableFunction(path)
            readAlias()
            return
        }
        // `FOR SYSTEM_TIME AS OF …` changes when, not what.
        record(path, writes: writes)
        readAlias()
    }

    /// Dotted parts, backticked or bare, with unquoted dashes in project ids (`my-proj.d.t`)
    /// and a trailing `*` for wildcard tables. Parts and separators must touch.
    mutating func readPath() -> [String] {
        var text = ""
        var expectPart = true
        while index < tokens.count {
            let token = tokens[index]
            if expectPart {
                let isPart = token.kind == .word || token.kind == .quoted || (token.kind == .number && !text.isEmpty)
                guard isPart, text.isEmpty || token.touchesPrevious else { break }
                text += token.text
                expectPart = false
            } else {
                guard token.touchesPrevious, token.kind == .symbol, [".", "-", "*"].contains(token.text) else { break }
                text += token.text
                if token.text == "*" { index += 1; break }
                expectPart = true
            }
            index += 1
        }
        return split(text)
    }

    private func split(_ text: String) -> [String] {
        text.split(separator: ".", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    mutating func record(_ path: [String], writes: Bool) {
        guard let first = path.first else { return }
        // A CTE, or an array of a table already in the FROM list (`FROM t, t.items`).
        if path.count == 1 && cteNames.contains(first.lowercased()) { return }
        if path.count >= 2 && aliases.contains(first.lowercased()) && !path.contains(where: { $0.uppercased() == "INFORMATION_SCHEMA" }) { return }
        let reference = resolve(path)
        if writes {
            if !result.writes.contains(reference) { result.writes.append(reference) }
        } else if !result.reads.contains(reference) {
            result.reads.append(reference)
        }
    }

    func resolve(_ path: [String]) -> SQLTableReference {
        let schemaIndex = path.firstIndex { $0.uppercased() == "INFORMATION_SCHEMA" }
        let isWildcard = path.last?.hasSuffix("*") == true
        var full: [String] = path
        if schemaIndex == nil {
            if full.count == 2, let project { full.insert(project.rawValue, at: 0) }
            if full.count == 1, let project, let dataset { full = [project.rawValue, dataset.rawValue] + full }
        }
        var resolved: TableRef?
        if schemaIndex == nil, full.count == 3, let p = try? ProjectID(full[0]), let d = try? DatasetID(full[1]),
           let t = try? TableID(full[2], allowWildcard: true) {
            resolved = TableRef(project: p, dataset: d, table: t)
        }
        return SQLTableReference(path: path, resolved: resolved, isWildcard: isWildcard, isInformationSchema: schemaIndex != nil)
    }

    /// `EXTERNAL_QUERY("conn", "…")` names a connection and a source query; other table
    /// functions' table arguments (`TABLE d.t`) are read by the main loop.
    mutating func readTableFunction(_ path: [String]) {
        let start = index
        if path.last?.uppercased() == "EXTERNAL_QUERY" {
            var strings: [String] = []
            var depth = 0
            var position = index
            repeat {
                if tokens[position].text == "(" { depth += 1 }
                if tokens[position].text == ")" { depth -= 1 }
                if tokens[position].kind == .string && depth == 1 { strings.append(tokens[position].text) }
                position += 1
            } while position < tokens.count && depth > 0
            if strings.count >= 2 {
                let inner = SQLReferences.extract(from: strings[1])
                result.externalQueries.append(ExternalQueryReference(connection: strings[0], tables: inner.reads.map(\.description)))
            }
            index = position
            return
        }
        index = start + 1  // into the arguments: `TABLE x` inside is read as usual
    }

    mutating func readAlias() {
        guard index < tokens.count else { return }
        if tokens[index].isKeyword("FOR") { skipSystemTime() }
        if index < tokens.count, tokens[index].isKeyword("AS") { index += 1 }
        guard index < tokens.count, tokens[index].kind == .word || tokens[index].kind == .quoted,
              !Self.clauseKeywords.contains(tokens[index].text.uppercased()) else { return }
        aliases.insert(tokens[index].text.lowercased())
        index += 1
    }

    mutating func skipSystemTime() {
        // FOR SYSTEM_TIME AS OF <expression>: skip to the next clause, comma or alias-able word.
        index += 1
        while index < tokens.count, !(tokens[index].text == "," || Self.clauseKeywords.contains(tokens[index].text.uppercased()) || tokens[index].text == ")") {
            if tokens[index].text == "(" { skipParenthesised() } else { index += 1 }
        }
    }

    mutating func skipParenthesised() {
        guard index < tokens.count, tokens[index].text == "(" else { return }
        var depth = 0
        repeat {
            if tokens[index].text == "(" { depth += 1 }
            if tokens[index].text == ")" { depth -= 1 }
            index += 1
        } while index < tokens.count && depth > 0
    }

    mutating func skipKeywords(_ words: [String]) {
        while index < tokens.count, words.contains(tokens[index].text.uppercased()), tokens[index].kind == .word { index += 1 }
    }

    func previousKeyword(is word: String) -> Bool {
        var position = index - 1
        while position >= 0, tokens[position].kind == .word {
            if tokens[position].isKeyword(word) { return true }
            if !["INTO", "FROM", "ONLY"].contains(tokens[position].text.uppercased()) { return false }
            position -= 1
        }
        return false
    }

    func previous(isKeyword word: String) -> Bool {
        index > 0 && tokens[index - 1].isKeyword(word)
    }

    func previous(isSymbol symbol: String) -> Bool {
        index > 0 && tokens[index - 1].kind == .symbol && tokens[index - 1].text == symbol
    }

    func next(isKeyword word: String) -> Bool {
        index + 1 < tokens.count && tokens[index + 1].isKeyword(word)
    }

    /// The current statement (since the last `;`) starts with `word`.
    func statementStarts(with word: String) -> Bool {
        var position = index - 1
        while position > 0, tokens[position - 1].text != ";" { position -= 1 }
        return position >= 0 && tokens[max(0, position)].isKeyword(word)
    }

    /// `CREATE [OR REPLACE] [TEMP] [MATERIALIZED] TABLE|VIEW`, `TRUNCATE TABLE`, `DROP …`.
    func isCreateOrTruncate() -> Bool {
        var position = index - 1
        while position >= 0, tokens[position].kind == .word {
            let word = tokens[position].text.uppercased()
            if ["CREATE", "TRUNCATE"].contains(word) { return true }
            if !["OR", "REPLACE", "TEMP", "TEMPORARY", "MATERIALIZED", "EXTERNAL", "SNAPSHOT"].contains(word) { return false }
            position -= 1
        }
        return false
    }

    static let clauseKeywords: Set<String> = [
        "WHERE", "GROUP", "ORDER", "HAVING", "QUALIFY", "LIMIT", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "JOIN", "LEFT", "RIGHT",
        "INNER", "FULL", "CROSS", "OUTER", "ON", "USING", "SELECT", "FROM", "AS", "WITH", "SET", "VALUES", "WHEN", "THEN", "OPTIONS",
        "PARTITION", "CLUSTER", "TABLESAMPLE", "PIVOT", "UNPIVOT", "FOR",
    ]
}
