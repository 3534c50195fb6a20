import Foundation
import PQ
import UnionDomain

/// Coverage periods of a plan.
package struct InsurancePeriodStore: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    static let columns: PQQuery = "id, plan_id, office_id, starts_on, ends_on, enrol_opens_on, enrol_closes_on"

    struct Row: Decodable {
        let id: UUID
        let planId: UUID
        let officeId: UUID
        let startsOn: CalendarDate
        let endsOn: CalendarDate
        let enrolOpensOn: CalendarDate
        let enrolClosesOn: CalendarDate

        func period() -> InsurancePeriod {
            InsurancePeriod(id: InsurancePeriod.ID(id), planID: InsurancePlan.ID(planId), officeID: Office.ID(officeId), startsOn: startsOn,
                            endsOn: endsOn, enrolOpensOn: enrolOpensOn, enrolClosesOn: enrolClosesOn)
        }
    }

    package func create(_ principal: Principal, _ fields: InsurancePeriodFields) async throws -> InsurancePeriod {
        try await database.withSession(principal) { session in
            try session.require(.manageAid)
            do {
                guard let row = try await session.query("""
                    INSERT INTO insurance_periods (plan_id, office_id, starts_on, ends_on, enrol_opens_on, enrol_closes_on, created_by)
                    VALUES (\(fields.planID), \(principal.officeID), \(fields.startsOn), \(fields.endsOn), \(fields.enrolOpensOn),
                            \(fields.enrolClosesOn), \(principal.userID))
                    RETURNING \(Self.columns)
                    """).first(Row.self) else { throw StoreError.notFound }
                return row.period()
            } catch let error as PQError {
                switch error.constraint {
                case "insurance_periods_start_key": throw StoreError.conflict(.insurance("duplicate_period"))
                case "insurance_periods_plan_fkey":
                    throw ValidationFailure([FieldError(field: "plan_id", code: "unknown_plan", message: "is not a plan", messageZH: "保障计划不存在")])
                default: throw error
                }
            }
        }
    }

    package func list(_ principal: Principal, plan: InsurancePlan.ID?) async throws -> [InsurancePeriod] {
        try await database.read(principal, """
            SELECT \(Self.columns) FROM insurance_periods WHERE \(plan)::uuid IS NULL OR plan_id = \(plan) ORDER BY starts_on DESC, id
            """).decode(Row.self).map { $0.period() }
    }

    package func get(_ principal: Principal, id: InsurancePeriod.ID) async throws -> InsurancePeriod {
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM insurance_periods WHERE id = \(id)").first(Row.self) else {
            throw StoreError.notFound
        }
        return row.period()
    }

    static func load(_ session: Session, _ id: InsurancePeriod.ID) async throws -> InsurancePeriod {
        guard let row = try await session.query("SELECT \(Self.columns) FROM insurance_periods WHERE id = \(id)").first(Row.self) else {
            throw StoreError.notFound
        }
        return row.period()
    }
}

extension InsurancePeriodStore {
    private struct CoverageRow: Decodable {
        let id: UUID
        let name: String
        let active: Int64
        let enrolled: Int64
    }

    /// Per branch in the caller's scope: active members, and those of them enrolled in the
    /// period (wherever they were enrolled). Row-level security decides which branches appear.
    package func coverage(_ principal: Principal, id: InsurancePeriod.ID) async throws -> [CoverageLine] {
        try await database.withSession(principal, readOnly: true) { session in
            _ = try await Self.load(session, id)
            return try await session.query("""
                SELECT o.id, o.name,
                       count(w.id) AS active,
                       count(w.id) FILTER (WHERE EXISTS (SELECT 1 FROM insurance_enrolments e WHERE e.period_id = \(id) AND e.worker_id = w.id)) AS enrolled
                FROM offices o LEFT JOIN workers w ON w.office_id = o.id AND w.membership_status = 'active'
                WHERE o.kind NOT IN ('area', 'district')
                GROUP BY o.id, o.name ORDER BY o.name, o.id
                """).decode(CoverageRow.self).map {
                CoverageLine(officeID: Office.ID($0.id), officeName: $0.name, activeMembers: Int($0.active), enrolled: Int($0.enrolled))
            }
        }
    }
}

extension InsurancePeriodStore {
    private struct RosterChangeRow: Decodable {
        let id: UUID
        let workerId: UUID
        let name: String
        let officeId: UUID
        let rosterChange: String
        let rosterChangedOn: CalendarDate
    }

    /// The period's enrolments flagged by a roster change, in the caller's scope.
    package func rosterChanges(_ principal: Principal, id: InsurancePeriod.ID) async throws -> [RosterChange] {
        try await database.withSession(principal, readOnly: true) { session in
            _ = try await Self.load(session, id)
            return try await session.query("""
                SELECT e.id, e.worker_id, w.name, e.office_id, e.roster_change, e.roster_changed_on
                FROM insurance_enrolments e JOIN workers w ON w.id = e.worker_id
                WHERE e.period_id = \(id) AND e.roster_change IS NOT NULL
                ORDER BY e.roster_changed_on, w.name, e.id
                """).decode(RosterChangeRow.self).map {
                RosterChange(enrolmentID: Enrolment.ID($0.id), workerID: Worker.ID($0.workerId), name: $0.name, officeID: Office.ID($0.officeId),
                             change: MembershipStatus(rawValue: $0.rosterChange) ?? .left, changedOn: $0.rosterChangedOn)
            }
        }
    }
}
