import Foundation

/// datasets.list, asked once for all who need it at about the same time: at start the tree,
/// the three sibling APIs (which look in the datasets' locations) and the Data Lineage API
/// (once per table) would otherwise each list the project again. An answer is shared while
/// its call runs and for `maxAge` after (a dataset made in the console shows within that);
/// a failure is not kept.
actor SharedDatasetList {
    private let maxAge: TimeInterval
    private var current: (answer: Task<[DatasetList.Item], any Error>, asked: Date)?

    init(maxAge: TimeInterval = 30) {
        self.maxAge = maxAge
    }

    func items(_ fetch: @escaping @Sendable () async throws -> [DatasetList.Item]) async throws -> [DatasetList.Item] {
        if let current, Date().timeIntervalSince(current.asked) < maxAge {
            return try await current.answer.value
        }
        let answer = Task { try await fetch() }
        current = (answer, Date())
        do {
            return try await answer.value
        } catch {
            current = nil
            throw error
        }
    }
}
