import Foundation
import CivilDates
import PQ
import Testing
import UnionTestSupport

/// Every supported type goes to the server and back unchanged, NULL included.
@Suite("PQ type round trips")
struct TypeRoundTripTests {
    static let pool = PQPool(configuration: PQConfiguration(
        connectionString: TestCluster.conninfo(user: "postgres", database: "postgres"), maximumConnections: 2))

    func roundTrip<T: PQCodable & Equatable>(_ value: T, as cast: String) async throws -> T? {
        try await Self.pool.query("SELECT \(value)::\(unescaped: cast)").scalar(T.self)
    }

    @Test(arguments: [Int.min, -1, 0, 1, Int.max])
    func int(value: Int) async throws {
        #expect(try await roundTrip(value, as: "int8") == value)
    }

    @Test(arguments: [Int32.min, 0, Int32.max])
    func int32(value: Int32) async throws {
        #expect(try await roundTrip(value, as: "int4") == value)
    }

    @Test func int16AndInt64() async throws {
        #expect(try await roundTrip(Int16.min, as: "int2") == Int16.min)
        #expect(try await roundTrip(Int64.max, as: "int8") == Int64.max)
    }

    @Test func bool() async throws {
        #expect(try await roundTrip(true, as: "bool") == true)
        #expect(try await roundTrip(false, as: "bool") == false)
    }

    @Test(arguments: [0.0, -1.5, 0.1, 1e-300, 1.7976931348623157e308, .infinity, -.infinity, Double.leastNonzeroMagnitude])
    func double(value: Double) async throws {
        #expect(try await roundTrip(value, as: "float8") == value)
    }

    @Test func doubleNaN() async throws {
        #expect(try await roundTrip(Double.nan, as: "float8")?.isNaN == true)
    }

    @Test(arguments: ["", "郭庄子村工会", "张三 · 李四", "quote ' and \" and \\ backslash", "emoji 👷‍♀️", "tab\tnewline\n", String(repeating: "长", count: 10_000)])
    func string(value: String) async throws {
        #expect(try await roundTrip(value, as: "text") == value)
    }

    @Test func uuid() async throws {
        let value = UUID()
        #expect(try await roundTrip(value, as: "uuid") == value)
    }

    @Test(arguments: [
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 1_795_000_000.123456),
        Date(timeIntervalSince1970: -2_208_988_800.5),  // 1900, before the epoch
        Date(timeIntervalSince1970: 253_402_300_799.999999),  // 9999-12-31 23:59:59.999999
        Date(timeIntervalSince1970: -62_135_596_800),  // 0001-01-01
    ])
    func timestamptz(value: Date) async throws {
        let back = try #require(try await roundTrip(value, as: "timestamptz"))
        #expect(abs(back.timeIntervalSince1970 - value.timeIntervalSince1970) < 0.000_001)
    }

    @Test func timestamptzInAnotherZoneIsTheSameInstant() async throws {
        let instant = try await Self.pool.withConnection { connection in
            try await connection.withTransaction { connection in
                try await connection.query("SET LOCAL TimeZone = 'Asia/Shanghai'")
                return try await connection.query("SELECT '2026-09-01 08:00:00+08'::timestamptz").scalar(Date.self)
            }
        }
        #expect(instant == Date(timeIntervalSince1970: 1_788_220_800))
    }

    @Test(arguments: ["0001-01-01", "1970-01-01", "2024-02-29", "2026-09-01", "9999-12-31"])
    func date(text: String) async throws {
        let value = try #require(CalendarDate(iso: text))
        #expect(try await roundTrip(value, as: "date") == value)
        #expect(value.description == text)
    }

    @Test func impossibleDatesAreRejected() {
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "2026-1-1") == nil)
    }

    @Test(arguments: ["0", "0.01", "-0.01", "1500.00", "12450.00", "999999999999.99", "12345678901234567890123456.789012345678", "-99999999999999999999999999999999999999"])
    func numeric(text: String) async throws {
        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(try await roundTrip(value, as: "numeric") == value)
    }

    @Test func numericTooPreciseForDecimalIsAnErrorNotARounding() async throws {
        await #expect(throws: PQDecodingError.self) {
            try await Self.pool.query("SELECT 1234567890123456789012345678901234567890.5::numeric AS amount").scalar(Decimal.self)
        }
    }

    @Test func bytea() async throws {
        let everyByte = Data((0...255).map(UInt8.init))
        #expect(try await roundTrip(everyByte, as: "bytea") == everyByte)
        #expect(try await roundTrip(Data(), as: "bytea") == Data())
    }

    struct Payload: Codable, Equatable, Sendable {
        let name: String
        let amounts: [Int]
        let note: String?
    }

    @Test func jsonb() async throws {
        let value = PQJSON(Payload(name: "金秋助学", amounts: [4000, 12450], note: nil))
        #expect(try await roundTrip(value, as: "jsonb") == value)
    }

    @Test func arrays() async throws {
        let texts = ["a", "b,c", "{braces}", "quote\"d", "back\\slash", "NULL", "", "中文"]
        #expect(try await roundTrip(texts, as: "text[]") == texts)
        #expect(try await roundTrip([Int](), as: "int8[]") == [])
        #expect(try await roundTrip([Int.min, 0, Int.max], as: "int8[]") == [Int.min, 0, Int.max])
        #expect(try await roundTrip([Int32(1), -2], as: "int4[]") == [1, -2])
    }

    @Test func nullsBecomeNil() async throws {
        let row = try #require(try await Self.pool.query("""
            SELECT \(Int?.none)::int8 AS i, \(String?.none)::text AS s, \(Date?.none)::timestamptz AS d,
                   \(UUID?.none)::uuid AS u, \(Decimal?.none)::numeric AS n, \(Data?.none)::bytea AS b,
                   \(CalendarDate?.none)::date AS day, \(Bool?.none)::bool AS flag, \([String]?.none)::text[] AS list
            """).rows.first)
        #expect(try row.decode(Int?.self, column: "i") == nil)
        #expect(try row.decode(String?.self, column: "s") == nil)
        #expect(try row.decode(Date?.self, column: "d") == nil)
        #expect(try row.decode(UUID?.self, column: "u") == nil)
        #expect(try row.decode(Decimal?.self, column: "n") == nil)
        #expect(try row.decode(Data?.self, column: "b") == nil)
        #expect(try row.decode(CalendarDate?.self, column: "day") == nil)
        #expect(try row.decode(Bool?.self, column: "flag") == nil)
        #expect(try row.decode([String]?.self, column: "list") == nil)
    }

    @Test func nullIntoANonOptionalNamesTheColumn() async throws {
        let row = try #require(try await Self.pool.query("SELECT NULL::int8 AS amount").rows.first)
        #expect {
            _ = try row.decode(Int.self, column: "amount")
        } throws: { error in
            guard let error = error as? PQDecodingError else { return false }
            return error.column == "amount" && error.reason.contains("NULL")
        }
    }

    @Test func decodeErrorNamesColumnAndBothTypes() async throws {
        let row = try #require(try await Self.pool.query("SELECT 'x'::text AS name").rows.first)
        #expect {
            _ = try row.decode(Int.self, column: "name")
        } throws: { error in
            let description = "\(error)"
            return description.contains("name") && description.contains("text") && description.contains("Int")
        }
    }

    @Test func integerOverflowIsADecodeError() async throws {
        let row = try #require(try await Self.pool.query("SELECT 3000000000::int8 AS big").rows.first)
        #expect(throws: PQDecodingError.self) { try row.decode(Int32.self, column: "big") }
    }

    struct Person: Decodable, Equatable {
        let id: Int
        let fullName: String
        let officeID: UUID?
        let memberSince: CalendarDate?
    }

    @Test func rowsDecodeIntoStructsBySnakeCaseColumnNames() async throws {
        let office = UUID()
        let people = try await Self.pool.query("""
            SELECT 1 AS id, '王芳' AS full_name, \(office) AS office_id, DATE '2020-03-01' AS member_since
            UNION ALL SELECT 2, '李强', NULL, NULL ORDER BY id
            """).decode(Person.self)
        #expect(people == [
            Person(id: 1, fullName: "王芳", officeID: office, memberSince: CalendarDate(year: 2020, month: 3, day: 1)),
            Person(id: 2, fullName: "李强", officeID: nil, memberSince: nil),
        ])
    }
}
