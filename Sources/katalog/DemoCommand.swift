import ArgumentParser
import KatalogCLI

/// `katalog demo [--reset]`: where the demo workspace is, and recreating it.
struct DemoCommand: ParsableCommand, ParsableCommandWithGlobals {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show where the demo workspace is; --reset recreates it (or creates it at --workspace).")

    @Flag(help: "Empty the workspace and fill it with the demo project again. The audit log is kept.")
    var reset = false

    @Option(name: .customLong("export-bigquery"), help: ArgumentHelp(
        "Write the demo's datasets and tables as BigQuery REST resources (JSON), to load them into a BigQuery project.", valueName: "file"))
    var exportBigQuery: String?

    @Flag(help: "Print what was done as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions
}
