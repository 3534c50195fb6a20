import NIOCore
import NIOPosix
import Synchronization

/// Statements from many callers share connections, several per round trip.
///
/// `PQPool.query` and `PQPool.run(unit:)` don't lease a connection to their caller. They queue
/// a *unit* (one statement, or a few that must run together); up to
/// `maximumBatchingConnections` drainers, each on a pool connection, take whatever is queued, sends it in one
/// pipelined flight with a Sync after each unit, and answers every caller. Under load a drainer
/// wakes once for many statements, which is where a thread-per-call client loses most of its
/// time. Each unit runs as its own implicit transaction, so one caller's error never touches
/// another's statements. A unit that needs session settings carries them inside that
/// transaction (`PQFlight`, `PQSessionState`).
struct PQBatchQueue: Sendable {
    struct Item: Sendable {
        let unit: [PQQuery]
        let session: PQSessionState?
        /// Only reads: may share a transaction with its neighbours in a flight.
        let readOnly: Bool
        let resume: @Sendable (Result<[PQResult], any Error>) -> Void
        /// The event loop the caller was running on, if any: answers go back through it.
        let eventLoop: (any EventLoop)?
        var retried = false
    }

    var items: [Item] = []
    var drainers = 0

    /// At most this many units go into one flight.
    static let maximumBatch = 64
}

extension PQPool {
    /// Runs the statements of `unit` together (one implicit transaction, one round trip shared
    /// with other callers) and returns their results in order. With `session`, the unit runs on
    /// a connection carrying that state (see `PQSessionState`).
    ///
    /// `readOnly` promises the unit only reads. Such units share one transaction with the
    /// read-only units next to them in a flight (fewer transactions and writes); if one of them
    /// fails, the ones after it are sent again, and the rollback undoes nothing. A unit that
    /// writes must not make that promise: another unit's failure would roll its write back.
    package func run(unit: [PQQuery], session: PQSessionState? = nil, readOnly: Bool = false) async throws -> [PQResult] {
        try await withCheckedThrowingContinuation { continuation in
            let item = PQBatchQueue.Item(unit: unit, session: session, readOnly: readOnly, resume: { continuation.resume(with: $0) },
                                         eventLoop: MultiThreadedEventLoopGroup.currentEventLoop)
            enqueue([item], atFront: false)
        }
    }

    func enqueue(_ items: [PQBatchQueue.Item], atFront: Bool) {
        if state.withLock({ $0.isClosed }) {
            for item in items { item.resume(.failure(PQError(.poolClosed, message: "the connection pool is shut down"))) }
            return
        }
        let startDrainer = batch.withLock { queue -> Bool in
            if atFront { queue.items.insert(contentsOf: items, at: 0) } else { queue.items.append(contentsOf: items) }
            guard queue.drainers < configuration.maximumBatchingConnections else { return false }
            queue.drainers += 1
            return true
        }
        if startDrainer { self.startDrainer() }
    }

    /// Finds a connection for a new drainer: idle, a new slot, or the next one released.
    private func startDrainer() {
        let id = state.withLock { $0.makeWaiterID() }
        let action = state.withLock { state -> PQPoolState<LibPQConnection>.AcquireAction in
            let action = state.acquire()
            if case .wait = action {
                state.enqueue(.init(id: id, resume: { [weak self] result in
                    switch result {
                    case .success(let lease): self?.submitDrain(lease)
                    case .failure(let error): self?.stopDrainer(failingQueuedWith: error)
                    }
                }))
            }
            return action
        }
        switch action {
        case .fail(let error):
            stopDrainer(failingQueuedWith: error)
        case .lease(let lease):
            submitDrain(lease)
        case .wait:
            let timeout = configuration.acquireTimeout
            // Unstructured because no task waits here: it expires the waiter at the deadline
            // and does nothing if a connection arrived first.
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                guard let self, let waiter = self.state.withLock({ $0.removeWaiter(id: id) }) else { return }
                waiter.resume(.failure(PQError(
                    .poolTimeout,
                    message: "no database connection became free within \(timeout) (pool of \(self.configuration.maximumConnections))"
                )))
            }
        }
    }

    private func submitDrain(_ lease: PQPoolState<LibPQConnection>.Lease) {
        threadPool.submit { [self] workState in
            guard case .active = workState else {
                handOverSlot(lease)
                stopDrainer(failingQueuedWith: PQError(.poolClosed, message: "the connection pool is shut down"))
                return
            }
            drain(lease)
        }
    }

    private func handOverSlot(_ lease: PQPoolState<LibPQConnection>.Lease) {
        switch lease {
        case .connection(let connection): release(connection)
        case .open: discardSlot()
        }
    }

    /// On a pool thread: sends queued units in flights until the queue is empty.
    private func drain(_ lease: PQPoolState<LibPQConnection>.Lease) {
        var connection: LibPQConnection
        do {
            if case .connection(let idle) = lease, idle.checkIdleConnection() {
                connection = idle
            } else {
                connection = try LibPQConnection(configuration: configuration)
            }
        } catch {
            discardSlot()
            stopDrainer(failingQueuedWith: error)
            return
        }
        var flights = 0
        while true {
            let items = batch.withLock { queue -> [PQBatchQueue.Item] in
                if queue.items.isEmpty {
                    queue.drainers -= 1
                    return []
                }
                let count = min(queue.items.count, PQBatchQueue.maximumBatch)
                let taken = Array(queue.items.prefix(count))
                queue.items.removeFirst(count)
                return taken
            }
            if items.isEmpty {
                release(connection)
                return
            }
            flights += 1
            let flight = PQFlight(items.map { ($0.unit, $0.session, $0.readOnly) }, connectionState: connection.sessionState)
            var outcomes: [Result<[PQResult], PQError>]
            do {
                let sent = try connection.pipeline(units: flight.units, syncAfter: flight.syncAfter)
                outcomes = flight.answers(sent)
                connection.sessionState = flight.connectionState(after: sent, before: connection.sessionState)
            } catch {
                connection.poisoned = true
                outcomes = items.map { _ in .failure(error) }
            }
            // A connection found dead on its first flight after sitting idle answered nothing,
            // so nothing ran: each unit may go once more on a fresh connection. Later failures
            // are reported, never retried, since a statement may have run before the break.
            let deadOnArrival = flights == 1 && !connection.isHealthy
                && outcomes.allSatisfy { if case .failure(let error) = $0 { error.code == .connectionLost } else { false } }
            var retry: [PQBatchQueue.Item] = []
            var answers: [(PQBatchQueue.Item, Result<[PQResult], PQError>)] = []
            var skipped: [PQBatchQueue.Item] = []
            for (item, outcome) in zip(items, outcomes) {
                if deadOnArrival, !item.retried {
                    var again = item
                    again.retried = true
                    retry.append(again)
                } else if case .failure(let error) = outcome, error.code == .skipped {
                    skipped.append(item)
                } else {
                    answers.append((item, outcome))
                }
            }
            Self.deliver(answers)
            // Read-only units that never ran because a neighbour failed: first in line again.
            if !skipped.isEmpty { batch.withLock { $0.items.insert(contentsOf: skipped, at: 0) } }
            if !connection.isHealthy {
                // Give up this connection's slot and let a fresh drainer take over.
                release(connection)
                batch.withLock { $0.drainers -= 1 }
                if !retry.isEmpty { enqueue(retry, atFront: true) } else { restartDrainerIfNeeded() }
                return
            }
        }
    }

    /// Resumes the callers: those that came from an event loop in one task per loop, which
    /// wakes each loop once per flight instead of once per caller; the rest directly.
    private static func deliver(_ answers: [(PQBatchQueue.Item, Result<[PQResult], PQError>)]) {
        var byLoop: [ObjectIdentifier: (loop: any EventLoop, answers: [(PQBatchQueue.Item, Result<[PQResult], PQError>)])] = [:]
        for answer in answers {
            guard let loop = answer.0.eventLoop else {
                answer.0.resume(answer.1.mapError { $0 as any Error })
                continue
            }
            byLoop[ObjectIdentifier(loop), default: (loop, [])].answers.append(answer)
        }
        for (loop, group) in byLoop.values {
            loop.execute {
                for (item, outcome) in group { item.resume(outcome.mapError { $0 as any Error }) }
            }
        }
    }

    private func restartDrainerIfNeeded() {
        let start = batch.withLock { queue -> Bool in
            guard !queue.items.isEmpty, queue.drainers < configuration.maximumBatchingConnections else { return false }
            queue.drainers += 1
            return true
        }
        if start { startDrainer() }
    }

    /// A drainer that could not get a connection: if no other drainer is left to serve the
    /// queue, everything queued fails with the same error.
    private func stopDrainer(failingQueuedWith error: any Error) {
        let failed = batch.withLock { queue -> [PQBatchQueue.Item] in
            queue.drainers -= 1
            guard queue.drainers == 0 else { return [] }
            let items = queue.items
            queue.items = []
            return items
        }
        for item in failed { item.resume(.failure(error)) }
    }
}
