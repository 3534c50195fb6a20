import PQ
import Testing

@Suite("PQQuery interpolation")
struct QueryTests {
    @Test func interpolationBindsParameters() {
        let id = 42
        let name = "张三'; DROP TABLE workers; --"
        let query: PQQuery = "SELECT * FROM workers WHERE id = \(id) AND name = \(name)"
        #expect(query.sql == "SELECT * FROM workers WHERE id = $1 AND name = $2")
        #expect(query.bindings.count == 2)
        #expect(query.description == "SELECT * FROM workers WHERE id = **** AND name = ****")
    }

    @Test func appendingRenumbersPlaceholders() {
        var query: PQQuery = "SELECT * FROM t WHERE a = \(1)"
        query.append(" AND b = \(2) AND c = \(3)")
        let nested: PQQuery = "SELECT \(0), (\(query))"
        #expect(query.sql == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3")
        #expect(nested.sql == "SELECT $1, (SELECT * FROM t WHERE a = $2 AND b = $3 AND c = $4)")
        let joined = PQQuery.joined(["x = \(1)", "y = \(2)"], separator: " AND ")
        #expect(joined.sql == "x = $1 AND y = $2")
    }
}
