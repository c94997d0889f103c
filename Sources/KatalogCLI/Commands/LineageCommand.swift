import ArgumentParser
import KatalogCore
import KatalogServices

/// `katalog lineage`: the graph from sources to dataprodukter, for other tools.
public struct LineageCommand: ServiceCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Print the lineage graph (sources → råsone → dataprodukter) as JSON, Mermaid, Graphviz DOT or a text drawing.",
        discussion: "--focus limits it to one table with --up hops upstream and --down hops downstream.")

    @Option(help: ArgumentHelp("Only around this table (PROJECT.DATASET.TABLE or DATASET.TABLE).", valueName: "table"))
    var focus: String?

    @Option(help: ArgumentHelp("Hops upstream of --focus.", valueName: "n"))
    var up: Int = 2

    @Option(help: ArgumentHelp("Hops downstream of --focus.", valueName: "n"))
    var down: Int = 2

    @Option(help: ArgumentHelp("json, mermaid, dot or text (the drawing, for pasting into issues).", valueName: "format"))
    var format: String = "json"

    @Option(help: ArgumentHelp("For text: left-to-right (terminals are wide) or bottom-to-top (as the team docs draw it).", valueName: "direction"))
    var direction: String = "left-to-right"

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run(in context: CommandContext) async throws {
        let formats = ["json", "mermaid", "dot", "text"]
        guard formats.contains(format) else {
            throw InvalidInput([Problem(field: "format", code: "format", message: LocalizedText(
                nb: "Ukjent format «\(TerminalText.line(format))». Velg json, mermaid, dot eller text.",
                en: "Unknown format “\(TerminalText.line(format))”. Choose json, mermaid, dot or text."))])
        }
        let directions: [String: LayeredLayout.Direction] = ["left-to-right": .leftToRight, "bottom-to-top": .bottomToTop]
        guard let drawingDirection = directions[direction] else {
            throw InvalidInput([Problem(field: "direction", code: "direction", message: LocalizedText(
                nb: "Ukjent retning «\(TerminalText.line(direction))». Velg left-to-right eller bottom-to-top.",
                en: "Unknown direction “\(TerminalText.line(direction))”. Choose left-to-right or bottom-to-top."))])
        }
        guard up >= 0, down >= 0 else {
            throw InvalidInput([Problem(field: "up", code: "hops", message: LocalizedText(nb: "--up og --down må være 0 eller mer.", en: "--up and --down must be 0 or more."))])
        }
        // A bad lineage.yaml stops here with every file:line: CI should fail on it.
        let declared = try context.lineageFile.map { try LineageFile.load(path: $0) }
        var (graph, notices) = try await LineageBuilder(services: context.services, declared: declared).build()
        if let focus {
            let ref = try TableRef(parsing: focus, defaultProject: context.services.warehouse.project)
            guard graph.node(ref.description) != nil else {
                throw ServiceError.notFound(LocalizedText(nb: "\(ref) er ikke i lineage-grafen.", en: "\(ref) is not in the lineage graph."))
            }
            graph = graph.focused(on: ref.description, up: up, down: down)
        }
        for notice in notices { context.warn(notice.text(context.language)) }
        for cycle in graph.cycles() {
            context.warn(context.t("Syklus i lineage: ", "Cycle in the lineage: ") + cycle.joined(separator: " → "))
        }
        switch format {
        case "mermaid": context.print(LineageExport.mermaid(graph, language: context.language), terminator: "")
        case "dot": context.print(LineageExport.dot(graph, language: context.language), terminator: "")
        case "text":
            guard let draw = context.drawLineage else { throw ServiceError.backend(LocalizedText(nb: "Tegningen er ikke tilgjengelig.", en: "The drawing is not available.")) }
            context.print(draw(graph, drawingDirection), terminator: "")
        default: context.print(try LineageExport.json(graph))
        }
    }
}
