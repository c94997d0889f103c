import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// Reads and writes the workspace database for the local services, turning SQLite failures
/// into messages a user can act on. Every `write` is one transaction: a change that fails
/// half-way leaves nothing behind.
struct LocalStore: Sendable {
    let pool: any DatabaseWriter

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.translate(error)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.translate(error)
        }
    }

    /// A change and its audit record in one transaction: both are written, or neither.
    /// `created` names what the change made, for a note without a target.
    func write<T: Sendable>(audit note: AuditNote, at time: Date, created: @escaping @Sendable (T) -> String? = { _ in nil },
                            _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await write { db in
            let result = try body(db)
            try AuditRow(note.event(at: time, created: created(result))).insert(db)
            return result
        }
    }

    static func translate(_ error: Error) -> Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return ServiceError.backend(LocalizedText(
                nb: "Arbeidsflaten er opptatt av en annen katalog-prosess. Prøv igjen om litt.",
                en: "The workspace is busy with another katalog process. Try again in a moment."))
        case .SQLITE_READONLY:
            return ServiceError.backend(LocalizedText(
                nb: "Arbeidsflaten er skrivebeskyttet (--read-only, eller en fil eller mappe du ikke kan skrive i), så ingenting ble endret. Kjør uten --read-only, eller sjekk rettighetene.",
                en: "The workspace is read-only (--read-only, or a file or folder you cannot write), so nothing was changed. Run without --read-only, or check the permissions."))
        case .SQLITE_FULL:
            return ServiceError.backend(LocalizedText(nb: "Disken er full.", en: "The disk is full."))
        default:
            let detail = TerminalText.line(error.message ?? "\(error.resultCode)")
            return ServiceError.backend(LocalizedText(
                nb: "Arbeidsflaten feilet: \(detail)", en: "The workspace failed: \(detail)"))
        }
    }

    /// A fresh etag: opaque, different on every write, like BigQuery's.
    static func newEtag() -> String {
        withUnsafeBytes(of: UUID().uuid) { Data($0) }.prefix(9).base64EncodedString()
    }
}
