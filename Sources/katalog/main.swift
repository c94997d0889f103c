import Foundation
import KatalogCore

// The entry point: Launcher parses and runs commands; the terminal UI runs here, on the main
// thread, which is the one thread that ever touches ncurses.
let environment = ProcessInfo.processInfo.environment
let launcher = Launcher(
    environment: environment,
    stdout: { FileHandle.standardOutput.write(Data($0.utf8)) },
    stderr: { FileHandle.standardError.write(Data($0.utf8)) })
switch await launcher.run(Array(CommandLine.arguments.dropFirst())) {
case let .exit(status):
    exit(status)
case let .terminalUI(services, global):
    do {
        try TUILauncher(environment: environment).run(services: services, global: global)
        exit(0)
    } catch {
        let language = global.lang.flatMap(Language.init(userInput:)) ?? Language.fromEnvironment(environment)
        FileHandle.standardError.write(Data(("katalog: " + error.message.text(language) + "\n").utf8))
        exit(1)
    }
}
