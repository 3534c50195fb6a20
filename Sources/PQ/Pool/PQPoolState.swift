/// The pool's bookkeeping as a value: events in, actions out, no I/O. `PQPool` performs the
/// actions. Generic over the connection type so it can be tested without a server.
struct PQPoolState<Connection: Sendable> {
    enum Lease: Sendable {
        case connection(Connection)
        /// The caller holds a reserved slot and opens a new connection in it.
        case open
    }

    enum AcquireAction {
        case lease(Lease)
        case wait
        case fail(PQError)
    }

    struct Waiter {
        let id: Int
        let resume: @Sendable (Result<Lease, PQError>) -> Void
    }

    let maximum: Int
    private(set) var idle: [Connection] = []
    /// Connections open or being opened, leased or idle.
    private(set) var slots = 0
    private(set) var waiters: [Waiter] = []
    private(set) var isClosed = false
    private var nextWaiterID = 0

    init(maximum: Int) { self.maximum = maximum }

    mutating func acquire() -> AcquireAction {
        if isClosed { return .fail(PQError(.poolClosed, message: "the connection pool is shut down")) }
        if let connection = idle.popLast() { return .lease(.connection(connection)) }
        if slots < maximum {
            slots += 1
            return .lease(.open)
        }
        return .wait
    }

    mutating func makeWaiterID() -> Int {
        nextWaiterID += 1
        return nextWaiterID
    }

    mutating func enqueue(_ waiter: Waiter) { waiters.append(waiter) }

    /// Removes a waiter that timed out or was cancelled; nil if it was already served.
    mutating func removeWaiter(id: Int) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
    }

    /// A healthy connection comes back: the longest waiter gets it, or it goes idle.
    mutating func release(_ connection: Connection) -> Waiter? {
        if isClosed {
            slots -= 1
            return nil
        }
        if !waiters.isEmpty { return waiters.removeFirst() }
        idle.append(connection)
        return nil
    }

    /// A connection was dropped (broken) or failed to open: its slot is free again, and a waiter
    /// may open a connection in it.
    mutating func discard() -> Waiter? {
        if isClosed || waiters.isEmpty {
            slots -= 1
            return nil
        }
        return waiters.removeFirst()
    }

    /// Marks the pool closed; returns what must be closed and failed.
    mutating func close() -> (idle: [Connection], waiters: [Waiter]) {
        isClosed = true
        let result = (idle, waiters)
        slots -= idle.count
        idle = []
        waiters = []
        return result
    }
}
