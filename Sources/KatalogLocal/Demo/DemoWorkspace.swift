import Foundation
import KatalogCore
import KatalogServices

/// Creates the demo workspace: the BigQuery side is stored directly (it stands for what GCP
/// already holds), the marketplace side goes through the service layer — rules, IAM changes
/// and audit included — exactly as a user's own publishing would.
public enum DemoWorkspace {
    /// `$XDG_DATA_HOME/katalog/demo.sqlite`, with XDG's default `~/.local/share`.
    public static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return base + "/katalog/demo.sqlite"
    }

    /// The demo's GCP side as of `now`, for loading it into another backend.
    public static func warehouse(now: Date) -> (datasets: [DatasetInfo], tables: [TableInfo], connections: [Connection],
                                                scheduledQueries: [ScheduledQuery], streams: [DatastreamStream]) {
        let demo = DemoProject(now: now)
        return (demo.datasets, demo.tables, demo.connections, demo.scheduledQueries, demo.streams)
    }

    /// Makes the demo at `path` whole or not at all: it is built in a temporary file beside it
    /// and renamed into place, so an interrupted first run or reset leaves the old workspace
    /// (or none), never half a demo. A workspace already there keeps its audit log.
    @discardableResult
    public static func create(at path: String, now: Date, makeFolder: Bool = true, synthetic: SyntheticSize? = nil) async throws -> LocalWorkspace {
        let folder = (path as NSString).deletingLastPathComponent
        if !makeFolder, !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw WorkspaceError.noFolder(path: path, folder: folder)
        }
        var history: [AuditEvent] = []
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > 0 {
            let old = try LocalWorkspace(path: path)  // refuses what is not a workspace, untouched
            history = try await old.services(now: { now }).audit.events(limit: Int.max).reversed()
            try old.close()
        }
        let temporary = path + ".new-\(getpid())"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } }
        do {
            let fresh = try LocalWorkspace(path: temporary, create: true)
            try fresh.keep(history)
            if let synthetic {
                try await reset(fresh, now: now, contents: SyntheticProject(tables: synthetic.tables, seed: synthetic.seed, now: now))
            } else {
                try await reset(fresh, now: now)
            }
            try fresh.close()  // checkpoints: everything is in the file itself now
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        guard rename(temporary, path) == 0 else {
            throw WorkspaceError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        return try LocalWorkspace(path: path)
    }

    /// Empties `workspace` and fills it with the demo project as of `now`.
    public static func reset(_ workspace: LocalWorkspace, now: Date) async throws {
        try await reset(workspace, now: now, contents: DemoProject(now: now))
    }

    private static func reset(_ workspace: LocalWorkspace, now: Date, contents demo: some WorkspaceContents) async throws {
        try workspace.reset(project: DemoProject.project, user: DemoProject.user)
        try await workspace.warehouseStore.store(datasets: demo.datasets, tables: demo.tables, connections: demo.connections,
                                                 scheduledQueries: demo.scheduledQueries, streams: demo.streams)
        let services = try workspace.services(now: { now })
        // Grants were given weeks ago and requests came in lately, so ages look real.
        let monthsAgo = try workspace.services(now: { now.addingTimeInterval(-60 * 86_400) })
        let daysAgo = try workspace.services(now: { now.addingTimeInterval(-2 * 86_400) })

        for product in demo.products {
            let created = try await services.marketplace.createDataprodukt(product.new)
            let draft = product.datasett
            let datasett = try await services.marketplace.createDatasett(NewDatasett(
                dataproduktID: created.id, name: draft.name, description: draft.description, pii: draft.pii, keywords: draft.keywords,
                table: draft.table, piiTags: draft.piiTags, anonymisationDescription: draft.anonymisationDescription,
                grantAllUsers: draft.grantAllUsers))
            for grant in product.grants {
                _ = try await monthsAgo.access.grant(GrantRequest(
                    datasettID: datasett.id, subject: grant.subject, owner: grant.owner,
                    expires: grant.expiresInDays.map { now.addingTimeInterval($0 * 86_400) }))
            }
            for request in product.requests {
                _ = try await daysAgo.access.requestAccess(NewAccessRequest(
                    datasettID: datasett.id, subject: request.subject, owner: request.owner,
                    expires: request.expiresInDays.map { now.addingTimeInterval($0 * 86_400) }, polly: request.polly))
            }
        }
        try await services.audit.record(AuditEvent(time: now, actor: DemoProject.user.email, action: "demo.reset",
                                                   target: workspace.path, detail: "demoarbeidsflaten er laget på nytt"))
    }
}
