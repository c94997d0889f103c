import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a peer's command and times it from spawn to exit with posix_spawn and waitpid:
/// Foundation's Process adds tens of milliseconds on Linux (its exit is noticed by polling),
/// which would swamp a peer that answers in 3 ms. Output goes to /dev/null.
enum Spawn {
    /// Seconds, or nil when the command could not run or failed.
    static func time(_ path: String, _ arguments: [String], stdin: String? = nil) -> Double? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // Exited normally (fzf's 1 means "no match", still a full run).
        return status & 0x7f == 0 && (status >> 8) & 0xff <= 1 ? seconds : nil
    }
}
