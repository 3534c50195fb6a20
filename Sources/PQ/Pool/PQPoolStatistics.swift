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
