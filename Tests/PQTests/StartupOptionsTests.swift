import Foundation
import CivilDates
import PQ
import Testing
import UnionTestSupport

/// The settings the decoders depend on are startup options, so `RESET ALL` (which the pool
/// sends between principals and before whole leases) keeps them.
@Suite("PQ startup options")
struct StartupOptionsTests {
    static let settings: PQQuery = "SELECT current_setting('TimeZone'), current_setting('DateStyle'), current_setting('IntervalStyle')"

    static func expectDecoderSettings(_ result: PQResult) throws {
        let row = try #require(result.rows.first)
        #expect(try row.decode(String.self, at: 0) == "UTC")
        #expect(try row.decode(String.self, at: 1) == "ISO, YMD")
        #expect(try row.decode(String.self, at: 2) == "iso_8601")
    }

    @Test func resetAllKeepsTheDecodersSettings() async throws {
        let pool = PoolTests.makePool(size: 1, name: "startup-options-test")
        let result = try await pool.withConnection { connection in
            try await connection.query("RESET ALL")
            return try await connection.query(Self.settings)
        }
        try Self.expectDecoderSettings(result)
        try await pool.query("RESET ALL")
        try Self.expectDecoderSettings(try await pool.query(Self.settings))
        let dated = try await pool.query("SELECT date '2024-05-01', timestamptz '2024-05-01 08:00:00+08'")
        let row = try #require(dated.rows.first)
        #expect(try row.decode(CalendarDate.self, at: 0).description == "2024-05-01")
        #expect(try row.decode(Date.self, at: 1) == Date(timeIntervalSince1970: 1_714_521_600))
        await pool.close()
    }

    @Test func theConnectionStringsOwnOptionsStillApply() async throws {
        let conninfo = TestCluster.conninfo(user: "postgres", database: "postgres") + " options='-c statement_timeout=4321 -c TimeZone=Asia/Shanghai'"
        let pool = PQPool(configuration: PQConfiguration(connectionString: conninfo, maximumConnections: 1))
        try await pool.query("RESET ALL")
        #expect(try await pool.query("SHOW statement_timeout").scalar(String.self) == "4321ms")
        // Ours come last, so the decoders' time zone wins.
        try Self.expectDecoderSettings(try await pool.query(Self.settings))
        await pool.close()
    }
}
