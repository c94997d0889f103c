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

    @Option(help: ArgumentHelp(
        "Recreate the workspace as a synthetic team project of this many tables (in about one dataset per 50), to measure katalog at scale.",
        valueName: "tables"))
    var synthetic: Int?

    @Option(help: "The seed of --synthetic: the same seed and size give the same project.")
    var seed: UInt64 = 1

    @Flag(help: "Print what was done as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions
}
