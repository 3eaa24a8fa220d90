import Dispatch
import Foundation
import Model

/// One piece of long work (the export) run off the terminal's thread, so that the screen can show how far it has
/// got: the run loop polls it on each tick (`Effect.pollWork`) and draws the progress in between. One at a time.
final class BackgroundWork: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var latest: WorkProgress?
    private var outcome: [Msg]?

    /// Starts `body` on a worker thread unless work is already running; its reports and its messages are kept for
    /// `poll`. Returns the first progress to show, or nil when something else is running.
    func start(_ first: WorkProgress, _ body: @escaping @Sendable (_ report: @escaping ProgressReport) -> [Msg]) -> WorkProgress? {
        let started: Bool = lock.withLock {
            guard !running else { return false }
            running = true
            latest = first
            outcome = nil
            return true
        }
        guard started else { return nil }
        DispatchQueue.global(qos: .userInitiated).async {
            let msgs = body { p in self.lock.withLock { self.latest = p } }
            self.lock.withLock {
                self.outcome = msgs
                self.running = false
            }
        }
        return first
    }

    /// The work's messages once it is done (then it is forgotten), else how far it has got.
    func poll() -> [Msg] {
        lock.withLock {
            if let o = outcome {
                outcome = nil
                latest = nil
                return o
            }
            return latest.map { [.progress($0)] } ?? []
        }
    }
}
