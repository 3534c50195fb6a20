import Synchronization

/// Whether this process wants new traffic. `/readyz` answers 503 once it is withdrawn, while
/// the listener still accepts: a proxy polling `/readyz` takes the server out of rotation
/// during the shutdown grace period, before connections start being refused.
package final class Readiness: Sendable {
    private let withdrawn = Atomic<Bool>(false)

    package init() {}

    package var isWithdrawn: Bool { withdrawn.load(ordering: .relaxed) }

    /// One way only: a stopping server never becomes ready again.
    package func withdraw() { withdrawn.store(true, ordering: .relaxed) }
}
