import Foundation

/// When and how often to try again, and how long any one call may take.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var initialDelay: TimeInterval
    public var maximumDelay: TimeInterval
    /// One exchange — connect, headers and the whole body — must be over within this.
    public var timeout: TimeInterval
    /// One logical call, its retries and their waits included, must be over within this.
    public var callDeadline: TimeInterval
    /// A whole command's calls must be over by this (the CLI's `--timeout`); nil in the UI.
    public var commandDeadline: Date?
    public var retryableReasons: Set<String> = ["backendError", "rateLimitExceeded", "internalError", "badGateway"]
    /// Replaced in tests so retries do not really wait. Only ever given a finite, bounded delay.
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    public init(attempts: Int = 5, initialDelay: TimeInterval = 1, maximumDelay: TimeInterval = 32, timeout: TimeInterval = 30,
                callDeadline: TimeInterval = 120,
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.attempts = attempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
        self.callDeadline = callDeadline
        self.sleep = sleep
    }

    /// 1 s, 2 s, 4 s … capped, with up to 25 % jitter so clients do not retry in step.
    func delay(attempt: Int) -> TimeInterval {
        let base = min(maximumDelay, initialDelay * pow(2, Double(max(0, attempt - 1))))
        return base * Double.random(in: 0.75...1.0)
    }

    /// The wait before the next attempt: the server's `Retry-After` when it is usable, else the
    /// backoff — always finite, never negative, never above `maximumDelay`.
    func delay(attempt: Int, retryAfter header: String?, now: Date = Date()) -> TimeInterval {
        let chosen = header.flatMap { RetryAfter.seconds($0, now: now) } ?? delay(attempt: attempt)
        return min(max(chosen, 0), maximumDelay)
    }
}

/// The `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Anything else —
/// negative, NaN, infinite, garbage — is not a delay, and the caller falls back to its backoff.
enum RetryAfter {
    static func seconds(_ header: String, now: Date) -> TimeInterval? {
        let text = header.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text) {
            return seconds.isFinite && seconds >= 0 ? seconds : nil
        }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// IMF-fixdate, and the two obsolete forms servers still send.
    private static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
