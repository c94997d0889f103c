import Foundation

/// Where background work posts its results for the UI thread to pick up.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []

    func post(_ new: [Event]) {
        lock.lock()
        events += new
        lock.unlock()
    }

    func drain() -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        let drained = events
        events = []
        return drained
    }
}
