import Foundation

/// BigQuery IAM against the marketplace's grants: the bindings the grants imply — a table
/// binding `roles/bigquery.dataViewer` and a dataset entry `roles/bigquery.metadataViewer` per
/// active grant — compared with what IAM holds. Bindings nobody granted through the marketplace
/// (Terraform, the console) and grants whose binding is gone are drift; only the two roles the
/// marketplace manages are compared.
public enum IAMDrift {
    public static let tableRole = "roles/bigquery.dataViewer"
    public static let datasetRole = "roles/bigquery.metadataViewer"

    public struct Finding: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable, Codable {
            /// In IAM, granted by no active marketplace grant: revoke it, or register it as a grant.
            case strayTableBinding, strayDatasetEntry
            /// An active grant whose binding is not in IAM: grant it again.
            case missingTableBinding, missingDatasetEntry

            public var label: LocalizedText {
                switch self {
                case .strayTableBinding: LocalizedText(nb: "binding uten tilgang", en: "binding, no grant")
                case .strayDatasetEntry: LocalizedText(nb: "oppføring uten tilgang", en: "entry, no grant")
                case .missingTableBinding: LocalizedText(nb: "tilgang uten binding", en: "grant, no binding")
                case .missingDatasetEntry: LocalizedText(nb: "tilgang uten oppføring", en: "grant, no entry")
                }
            }
        }

        public let kind: Kind
        /// The IAM member, `user:…`, `group:…`, `serviceAccount:…`.
        public let member: String
        public let table: TableRef?
        public let dataset: DatasetRef
        /// The grant behind a missing binding.
        public let grant: UUID?

        public init(kind: Kind, member: String, table: TableRef?, dataset: DatasetRef, grant: UUID?) {
            self.kind = kind
            self.member = member
            self.table = table
            self.dataset = dataset
            self.grant = grant
        }

        public var what: LocalizedText {
            let place = table?.description ?? dataset.description
            switch kind {
            case .strayTableBinding:
                return LocalizedText(nb: "\(member) kan lese \(place) uten tilgang i markedsplassen (gitt i Terraform eller konsollet). Trekk bindingen, eller gi tilgangen i markedsplassen.",
                                     en: "\(member) can read \(place) without a marketplace grant (given in Terraform or the console). Revoke the binding, or grant it through the marketplace.")
            case .strayDatasetEntry:
                return LocalizedText(nb: "\(member) ser metadata i \(place) uten noen tilgang der i markedsplassen. Fjern oppføringen.",
                                     en: "\(member) sees the metadata of \(place) without any marketplace grant there. Remove the entry.")
            case .missingTableBinding:
                return LocalizedText(nb: "\(member) har tilgang i markedsplassen, men ingen binding på \(place) i BigQuery. Gi tilgangen på nytt.",
                                     en: "\(member) has a marketplace grant but no binding on \(place) in BigQuery. Grant it again.")
            case .missingDatasetEntry:
                return LocalizedText(nb: "\(member) har tilgang i markedsplassen, men ingen metadata-oppføring på \(place). Gi tilgangen på nytt.",
                                     en: "\(member) has a marketplace grant but no metadata entry on \(place). Grant it again.")
            }
        }
    }

    /// The registered datasett with their grants; IAM as read, by table and by dataset.
    public static func compare(_ registered: [(datasett: Datasett, grants: [Grant])], tablePolicies: [TableRef: IAMPolicy],
                               datasetAccess: [DatasetRef: DatasetAccess], now: Date) -> [Finding] {
        var findings: [Finding] = []
        // What the grants imply: members per table, members per dataset.
        var tableMembers: [TableRef: [String: UUID]] = [:]
        var datasetMembers: [DatasetRef: [String: UUID]] = [:]
        for (datasett, grants) in registered {
            let table = datasett.source.table
            tableMembers[table, default: [:]] = tableMembers[table] ?? [:]
            datasetMembers[table.datasetRef, default: [:]] = datasetMembers[table.datasetRef] ?? [:]
            for grant in grants where grant.status(at: now) == .active {
                tableMembers[table]![grant.subject.iamMember] = grant.id
                datasetMembers[table.datasetRef]![grant.subject.iamMember] = grant.id
            }
        }
        for (table, implied) in tableMembers.sorted(by: { $0.key.description < $1.key.description }) {
            guard let policy = tablePolicies[table] else { continue }
            let held = Set(policy.bindings.filter { $0.role == tableRole && $0.condition == nil }.flatMap(\.members))
            for member in held.subtracting(implied.keys).sorted() where !member.hasPrefix("deleted:") {
                findings.append(Finding(kind: .strayTableBinding, member: member, table: table, dataset: table.datasetRef, grant: nil))
            }
            for member in Set(implied.keys).subtracting(held).sorted() {
                findings.append(Finding(kind: .missingTableBinding, member: member, table: table, dataset: table.datasetRef, grant: implied[member]))
            }
        }
        for (dataset, implied) in datasetMembers.sorted(by: { $0.key.description < $1.key.description }) {
            guard let access = datasetAccess[dataset] else { continue }
            let held = Set(access.entries.filter { $0.role == datasetRole }.compactMap { member(of: $0.grantee) })
            for member in held.subtracting(implied.keys).sorted() {
                findings.append(Finding(kind: .strayDatasetEntry, member: member, table: nil, dataset: dataset, grant: nil))
            }
            for member in Set(implied.keys).subtracting(held).sorted() {
                findings.append(Finding(kind: .missingDatasetEntry, member: member, table: nil, dataset: dataset, grant: implied[member]))
            }
        }
        return findings
    }

    /// A dataset entry's grantee as an IAM member (a service account is a `userByEmail` there).
    public static func member(of grantee: DatasetAccessEntry.Grantee) -> String? {
        switch grantee {
        case let .userByEmail(email):
            let lower = email.lowercased()
            return lower.hasSuffix(".gserviceaccount.com") ? "serviceAccount:\(lower)" : "user:\(lower)"
        case let .groupByEmail(email): return "group:\(email.lowercased())"
        case let .iamMember(member): return member
        case .domain, .specialGroup, .view: return nil
        }
    }
}
