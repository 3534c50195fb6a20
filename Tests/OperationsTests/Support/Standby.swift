import Foundation

/// The streaming replica `scripts/test.sh` starts (scripts/replica-up.sh) and describes in
/// `UNIONHALL_REPLICA_PGHOST` and `UNIONHALL_REPLICA_PORT`. Without them the tests fail, they
/// never skip.
enum Standby {
    struct NotStarted: Error, CustomStringConvertible {
        var description: String {
            "UNIONHALL_REPLICA_PGHOST/UNIONHALL_REPLICA_PORT are not set: run the tests with scripts/test.sh, which starts the replica"
        }
    }

    /// The same database as the primary's `database`, on the standby.
    static func conninfo(user: String, database: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["UNIONHALL_REPLICA_PGHOST"], let port = environment["UNIONHALL_REPLICA_PORT"].flatMap(Int.init) else {
            throw NotStarted()
        }
        return "host='\(host)' port=\(port) user=\(user) dbname=\(database)"
    }
}
