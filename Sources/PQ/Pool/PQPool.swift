import Dispatch
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A bounded pool of libpq connections, and the `Service` that closes it on shutdown.
///
/// Blocking libpq calls run on a dedicated `NIOThreadPool` with one thread per connection, so
/// the cooperative pool (two threads on our machines) never blocks on the network. A caller
/// that finds every connection leased waits up to `acquireTimeout`, then gets
/// `PQError.poolTimeout`. Broken connections (server restart, terminated backend) are dropped
/// on return and replaced on demand.
package final class PQPool: Service, Sendable {
    package let configuration: PQConfiguration
    let threadPool: NIOThreadPool
    let state: Mutex<PQPoolState<LibPQConnection>>
    let batch = Mutex(PQBatchQueue())
    /// Connections leased right now (by `withConnection` or a batch drainer), so that a forced
    /// stop can cancel what they run.
    let leased = Mutex<[ObjectIdentifier: LibPQConnection]>([:])
    let events: PQPoolEvents
    private let logger: Logger

    package init(configuration: PQConfiguration, logger: Logger = Logger(label: "unionhall.pq"), events: PQPoolEvents = .none) {
        self.configuration = configuration
        self.logger = logger
        self.events = events
        self.state = Mutex(PQPoolState(maximum: configuration.maximumConnections))
        self.threadPool = NIOThreadPool(numberOfThreads: configuration.maximumConnections)
        threadPool.start()
    }

    /// Runs `body` with a leased connection, returned to the pool afterwards.
    ///
    /// The session starts clean: on a connection that may carry settings (a batched unit's
    /// scope, or whatever an earlier lease's body left) the body's first statement goes out
    /// behind a `RESET ALL`, in the same round trip (see `PQConnection`). Nothing the body
    /// sets at session level can leak into batched units either: after a lease the pool
    /// calls the connection's settings unknown, and its next batched unit resets them.
    ///
    /// If the connection turns out to be dead before the body sent anything (libpq refused
    /// the first statement), the body runs once more on a fresh connection. Once a statement
    /// was handed to libpq it may have run with its answer lost, so the error is the caller's.
    @discardableResult
    package func withConnection<T: Sendable>(_ body: (PQConnection) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let connection = try await acquire()
            markLeased(connection)
            let sentBefore = connection.statementsSent
            connection.resetBeforeUse = connection.sessionState != .clean
            // Whatever the body does at session level, nothing records it.
            connection.sessionState = .unknown
            do {
                let value = try await body(PQConnection(raw: connection, threadPool: threadPool))
                release(connection)
                return value
            } catch let error as PQError where error.code == .connectionLost && connection.statementsSent == sentBefore && attempt == 1 {
                release(connection)
                logger.debug("retrying on a fresh connection", metadata: ["pq.error": "\(error)"])
                continue
            } catch {
                release(connection)
                throw error
            }
        }
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    @discardableResult
    package func withTransaction<T: Sendable>(
        _ options: PQTransactionOptions = .init(),
        _ body: (PQConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.withTransaction(options, body)
        }
    }

    /// One statement, sent with other callers' statements on a shared connection (see
    /// `PQPool+Batching.swift`). It runs as a transaction of its own.
    @discardableResult
    package func query(_ query: PQQuery) async throws -> PQResult {
        let results = try await run(unit: [query])
        guard let result = results.first else { throw PQError(.unexpectedResult, message: "no result for a statement") }
        return result
    }

    // MARK: Leasing

    private func acquire() async throws -> LibPQConnection {
        let action = state.withLock { $0.acquire() }
        switch action {
        case .fail(let error):
            throw error
        case .lease(let lease):
            return try await fulfil(lease)
        case .wait:
            return try await fulfil(waitForLease())
        }
    }

    private func fulfil(_ lease: PQPoolState<LibPQConnection>.Lease) async throws -> LibPQConnection {
        switch lease {
        case .connection(let connection):
            if connection.checkIdleConnection() { return connection }
            logger.debug("dropping a broken idle connection")
            return try await open()
        case .open:
            return try await open()
        }
    }

    /// Opens a connection in a slot the caller already holds; gives the slot up on failure.
    private func open() async throws -> LibPQConnection {
        let configuration = self.configuration
        do {
            let connection = try await threadPool.runIfActive { try LibPQConnection(configuration: configuration) }
            connection.events = events
            return connection
        } catch {
            discardSlot()
            throw error
        }
    }

    private func waitForLease() async throws -> PQPoolState<LibPQConnection>.Lease {
        let id = state.withLock { $0.makeWaiterID() }
        let timeout = configuration.acquireTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PQPoolState<LibPQConnection>.Lease, any Error>) in
                let resume: @Sendable (Result<PQPoolState<LibPQConnection>.Lease, PQError>) -> Void = { result in
                    continuation.resume(with: result.mapError { $0 as any Error })
                }
                let immediate: PQPoolState<LibPQConnection>.AcquireAction = state.withLock { state in
                    // Re-check under the lock: a connection may have come back meanwhile.
                    let action = state.acquire()
                    if case .wait = action { state.enqueue(.init(id: id, resume: resume)) }
                    return action
                }
                switch immediate {
                case .lease(let lease): continuation.resume(returning: lease)
                case .fail(let error): continuation.resume(throwing: error)
                case .wait:
                    // The timer is unstructured because the continuation, not a child task, is
                    // what waits; it ends at the deadline and does nothing if the waiter was served.
                    Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        self?.expireWaiter(id: id, after: timeout)
                    }
                }
            }
        } onCancel: {
            if let waiter = state.withLock({ $0.removeWaiter(id: id) }) {
                waiter.resume(.failure(PQError(.poolTimeout, message: "cancelled while waiting for a connection")))
            }
        }
    }

    private func expireWaiter(id: Int, after timeout: Duration) {
        guard let waiter = state.withLock({ $0.removeWaiter(id: id) }) else { return }
        waiter.resume(.failure(PQError(
            .poolTimeout,
            message: "no database connection became free within \(timeout) (pool of \(configuration.maximumConnections))"
        )))
    }

    func markLeased(_ connection: LibPQConnection) {
        leased.withLock { $0[ObjectIdentifier(connection)] = connection }
    }

    func release(_ connection: LibPQConnection) {
        leased.withLock { $0[ObjectIdentifier(connection)] = nil }
        if connection.isHealthy {
            handOver(state.withLock { $0.release(connection) }, connection: connection)
        } else {
            discardSlot()
        }
    }

    /// Frees a slot whose connection is gone (or never opened).
    func discardSlot() {
        handOver(state.withLock { $0.discard() })
    }

    private func handOver(_ waiter: PQPoolState<LibPQConnection>.Waiter?, connection: LibPQConnection? = nil) {
        guard let waiter else { return }
        waiter.resume(.success(connection.map { .connection($0) } ?? .open))
    }

    // MARK: Lifecycle

    /// Waits for graceful shutdown, then closes the pool. Add it to the `ServiceGroup` before
    /// the HTTP server so requests drain before connections close.
    ///
    /// Cancelled instead (a forced stop), it first has the server cancel what its leases run,
    /// so that closing doesn't wait on a statement that may never end (one waiting for a lock).
    package func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            await cancelRunningStatements()
        }
        logger.info("closing the connection pool")
        await close()
        logger.info("connection pool closed")
    }

    /// Has the server cancel the statement each leased connection runs right now: its caller
    /// gets 57014 and its transaction rolls back. A forced stop's first step, which lets the
    /// requests behind those statements still answer (with an error) before the server stops.
    ///
    /// On a thread of its own: the pool's threads may all be stuck in the very statements to
    /// cancel, and `PQcancel` blocks, so neither they nor the cooperative pool may run it.
    package func cancelRunningStatements() async {
        let running = leased.withLock { Array($0.values) }
        guard !running.isEmpty else { return }
        logger.warning("cancelling the statements still running", metadata: ["pq.connections": "\(running.count)"])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                for connection in running { connection.cancelRunningStatement() }
                done.resume()
            }
        }
    }

    /// Closes idle connections, fails waiters, and stops the thread pool once leases are back.
    package func close() async {
        let (idle, waiters) = state.withLock { $0.close() }
        for waiter in waiters {
            waiter.resume(.failure(PQError(.poolClosed, message: "the connection pool is shut down")))
        }
        _ = idle  // dropping the last reference closes each connection (PQfinish in deinit)
        let queued = batch.withLock { queue -> [PQBatchQueue.Item] in
            defer { queue.items = [] }
            return queue.items
        }
        for item in queued { item.resume(.failure(PQError(.poolClosed, message: "the connection pool is shut down"))) }
        // Leases come back as their holders finish; a bounded wait, so a leaked lease can't
        // hang shutdown forever. A cancelled close (a forced stop) doesn't wait: its holders
        // are being cancelled too, and sleeping would throw at once and spin.
        let deadline = ContinuousClock.now + .seconds(30)
        while state.withLock({ $0.slots }) > 0, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(10)) } catch { break }
        }
        try? await threadPool.shutdownGracefully()
    }
}
