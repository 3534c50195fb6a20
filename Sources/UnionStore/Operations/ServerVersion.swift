import PQ

/// What the operations commands need to know of the server they act on.
package enum ServerVersion {
    /// The server's major version (15 for 15.8). pg_dump and pg_restore must be of the same
    /// major version: an older pg_dump refuses a newer server, and a newer one writes archives
    /// that an older pg_restore can't read.
    package static func major(_ pool: PQPool) async throws -> Int {
        guard let number = try await pool.query("SELECT current_setting('server_version_num')::int").scalar(Int.self) else {
            throw StoreError.unavailable
        }
        return number / 10_000
    }
}
