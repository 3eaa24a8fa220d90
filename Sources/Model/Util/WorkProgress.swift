import Foundation

/// How far a long piece of work has got, for a screen to show while it runs: the step, in Russian, and how many of
/// how many items are done (0 of 0: a step that has no count).
public struct WorkProgress: Equatable, Sendable {
    public var step: String
    public var done: Int
    public var total: Int

    public init(_ step: String, done: Int = 0, of total: Int = 0) { self.step = step; self.done = done; self.total = total }

    /// The share done, 0…1 (nil for a step without a count).
    public var fraction: Double? { total > 0 ? min(Double(done) / Double(total), 1) : nil }
}

/// Where a long piece of work reports its progress; called on any thread (cards are read on all cores).
public typealias ProgressReport = @Sendable (WorkProgress) -> Void

/// Counts items done on many threads at once and reports every `every`-th and the last, so that 3,000 cards make
/// a hundred reports, not three thousand.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    let step: String
    let total: Int
    let every: Int
    let report: ProgressReport

    init(_ step: String, total: Int, report: @escaping ProgressReport) {
        self.step = step; self.total = total; self.report = report
        every = max(total / 100, 1)
        report(WorkProgress(step, done: 0, of: total))
    }

    func tick() {
        lock.lock()
        done += 1
        let d = done
        lock.unlock()
        if d % every == 0 || d == total { report(WorkProgress(step, done: d, of: total)) }
    }
}
