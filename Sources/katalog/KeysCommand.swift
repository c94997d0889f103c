import ArgumentParser
import KatalogCLI
import KatalogTUI

/// `katalog keys [--markdown]`: the terminal UI's key bindings; `--markdown` writes docs/keys.md.
struct KeysCommand: ParsableCommand, ParsableCommandWithGlobals {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List the terminal UI's key bindings (--markdown: the text of docs/keys.md).")

    @Flag(help: "Print Markdown, as docs/keys.md holds it.")
    var markdown = false

    @Flag(help: "Print JSON: every binding with its action, keys, scope and description.")
    var json = false

    @OptionGroup var global: GlobalOptions
}
