import Foundation
import KatalogCore
import KatalogServices
import Yams

/// The user's settings from `$XDG_CONFIG_HOME/katalog/config.yaml`:
///
///     theme: nav            # a shipped theme or one in themes/
///     lang: nb              # nb or en
///     mouse: false          # click to select, wheel to scroll
///     clipboard: true       # `y` writes the clipboard through the terminal (OSC 52); false: only shows it
///     keys:                 # rebind actions (names in docs/keys.md)
///       quit: [q, ctrl-q]
///     bigquery:             # another root for an API (tests, proxies); also connection,
///       endpoint: http://127.0.0.1:9050   # datatransfer, datastream and lineage
///     lineage:
///       fan_limit: 8        # more neighbours on one side collapse into "+N more"
///     marketplace:
///       url: prod           # https://…, prod or dev
///       token_command: [az, account, get-access-token, --query, accessToken, -o, tsv]
public struct Config: Equatable, Sendable {
    public var theme: String?
    public var language: Language?
    public var mouse = false
    public var clipboard = true
    public var keys: [KeyAction: [Key]] = [:]
    /// Other roots than Google's for the cloud APIs, by API: `bigquery`, `connection`,
    /// `datatransfer`, `datastream` (with credentials, unlike an emulator).
    public var endpoints: [String: String] = [:]
    public static let endpointAPIs = ["bigquery", "connection", "datatransfer", "datastream", "lineage"]
    /// On the Lineage screen: more neighbours on one side than this collapse into "+N more".
    public var fanLimit: Int?
    /// The marketplace's base URL (`https://…`, `prod`, `dev`), and the command that prints a
    /// token for it (run without a shell).
    public var marketplaceURL: String?
    public var marketplaceTokenCommand: [String]?

    public init() {}

    /// `$XDG_CONFIG_HOME/katalog`, with XDG's default `~/.config`.
    public static func directory(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/katalog"
    }

    /// What a config file gave: every valid setting, and each bad one as `file:line`.
    public struct Loaded: Equatable, Sendable {
        public var config: Config
        public var problems: [YAMLFileError]
    }

    /// The config in `directory` (the defaults when there is none). One bad value costs only
    /// that setting, never the rest of the file.
    public static func load(from directory: String) -> Loaded {
        let path = directory + "/config.yaml"
        switch UserFile.read(path) {
        case let .success(text):
            return read(text, path: path)
        case .failure(.missing):
            return Loaded(config: Config(), problems: [])
        case let .failure(.tooLarge(bytes)):
            // The defaults, and why.
            return Loaded(config: Config(), problems: [YAMLFileError(file: path, line: 1, problem: UserFile.tooLarge(path, bytes: bytes, what: LocalizedText(nb: "config.yaml", en: "config.yaml")).en)])
        case .failure(.notAFile):
            return Loaded(config: Config(), problems: [YAMLFileError(file: path, line: 1, problem: UserFile.notAFile(path, what: LocalizedText(nb: "config.yaml", en: "config.yaml")).en)])
        }
    }

    /// The settings, or the first problem (for callers that want all or nothing).
    public static func parse(_ text: String, path: String) throws(YAMLFileError) -> Config {
        let loaded = read(text, path: path)
        if let first = loaded.problems.first { throw first }
        return loaded.config
    }

    public static func read(_ text: String, path: String) -> Loaded {
        var config = Config()
        var problems: [YAMLFileError] = []
        let file: YAMLFile
        let entries: [(key: String, keyNode: Node, value: Node)]
        do {
            file = try YAMLFile(path: path, text: text)
            entries = try file.mapping(file.root, what: "the config")
        } catch {
            return Loaded(config: config, problems: [error])
        }
        for (key, keyNode, value) in entries {
            do throws(YAMLFileError) {
                try apply(key, keyNode, value, file, to: &config, problems: &problems)
            } catch {
                problems.append(error)
            }
        }
        return Loaded(config: config, problems: problems)
    }

    /// One top-level setting; inside `keys` and the API sections, each entry on its own.
    private static func apply(_ key: String, _ keyNode: Node, _ value: Node, _ file: YAMLFile, to config: inout Config,
                              problems: inout [YAMLFileError]) throws(YAMLFileError) {
        func each(_ entries: [(key: String, keyNode: Node, value: Node)], _ body: (String, Node, Node) throws(YAMLFileError) -> Void) {
            for (name, node, setting) in entries {
                do throws(YAMLFileError) { try body(name, node, setting) } catch { problems.append(error) }
            }
        }
        do {
            switch key {
            case "theme":
                config.theme = try file.string(value, what: "theme")
            case "lang":
                let text = try file.string(value, what: "lang")
                guard let language = Language(userInput: text) else { throw file.fail(value, "lang must be nb or en, not '\(text)'") }
                config.language = language
            case "mouse", "clipboard":
                let text = try file.string(value, what: key)
                guard let flag = Bool(text) else { throw file.fail(value, "\(key) must be true or false, not '\(text)'") }
                if key == "mouse" { config.mouse = flag } else { config.clipboard = flag }
            case "keys":
                each(try file.mapping(value, what: "keys")) { (name, actionNode, keysNode) throws(YAMLFileError) in
                    guard let action = KeyAction(rawValue: name) else {
                        throw file.fail(actionNode, "unknown action '\(name)' (see docs/keys.md for the names)")
                    }
                    var keys: [Key] = []
                    for keyName in try file.strings(keysNode, what: "the keys of \(name)") {
                        guard let key = Key(name: keyName) else { throw file.fail(keysNode, "'\(keyName)' is not a key (e.g. j, G, enter, esc, ctrl-d, pgdn, f1)") }
                        keys.append(key)
                    }
                    config.keys[action] = keys
                }
            case "marketplace":
                each(try file.mapping(value, what: "marketplace")) { (name, nameNode, setting) throws(YAMLFileError) in
                    switch name {
                    case "url": config.marketplaceURL = try file.string(setting, what: "marketplace.url")
                    case "token_command":
                        // A list is exact; a line is split at spaces (no shell, so no quoting).
                        let parts = try file.strings(setting, what: "marketplace.token_command")
                        let command = parts.count == 1 ? parts[0].split(separator: " ").map(String.init) : parts
                        guard !command.isEmpty else { throw file.fail(setting, "marketplace.token_command must name a program") }
                        config.marketplaceTokenCommand = command
                    default: throw file.fail(nameNode, "unknown setting 'marketplace.\(name)' (known: marketplace.url, marketplace.token_command)")
                    }
                }
            case _ where endpointAPIs.contains(key):
                each(try file.mapping(value, what: key)) { (name, nameNode, setting) throws(YAMLFileError) in
                    if key == "lineage", name == "fan_limit" {
                        let text = try file.string(setting, what: "lineage.fan_limit")
                        guard let limit = Int(text), limit >= 2 else { throw file.fail(setting, "lineage.fan_limit must be a whole number of 2 or more, not '\(text)'") }
                        config.fanLimit = limit
                        return
                    }
                    let known = key == "lineage" ? "lineage.endpoint, lineage.fan_limit" : "\(key).endpoint"
                    guard name == "endpoint" else { throw file.fail(nameNode, "unknown setting '\(key).\(name)' (known: \(known))") }
                    let text = try file.string(setting, what: "\(key).endpoint")
                    guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                        throw file.fail(setting, "\(key).endpoint must be an http(s) URL, not '\(text)'")
                    }
                    config.endpoints[key] = text
                }
            default:
                throw file.fail(keyNode, "unknown setting '\(key)' (known: theme, lang, mouse, clipboard, keys, marketplace, bigquery, connection, datatransfer, datastream, lineage)")
            }
        }
    }
}
