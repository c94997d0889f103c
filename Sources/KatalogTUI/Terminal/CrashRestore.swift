import CNcurses

/// Restores the terminal whatever ends the process: installed by `main` before anything that
/// can trap, so a crash never leaves the user's terminal raw on the alternate screen.
public enum CrashRestore {
    public static func install() {
        katalog_install_crash_restore()
    }
}
