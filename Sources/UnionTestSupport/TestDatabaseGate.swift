/// Bounds how many test databases are in use at once. Swift Testing starts every test at
/// the same time; an API test holds about 14 connections (the fixture's pools and the
/// application's), so as the suite grew the private cluster's 200 connection slots ran out
/// ("remaining connection slots are reserved") and unrelated tests failed at random. A test
/// waits here for a slot instead; databases are never nested, so waiting can't deadlock.
actor TestDatabaseGate {
    static let shared = TestDatabaseGate(slots: 8)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = slots }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot straight to the next waiter, if any.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
