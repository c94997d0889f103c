import KatalogCore

/// How many datasets are read at once: enough to hide the round trips, few enough not to be
/// throttled.
public let concurrentListings = 8

/// `body` for each dataset, `concurrentListings` at a time, each answer on its own.
public func eachDataset<T: Sendable>(_ datasets: [DatasetRef], _ body: @escaping @Sendable (DatasetRef) async throws -> T) async
    -> [DatasetRef: Result<T, any Error>] {
    await withTaskGroup(of: (DatasetRef, Result<T, any Error>).self) { group in
        var waiting = datasets[...]
        func startNext() {
            guard let dataset = waiting.popFirst() else { return }
            group.addTask {
                do { return (dataset, .success(try await body(dataset))) } catch { return (dataset, .failure(error)) }
            }
        }
        for _ in 0..<concurrentListings { startNext() }
        var answers: [DatasetRef: Result<T, any Error>] = [:]
        while let (dataset, answer) = await group.next() {
            answers[dataset] = answer
            startNext()
        }
        return answers
    }
}
