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
        /// Sent again once already (see `maySendAgain`): never a third time.
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
    ///
    /// It also decides what happens when the connection breaks under the unit: a read-only
    /// unit is sent once more on another connection; any other fails with `connectionLost`
    /// unless nothing had been sent, because it may have run with only its answer lost.
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
                connection.events = events
            }
        } catch {
            discardSlot()
            stopDrainer(failingQueuedWith: error)
            return
        }
        markLeased(connection)
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
            let flight = PQFlight(items.map { ($0.unit, $0.session, $0.readOnly) }, connectionState: connection.sessionState)
            let sentBefore = connection.statementsSent
            var outcomes: [Result<[PQResult], PQError>]
            do {
                let sent = try connection.pipeline(units: flight.units, syncAfter: flight.syncAfter)
                events.flightSent(flight.units.count, flight.units.reduce(0) { $0 + $1.count })
                outcomes = flight.answers(sent)
                connection.sessionState = flight.connectionState(after: sent, before: connection.sessionState)
            } catch {
                connection.poisoned = true
                outcomes = items.map { _ in .failure(error) }
            }
            let nothingSent = connection.statementsSent == sentBefore
            // In queue order: units to send again, first in line.
            var requeue: [PQBatchQueue.Item] = []
            var answers: [(PQBatchQueue.Item, Result<[PQResult], PQError>)] = []
            for (item, outcome) in zip(items, outcomes) {
                switch outcome {
                case .failure(let error) where error.code == .skipped:
                    // Read-only units that never ran because a neighbour failed.
                    requeue.append(item)
                case .failure(let error) where !item.retried && Self.maySendAgain(item, after: error, nothingSent: nothingSent):
                    var again = item
                    again.retried = true
                    requeue.append(again)
                default:
                    answers.append((item, outcome))
                }
            }
            Self.deliver(answers)
            if !connection.isHealthy {
                // Give up this connection's slot and let a fresh drainer take over.
                release(connection)
                batch.withLock { $0.drainers -= 1 }
                if !requeue.isEmpty { enqueue(requeue, atFront: true) } else { restartDrainerIfNeeded() }
                return
            }
            if !requeue.isEmpty { batch.withLock { $0.items.insert(contentsOf: requeue, at: 0) } }
        }
    }

    /// Whether a failed unit may go once more. A write never goes twice unless the flight
    /// provably never left: once libpq had a statement to send, it may have run and committed
    /// with only its answer lost, and a second run would write twice (two audit rows, two
    /// payments). A read may be repeated: the connection broke under it, or its cached plan
    /// went stale (0A000) and the statement is prepared afresh when sent again.
    private static func maySendAgain(_ item: PQBatchQueue.Item, after error: PQError, nothingSent: Bool) -> Bool {
        if error.code == .connectionLost { return item.readOnly || nothingSent }
        return error.isStalePlan && item.readOnly
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

extension PQPool {
    /// Units waiting for a drainer: lets a test line units up in a known order behind a lease.
    package var queuedUnitCount: Int { batch.withLock { $0.items.count } }
}
