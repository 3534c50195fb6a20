import PQ
import Testing
import UnionStore

/// A failed ROLLBACK rides beside the body's error (`PQTransactionError`); the store maps the
/// body's error, which is what the caller did wrong or met.
@Suite("Transaction error mapping")
struct TransactionErrorMappingTests {
    @Test func theBodysErrorIsTheOneMapped() {
        let body = PQError(.server, message: "duplicate key", sqlState: .uniqueViolation, constraint: "workers_id_number_key")
        let failed = PQTransactionError(bodyError: body, rollbackError: PQError(.connectionLost, message: "server closed the connection"))
        guard case .conflict(let message) = StoreError.map(failed) as? StoreError else {
            Issue.record("not mapped to a conflict")
            return
        }
        #expect(message.code == "duplicate_id_number")
        #expect(StoreError.map(PQTransactionError(bodyError: StoreError.notFound, rollbackError: body)) as? StoreError == .notFound)
    }
}
