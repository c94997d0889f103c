/// Who is using katalog, as the marketplace's `/api/userData` tells: their groups decide what
/// they may change, and each team group owns one GCP project.
public struct UserContext: Hashable, Sendable, Codable {
    public struct TeamProject: Hashable, Sendable, Codable {
        public let project: ProjectID
        public let group: String

        public init(project: ProjectID, group: String) {
            self.project = project
            self.group = group
        }
    }

    public let name: String
    public let email: String
    public let groups: [String]
    public let teamProjects: [TeamProject]

    public init(name: String, email: String, groups: [String], teamProjects: [TeamProject]) {
        self.name = name
        self.email = email
        self.groups = groups.map { $0.lowercased() }
        self.teamProjects = teamProjects
    }

    public func isMember(of group: String) -> Bool {
        groups.contains(group.lowercased())
    }

    public func projects(ownedBy group: String) -> [ProjectID] {
        teamProjects.filter { $0.group.lowercased() == group.lowercased() }.map(\.project)
    }
}
