import Synchronization

/// The pool's occupancy at one instant, for a metrics scrape. Read under the pool's lock, so the
/// numbers agree with each other; they may be stale by the time anyone looks at them.
package struct PQPoolStatistics: Sendable, Equatable {
    /// The configured upper bound on connections.
    package var maximumConnections: Int
    /// Connections open or being opened, leased or idle.
    package var openConnections: Int
    /// Connections held by a caller (`withConnection`, a transaction) or by a batch drainer.
    package var connectionsInUse: Int
    /// Callers (and drainers) waiting for a connection to come free.
    package var waiting: Int
    /// Batched units (`PQPool.query`, `run(unit:)`) queued for a drainer.
    package var queuedUnits: Int
}

/// What the pool reports while it works, for metrics. PQ stays free of any metrics library:
/// whoever builds the pool decides where these go.
package struct PQPoolEvents: Sendable {
    /// Called once per pipelined flight that came back, with the units it carried and the statements that went
    /// on the wire (setup statements included), on the pool thread that sent it, before the
    /// callers are answered: it must be cheap and must not block.
    package var flightSent: @Sendable (_ units: Int, _ statements: Int) -> Void

    package init(flightSent: @escaping @Sendable (_ units: Int, _ statements: Int) -> Void = { _, _ in }) {
        self.flightSent = flightSent
    }

    /// Reports nothing.
    package static let none = PQPoolEvents()
}

extension PQPool {
    /// The pool's occupancy now (see `PQPoolStatistics`).
    package var statistics: PQPoolStatistics {
        let (open, inUse, waiting) = state.withLock { ($0.slots, $0.slots - $0.idle.count, $0.waiters.count) }
        return PQPoolStatistics(
            maximumConnections: configuration.maximumConnections,
            openConnections: open,
            connectionsInUse: inUse,
            waiting: waiting,
            queuedUnits: batch.withLock { $0.items.count }
        )
    }
}
