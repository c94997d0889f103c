/// A dataset in a project: `project.dataset`.
public struct DatasetRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let project: ProjectID
    public let dataset: DatasetID

    public init(project: ProjectID, dataset: DatasetID) {
        self.project = project
        self.dataset = dataset
    }

    public var description: String { "\(project).\(dataset)" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.project, a.dataset) < (b.project, b.dataset)
    }
}
