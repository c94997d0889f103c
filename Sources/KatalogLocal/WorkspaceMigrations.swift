import GRDB

/// The workspace schema, one registered migration per version. Never edit a shipped migration:
/// add the next one, so every older workspace file upgrades in place.
enum WorkspaceMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: warehouse, marketplace, IAM, drafts, audit") { db in
            try db.create(table: "setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "bqDataset") { t in
                t.column("project", .text).notNull()
                t.column("dataset", .text).notNull()
                t.column("friendlyName", .text)
                t.column("description", .text)
                t.column("labels", .jsonText).notNull()
                t.column("location", .text).notNull()
                t.column("created", .datetime)
                t.column("modified", .datetime)
                t.primaryKey(["project", "dataset"])
            }
            try db.create(table: "bqTable") { t in
                t.column("project", .text).notNull()
                t.column("dataset", .text).notNull()
                t.column("tableId", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("friendlyName", .text)
                t.column("description", .text)
                t.column("labels", .jsonText).notNull()
                t.column("schema", .jsonText).notNull()
                t.column("numRows", .integer)
                t.column("numBytes", .integer)
                t.column("partitioning", .jsonText)
                t.column("clustering", .jsonText).notNull()
                t.column("created", .datetime)
                t.column("modified", .datetime)
                t.column("expires", .datetime)
                t.column("location", .text)
                t.column("query", .text)
                t.primaryKey(["project", "dataset", "tableId"])
                t.foreignKey(["project", "dataset"], references: "bqDataset", onDelete: .cascade)
            }
            try db.create(table: "bqConnection") { t in
                t.primaryKey("id", .text)
                t.column("friendlyName", .text)
                t.column("description", .text)
                t.column("databaseType", .text).notNull()
                t.column("instance", .text)
                t.column("database", .text)
            }
            try db.create(table: "scheduledQuery") { t in
                t.primaryKey("id", .text)
                t.column("displayName", .text).notNull()
                t.column("query", .text).notNull()
                t.column("destination", .text)
                t.column("destinationTableTemplate", .text)
                t.column("writeDisposition", .text)
                t.column("schedule", .text).notNull()
                t.column("disabled", .boolean).notNull()
                t.column("lastRunState", .text)
                t.column("lastRun", .datetime)
            }
            try db.create(table: "datastreamStream") { t in
                t.primaryKey("id", .text)
                t.column("displayName", .text).notNull()
                t.column("state", .text).notNull()
                t.column("sourceType", .text).notNull()
                t.column("sourceProfile", .text).notNull()
                t.column("sourceObjects", .jsonText).notNull()
                t.column("destination", .text).notNull()
                t.column("tablePrefix", .text).notNull()
            }
            try db.create(table: "dataprodukt") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("description", .text)
                t.column("slug", .text).notNull().unique()
                t.column("ownerGroup", .text).notNull()
                t.column("teamkatalogenURL", .text)
                t.column("teamContact", .text)
                t.column("teamID", .text)
                t.column("productAreaID", .text)
                t.column("teamName", .text)
                t.column("created", .datetime).notNull()
                t.column("lastModified", .datetime).notNull()
            }
            try db.create(table: "datasett") { t in
                t.primaryKey("id", .text)
                t.column("dataproduktID", .text).notNull().indexed().references("dataprodukt", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("description", .text)
                t.column("slug", .text).notNull()
                t.column("repo", .text)
                t.column("pii", .text).notNull()
                t.column("keywords", .jsonText).notNull()
                t.column("anonymisationDescription", .text)
                t.column("targetUser", .text).notNull()
                t.column("tableRef", .text).notNull().indexed()
                t.column("tableKind", .text).notNull()
                t.column("piiTags", .jsonText).notNull()
                t.column("pseudoColumns", .jsonText).notNull()
                t.column("created", .datetime).notNull()
                t.column("lastModified", .datetime).notNull()
            }
            try db.create(table: "accessGrant") { t in
                t.primaryKey("id", .text)
                t.column("datasettID", .text).notNull().indexed().references("datasett", onDelete: .cascade)
                t.column("subject", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("granter", .text).notNull()
                t.column("expires", .datetime)
                t.column("created", .datetime).notNull()
                t.column("revoked", .datetime)
                t.column("accessRequestID", .text)
                t.column("platform", .text).notNull()
            }
            try db.create(table: "accessRequest") { t in
                t.primaryKey("id", .text)
                t.column("datasettID", .text).notNull().indexed().references("datasett", onDelete: .cascade)
                t.column("subject", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("created", .datetime).notNull()
                t.column("status", .text).notNull()
                t.column("closed", .datetime)
                t.column("expires", .datetime)
                t.column("granter", .text)
                t.column("polly", .jsonText)
                t.column("reason", .text)
                t.column("platform", .text).notNull()
            }
            try db.create(table: "tableIamPolicy") { t in
                t.primaryKey("tableRef", .text)
                t.column("etag", .text).notNull()
                t.column("bindings", .jsonText).notNull()
            }
            try db.create(table: "datasetAccess") { t in
                t.primaryKey("datasetRef", .text)
                t.column("etag", .text).notNull()
                t.column("entries", .jsonText).notNull()
            }
            try db.create(table: "draft") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull()
                t.column("title", .text).notNull()
                t.column("payload", .blob).notNull()
                t.column("updated", .datetime).notNull()
            }
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("target", .text).notNull()
                t.column("detail", .text).notNull()
            }
            // Append-only: the database itself refuses to rewrite history.
            try db.execute(sql: """
                CREATE TRIGGER auditEventNoUpdate BEFORE UPDATE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER auditEventNoDelete BEFORE DELETE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v2: when cloud metadata was fetched") { db in
            // Cached rows live in bqDataset/bqTable under their project; this says how old
            // each part is: "datasets:P", "tables:P.D", "table:P.D.T".
            try db.create(table: "cacheEntry") { t in
                t.primaryKey("key", .text)
                t.column("fetched", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3: cached transfer machinery") { db in
            // Connections, scheduled queries and streams of a cloud project, each list as one
            // JSON document ("connections:P"); when it was fetched is in cacheEntry.
            try db.create(table: "cacheDocument") { t in
                t.primaryKey("key", .text)
                t.column("body", .blob).notNull()
            }
        }
        migrator.registerMigration("v4: audit intents and outcomes") { db in
            // Remote changes are audited as an intent before the call and an outcome after;
            // local ones stay single `done` rows written with their change.
            try db.alter(table: "auditEvent") { t in
                t.add(column: "status", .text).notNull().defaults(to: "done")
                t.add(column: "intent", .integer).references("auditEvent")
            }
        }
        migrator.registerMigration("v5: why a scheduled query failed, and when it runs next") { db in
            try db.alter(table: "scheduledQuery") { t in
                t.add(column: "lastError", .text)
                t.add(column: "nextRun", .datetime)
            }
        }
        migrator.registerMigration("v6: which backend each audited change went to") { db in
            try db.alter(table: "auditEvent") { t in
                t.add(column: "backend", .text).notNull().defaults(to: "local workspace")
            }
        }
        migrator.registerMigration("v7: table lists read from an index") { db in
            // A list's columns come after the schema in a row, so reading them walked every
            // table's schema pages; this index holds what a list shows (TableListRow.columns).
            try db.create(index: "bqTableList", on: "bqTable",
                          columns: ["project", "dataset", "tableId", "kind", "friendlyName", "labels", "numRows", "numBytes", "created", "modified",
                                    "expires", "location"])
        }
        return migrator
    }
}
