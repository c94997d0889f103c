import ArgumentParser
import KatalogCLI

/// The root command: `katalog` alone opens the terminal UI; subcommands are the CLI.
struct Katalog: ParsableCommand, ParsableCommandWithGlobals {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "katalog",
        abstract: "Browse a team's GCP project, see its lineage, publish dataprodukter and review access.",
        discussion: """
            With no subcommand, katalog opens the terminal UI. With no configuration it works on the \
            embedded demo workspace ($XDG_DATA_HOME/katalog/demo.sqlite), fully offline.

            The options below may come before or after the subcommand.

            Exit codes: 0 ok, 1 bad input, 2 backend failure, 3 a check found something (scheduled --failed).
            """,
        version: version,
        subcommands: [LsCommand.self, ShowCommand.self, ConnectionsCommand.self, ScheduledCommand.self, StreamsCommand.self, ProductsCommand.self, PublishCommand.self, DraftsCommand.self, AuditCommand.self, ImpactCommand.self,
                      AccessCommand.self, LineageCommand.self, KeysCommand.self, DoctorCommand.self, DemoCommand.self])

    @OptionGroup var global: GlobalOptions
}
