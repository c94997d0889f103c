import Foundation
import KatalogCore
import KatalogTUI

// First of all: whatever crashes from here on, the terminal is given back as it was.
CrashRestore.install()

// The entry point: Launcher parses and runs commands; the terminal UI runs here, on the main
// thread, which is the one thread that ever touches ncurses.
let environment = ProcessInfo.processInfo.environment
let launcher = Launcher(
    environment: environment,
    // The last gate: no secret katalog holds is ever written, whatever a message quotes.
    stdout: { FileHandle.standardOutput.write(Data(Secrets.shared.redact($0).utf8)) },
    stderr: { FileHandle.standardError.write(Data(Secrets.shared.redact($0).utf8)) })
// Commands run as async code; the main thread waits for them, so the terminal UI below runs
// on the main thread itself (signals go there, and ncurses lives there).
final class Box<T>: @unchecked Sendable { var value: T?; init() {} }
let outcome = Box<Launcher.Outcome>()
let done = DispatchSemaphore(value: 0)
Task.detached {
    outcome.value = await launcher.run(Array(CommandLine.arguments.dropFirst()))
    done.signal()
}
done.wait()
switch outcome.value! {
case let .exit(status):
    exit(status)
case let .terminalUI(services, global, backend):
    do {
        exit(try TUILauncher(environment: environment).run(services: services, global: global, backend: backend))
    } catch {
        let language = global.lang.flatMap(Language.init(userInput:)) ?? Language.fromEnvironment(environment)
        FileHandle.standardError.write(Data(("katalog: " + Secrets.shared.redact(error.message.text(language)) + "\n").utf8))
        exit(1)
    }
}
