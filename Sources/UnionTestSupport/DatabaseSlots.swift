/// How many test databases may be in use at once. Swift Testing starts every test of the
/// process together; each database holds up to six connections of its own (`TestDatabase`),
/// an API test adds the application's pool (up to eight), and the private cluster allows 200
/// (`scripts/db-up.sh`). Past that, connections fail with "remaining connection slots are
/// reserved" and unrelated tests fail at random; waiting for a slot only queues them.
actor DatabaseSlots {
    static let shared = DatabaseSlots(limit: 10)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot straight to the longest waiter, if any.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
