import Foundation

/// Something about who can read a team's datasett that deserves the owner's attention — what
/// the web shows nobody. Each says what is wrong, what to do, and the action that does it.
public struct AccessRisk: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        case personalDataOpenToAll = "personal_data_open_to_all"
        case expiredStillInIAM = "expired_still_in_iam"
        case expiringSoon = "expiring_soon"
        case personalDataWithoutPurpose = "personal_data_without_purpose"
        case deletedMemberInIAM = "deleted_member_in_iam"
        case serviceAccountWithoutOwnerTeam = "service_account_without_owner_team"
        case grantToDeletedSubject = "grant_to_deleted_subject"
    }

    /// What fixes it.
    public enum Action: Hashable, Sendable {
        case revoke(grant: UUID)
        case extend(grant: UUID)
        case removeTableBinding(member: String, table: TableRef)
    }

    public let kind: Kind
    public let datasett: UUID
    public let datasettName: String
    public let member: String?
    public let message: LocalizedText
    public let action: Action
}

/// The rules, pure: the same datasett, grants and IAM give the same risks.
public enum AccessRisks {
    /// Grants running out within this many days are flagged.
    public static let expiringWithinDays = 14

    public struct Input: Sendable {
        public let datasett: Datasett
        public let grants: [Grant]
        /// The table's IAM policy, when it could be read.
        public let tablePolicy: IAMPolicy?
        /// Of the requests behind grants: whether each documented a purpose in Polly.
        public let documentedPurpose: [UUID: Bool]
        /// The owner group of the datasett's dataprodukt (its own members need no purpose).
        public let ownerGroup: String

        public init(datasett: Datasett, grants: [Grant], tablePolicy: IAMPolicy?, documentedPurpose: [UUID: Bool] = [:], ownerGroup: String) {
            self.datasett = datasett
            self.grants = grants
            self.tablePolicy = tablePolicy
            self.documentedPurpose = documentedPurpose
            self.ownerGroup = ownerGroup
        }
    }

    public static func find(_ inputs: [Input], now: Date) -> [AccessRisk] {
        inputs.flatMap { risks(of: $0, now: now) }
    }

    static func risks(of input: Input, now: Date) -> [AccessRisk] {
        let datasett = input.datasett
        let name = datasett.name
        func risk(_ kind: AccessRisk.Kind, _ member: String?, _ action: AccessRisk.Action, nb: String, en: String) -> AccessRisk {
            AccessRisk(kind: kind, datasett: datasett.id, datasettName: name, member: member, message: LocalizedText(nb: nb, en: en), action: action)
        }
        var found: [AccessRisk] = []
        let readers = Set(input.tablePolicy?.bindings.filter { $0.role == IAMDrift.tableRole }.flatMap(\.members) ?? [])
        let deleted = readers.filter { $0.hasPrefix("deleted:") }
        for grant in input.grants {
            let member = grant.subject.iamMember
            switch grant.status(at: now) {
            case .revoked:
                continue
            case .expired:
                if readers.contains(member) {
                    found.append(risk(.expiredStillInIAM, member, .revoke(grant: grant.id),
                                      nb: "Tilgangen til \(member) på «\(name)» er utløpt, men står fortsatt i IAM. Trekk den.",
                                      en: "The grant to \(member) on “\(name)” has expired but is still in IAM. Revoke it."))
                }
                continue
            case .active:
                break
            }
            if grant.subject.isAllUsers && datasett.pii != .none {
                found.append(risk(.personalDataOpenToAll, member, .revoke(grant: grant.id),
                                  nb: "«\(name)» har \(datasett.pii.label.nb) og er åpent for hele NAV. Trekk tilgangen for hele NAV; la brukere søke.",
                                  en: "“\(name)” holds \(datasett.pii.label.en) and is open to all of NAV. Revoke the all-of-NAV grant; let users apply."))
            }
            if let expires = grant.expires, expires.timeIntervalSince(now) < Double(expiringWithinDays) * 86_400 {
                let days = max(0, Int((expires.timeIntervalSince(now) / 86_400).rounded(.up)))
                found.append(risk(.expiringSoon, member, .extend(grant: grant.id),
                                  nb: "Tilgangen til \(member) på «\(name)» utløper om \(days) dager. Forleng den om den fortsatt trengs.",
                                  en: "The grant to \(member) on “\(name)” expires in \(days) days. Extend it if it is still needed."))
            }
            let documented = grant.accessRequestID.flatMap { input.documentedPurpose[$0] } ?? false
            if datasett.pii != .none && !grant.subject.isAllUsers && !documented && grant.subject.email != input.ownerGroup.lowercased() {
                found.append(risk(.personalDataWithoutPurpose, member, .revoke(grant: grant.id),
                                  nb: "\(member) leser personopplysninger i «\(name)» uten et formål dokumentert i Polly. Be om en behandling, eller trekk tilgangen.",
                                  en: "\(member) reads personal data in “\(name)” without a purpose documented in Polly. Ask for a processing activity, or revoke the grant."))
            }
            if grant.subject.type == .serviceAccount && (grant.owner.isEmpty || grant.owner.lowercased() == grant.subject.email) {
                found.append(risk(.serviceAccountWithoutOwnerTeam, member, .revoke(grant: grant.id),
                                  nb: "Tjenestekontoen \(grant.subject.email) har tilgang til «\(name)» uten et eierteam. Gi den på nytt med teamet som eier, eller trekk den.",
                                  en: "The service account \(grant.subject.email) has access to “\(name)” without an owner team. Grant it again with its team as owner, or revoke it."))
            }
            // IAM writes `deleted:user:x@nav.no?uid=…` when the account behind a member is deleted.
            if deleted.contains(where: { Self.deletedMember($0) == member }) {
                found.append(risk(.grantToDeletedSubject, member, .revoke(grant: grant.id),
                                  nb: "\(member) finnes ikke lenger (IAM viser den som slettet), men har fortsatt tilgang til «\(name)». Trekk den.",
                                  en: "\(member) no longer exists (IAM shows it deleted) but still has access to “\(name)”. Revoke it."))
            }
        }
        for member in deleted.sorted() {
            found.append(risk(.deletedMemberInIAM, member, .removeTableBinding(member: member, table: datasett.source.table),
                              nb: "IAM på \(datasett.source.table) har et slettet medlem, \(member). Fjern bindingen.",
                              en: "The IAM of \(datasett.source.table) holds a deleted member, \(member). Remove the binding."))
        }
        return found
    }

    /// `deleted:user:x@nav.no?uid=123` → `user:x@nav.no`.
    static func deletedMember(_ text: String) -> String? {
        guard text.hasPrefix("deleted:") else { return nil }
        let rest = text.dropFirst("deleted:".count)
        return String(rest.prefix { $0 != "?" }).lowercased()
    }
}
