import Foundation

// The entry point: everything else happens in Launcher, which tests can drive too.
let launcher = Launcher(
    environment: ProcessInfo.processInfo.environment,
    stdout: { FileHandle.standardOutput.write(Data($0.utf8)) },
    stderr: { FileHandle.standardError.write(Data($0.utf8)) })
exit(await launcher.run(Array(CommandLine.arguments.dropFirst())))
