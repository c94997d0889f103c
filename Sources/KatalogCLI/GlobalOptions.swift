import ArgumentParser
import Foundation
import KatalogServices

/// Options every command takes, before or after the subcommand (`katalog --lang en ls` and
/// `katalog ls --lang en` are the same, as with gcloud).
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("The workspace file to open (default: the demo workspace).", valueName: "path"))
    public var workspace: String?

    @Option(name: .long, help: ArgumentHelp("The GCP project to show.", valueName: "id"))
    public var project: String?

    @Option(name: .long, help: ArgumentHelp("The marketplace to use: a URL, prod or dev (default: the workspace's own).", valueName: "url"))
    public var marketplace: String?

    @Option(name: .long, help: ArgumentHelp("Language of messages: nb or en (default: from LANG).", valueName: "nb|en"))
    public var lang: String?

    @Option(name: .long, help: ArgumentHelp("Colour theme of the terminal UI.", valueName: "name"))
    public var theme: String?

    @Option(name: .customLong("lineage-file"), help: ArgumentHelp("Declared lineage and zone rules (default: lineage.yaml here, if there is one).", valueName: "path"))
    public var lineageFile: String?

    @Option(name: .long, help: ArgumentHelp("Give up on a command's cloud calls after this many seconds (default 300).", valueName: "seconds"))
    public var timeout: Double?

    @Flag(name: .customLong("read-only"), help: "Refuse every change (grants, approvals, publishing).")
    public var readOnly = false

    @Flag(help: "Print every request katalog makes (method, path, status, milliseconds) and how many, on standard error.")
    public var trace = false

    public init() {}

    /// `--lineage-file`, else lineage.yaml in the working directory when there is one.
    public func resolvedLineageFile(in directory: String = FileManager.default.currentDirectoryPath) -> String? {
        if let lineageFile { return lineageFile }
        let candidate = directory + "/" + LineageFile.defaultName
        return FileManager.default.fileExists(atPath: candidate) ? LineageFile.defaultName : nil
    }

    /// The names above with whether each takes a value: what `reorder` moves.
    static let names: [String: Bool] = ["--workspace": true, "--project": true, "--marketplace": true, "--lang": true, "--theme": true, "--lineage-file": true, "--timeout": true, "--read-only": false, "--trace": false]

    /// Moves global options to the end of the arguments, where the innermost command parses
    /// them, so they may be typed anywhere. Stops at `--`.
    public static func reorder(_ arguments: [String]) -> [String] {
        var rest: [String] = []
        var globals: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            let name = String(argument.prefix { $0 != "=" })
            if let takesValue = names[name] {
                globals.append(argument)
                if takesValue && !argument.contains("=") && index + 1 < arguments.endIndex {
                    globals.append(arguments[index + 1])
                    index += 1
                }
            } else {
                rest.append(argument)
            }
            index += 1
        }
        if let separator = rest.firstIndex(of: "--") {
            return Array(rest[..<separator]) + globals + Array(rest[separator...])
        }
        return rest + globals
    }
}
