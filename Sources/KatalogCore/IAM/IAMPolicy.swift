/// A table's IAM policy, as tables.getIamPolicy returns it. The etag must be sent back on
/// write; a write with a stale etag is refused (optimistic concurrency).
public struct IAMPolicy: Hashable, Sendable, Codable {
    public struct Binding: Hashable, Sendable, Codable {
        public let role: String
        public let members: [String]
        public let condition: Condition?

        public init(role: String, members: [String], condition: Condition? = nil) {
            self.role = role
            self.members = members
            self.condition = condition
        }
    }

    /// An IAM condition (`Expr`).
    public struct Condition: Hashable, Sendable, Codable {
        public let title: String
        public let expression: String
        public let description: String?

        public init(title: String, expression: String, description: String? = nil) {
            self.title = title
            self.expression = expression
            self.description = description
        }
    }

    public let bindings: [Binding]
    public let etag: String

    public init(bindings: [Binding], etag: String) {
        self.bindings = bindings
        self.etag = etag
    }

    /// The policy with `member` added to `role` (a no-op when already there).
    public func adding(_ member: String, to role: String) -> IAMPolicy {
        if bindings.contains(where: { $0.role == role && $0.condition == nil && $0.members.contains(member) }) { return self }
        var updated = bindings
        if let index = updated.firstIndex(where: { $0.role == role && $0.condition == nil }) {
            updated[index] = Binding(role: role, members: (updated[index].members + [member]).sorted())
        } else {
            updated.append(Binding(role: role, members: [member]))
        }
        return IAMPolicy(bindings: updated, etag: etag)
    }

    /// The policy with `member` removed from `role`; bindings left empty disappear.
    public func removing(_ member: String, from role: String) -> IAMPolicy {
        let updated = bindings.compactMap { binding -> Binding? in
            guard binding.role == role else { return binding }
            let members = binding.members.filter { $0 != member }
            return members.isEmpty ? nil : Binding(role: role, members: members, condition: binding.condition)
        }
        return IAMPolicy(bindings: updated, etag: etag)
    }

    public func members(of role: String) -> [String] {
        bindings.filter { $0.role == role }.flatMap(\.members)
    }
}
