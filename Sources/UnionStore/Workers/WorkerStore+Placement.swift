import PQ
import UnionDomain

extension WorkerStore {
    /// Refuses an office that doesn't register workers (the area office itself) with a field
    /// error on `office_id`, before the database's trigger (`workers_office_is_branch`) would.
    /// `notFound` when the office is outside the caller's scope.
    static func requireBranch(_ session: Session, _ office: Office.ID) async throws {
        guard let kind = try await session.query("SELECT kind FROM offices WHERE id = \(office)").scalar(String.self) else {
            throw StoreError.notFound
        }
        guard Office.Kind(rawValue: kind)?.registersWorkers == true else { throw ValidationFailure([.notABranch]) }
    }

    /// A new ID number for the worker must not be one of their household members'.
    static func checkNotInOwnHousehold(_ session: Session, worker: Worker.ID, _ idNumber: String) async throws {
        let household = try await session.query("SELECT \(HouseholdStore.columns) FROM household_members WHERE worker_id = \(worker)")
            .all(HouseholdMember.self)
        try HouseholdMemberFields.checkWorker(idNumber: idNumber, notIn: household)
    }
}
