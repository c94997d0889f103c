import ArgumentParser

/// A command that carries the global options.
public protocol ParsableCommandWithGlobals: ParsableCommand {
    var global: GlobalOptions { get }
}
