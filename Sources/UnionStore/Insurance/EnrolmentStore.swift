import Foundation
import PQ
import UnionDomain

/// Enrolments: one worker at a time, or a whole roster in one statement. A premium paid by a
/// fund is one `premium` ledger entry per call, posted in the same transaction as the
/// enrolments it pays for (the ledger trigger refuses an overdraft, and then nobody is enrolled).
package struct EnrolmentStore: Sendable {
    let database: Database
    let today: @Sendable () -> CalendarDate

    package init(database: Database, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.database = database
        self.today = today
    }

    static let columns: PQQuery = "id, period_id, worker_id, office_id, shares, premium, payer, fund_id, cap_total, approved_total"

    struct Row: Decodable {
        let id: UUID
        let periodId: UUID
        let workerId: UUID
        let officeId: UUID
        let shares: Int32
        let premium: Money
        let payer: String
        let fundId: UUID?
        let capTotal: Money
        let approvedTotal: Money

        func enrolment() -> Enrolment {
            Enrolment(id: Enrolment.ID(id), periodID: InsurancePeriod.ID(periodId), workerID: Worker.ID(workerId), officeID: Office.ID(officeId),
                      shares: Int(shares), premium: premium, payer: fundId.map { .fund(Fund.ID($0)) } ?? .member, capTotal: capTotal,
                      approvedTotal: approvedTotal)
        }
    }

    private struct WorkerRow: Decodable {
        let officeId: UUID
        let sex: String
        let birthDate: CalendarDate
        let membershipStatus: String
    }

    /// Enrols one worker. Ineligible: 422 naming why; enrolled already: 409; a fund that can't
    /// pay: 409 `insufficient_funds`.
    package func enrol(_ principal: Principal, _ fields: EnrolmentFields, idempotency: IdempotencyKey? = nil,
                       render: (Enrolment) throws -> StoredResponse = { _ in StoredResponse(status: 201, location: nil, body: "") })
        async throws -> Idempotent<Enrolment> {
        try await Idempotency.rememberingRefusals(database, principal, idempotency) {
            try await database.withSession(principal) { session in
                try session.require(.writeBranchData)
                return try await Idempotency.run(session, idempotency, render: render) {
                    try await enrolOne(session, fields)
                }
            }
        }
    }

    private func enrolOne(_ session: Session, _ fields: EnrolmentFields) async throws -> Enrolment {
        let (period, plan) = try await openPeriod(session, fields.periodID)
        guard fields.shares <= plan.maxShares else {
            throw ValidationFailure([FieldError(field: "shares", code: "above_max_shares", message: "must be at most \(plan.maxShares)",
                                                messageZH: "不能超过\(plan.maxShares)份")])
        }
        guard let worker = try await session.query("""
            SELECT office_id, sex, birth_date, membership_status FROM workers WHERE id = \(fields.workerID)
            """).first(WorkerRow.self) else { throw StoreError.notFound }
        let status = MembershipStatus(rawValue: worker.membershipStatus) ?? .left
        if let refusal = plan.eligibility.refusal(status: status, sex: Sex(rawValue: worker.sex) ?? .male, birthDate: worker.birthDate,
                                                  on: period.startsOn) {
            throw ValidationFailure([refusal.fieldError])
        }
        let premium = Money(fen: plan.premiumPerShare.fen * Int64(fields.shares))
        let fund = try await Self.payingFund(session, fields.payer)
        let entry = fund.map { _ in LedgerEntry.ID() }
        let row: Row
        do {
            guard let inserted = try await session.query("""
                INSERT INTO insurance_enrolments (period_id, worker_id, office_id, shares, premium, payer, fund_id, ledger_entry_id, cap_total, created_by)
                VALUES (\(period.id), \(fields.workerID), \(Office.ID(worker.officeId)), \(Int32(fields.shares)), \(premium),
                        \(fund == nil ? "member" : "fund"), \(fund), \(entry), \(plan.benefit.cap(shares: fields.shares)), \(session.principal.userID))
                RETURNING \(Self.columns)
                """).first(Row.self) else { throw StoreError.notFound }
            row = inserted
        } catch let error as PQError where error.constraint == "insurance_enrolments_once" {
            throw StoreError.conflict(.insurance("already_enrolled"))
        }
        if let fund, let entry {
            _ = try await FundStore.post(session, fund: fund, kind: .premium, amount: Money(fen: -premium.fen), date: today(), payer: nil,
                                         memo: "premium \(plan.code) \(period.startsOn)", caseID: nil, reverses: nil, id: entry, periodID: period.id)
        }
        return row.enrolment()
    }

    /// Enrols every eligible active member in scope (the named offices, else all the caller
    /// sees) with one INSERT … SELECT, and answers who was skipped and why. The eligibility
    /// test mirrors `InsurancePlan.Eligibility.refusal` (age in whole years at the start).
    package func enrolRoster(_ principal: Principal, period periodID: InsurancePeriod.ID, _ fields: RosterEnrolmentFields,
                             idempotency: IdempotencyKey? = nil,
                             render: (RosterEnrolment) throws -> StoredResponse = { _ in StoredResponse(status: 200, location: nil, body: "") })
        async throws -> Idempotent<RosterEnrolment> {
        try await Idempotency.rememberingRefusals(database, principal, idempotency) {
            try await database.withSession(principal) { session in
                try session.require(.writeBranchData)
                for office in fields.officeIDs ?? [] { try session.require(.writeBranchData, office: office) }
                return try await Idempotency.run(session, idempotency, render: render) {
                    try await enrolAll(session, periodID, fields)
                }
            }
        }
    }

    private struct RosterRow: Decodable {
        let workerId: UUID?
        let name: String?
        let reason: String?
        let enrolled: Int64
    }

    private func enrolAll(_ session: Session, _ periodID: InsurancePeriod.ID, _ fields: RosterEnrolmentFields) async throws -> RosterEnrolment {
        let (period, plan) = try await openPeriod(session, periodID)
        guard fields.shares <= plan.maxShares else {
            throw ValidationFailure([FieldError(field: "shares", code: "above_max_shares", message: "must be at most \(plan.maxShares)",
                                                messageZH: "不能超过\(plan.maxShares)份")])
        }
        let fund = try await Self.payingFund(session, fields.payer)
        let entry = fund.map { _ in LedgerEntry.ID() }
        let premium = Money(fen: plan.premiumPerShare.fen * Int64(fields.shares))
        let offices = (fields.officeIDs ?? []).map(\.description)
        let rule = plan.eligibility
        let rows = try await session.query("""
            WITH candidates AS (
                SELECT w.id, w.name, w.office_id,
                       CASE WHEN \(rule.sex?.rawValue)::text IS NOT NULL AND w.sex <> \(rule.sex?.rawValue)::text THEN 'wrong_sex'
                            WHEN \(rule.minAge.map(Int32.init))::int IS NOT NULL
                                 AND date_part('year', age(\(period.startsOn)::date, w.birth_date)) < \(rule.minAge.map(Int32.init))::int THEN 'too_young'
                            WHEN \(rule.maxAge.map(Int32.init))::int IS NOT NULL
                                 AND date_part('year', age(\(period.startsOn)::date, w.birth_date)) > \(rule.maxAge.map(Int32.init))::int THEN 'too_old'
                            WHEN EXISTS (SELECT 1 FROM insurance_enrolments e WHERE e.period_id = \(period.id) AND e.worker_id = w.id)
                                 THEN 'already_enrolled'
                       END AS reason
                FROM workers w
                WHERE w.membership_status = 'active' AND (\(offices.isEmpty) OR w.office_id = ANY(\(offices)::uuid[]))
            ),
            inserted AS (
                INSERT INTO insurance_enrolments (period_id, worker_id, office_id, shares, premium, payer, fund_id, ledger_entry_id, cap_total, created_by)
                SELECT \(period.id), c.id, c.office_id, \(Int32(fields.shares)), \(premium), \(fund == nil ? "member" : "fund"), \(fund)::uuid,
                       \(entry)::uuid, \(plan.benefit.cap(shares: fields.shares)), \(session.principal.userID)
                FROM candidates c WHERE c.reason IS NULL
                ON CONFLICT (period_id, worker_id) DO NOTHING
                RETURNING worker_id
            )
            SELECT NULL::uuid AS worker_id, NULL::text AS name, NULL::text AS reason, (SELECT count(*) FROM inserted) AS enrolled
            UNION ALL
            SELECT c.id, c.name, coalesce(c.reason, 'already_enrolled'), 0 FROM candidates c
            WHERE c.reason IS NOT NULL OR NOT EXISTS (SELECT 1 FROM inserted i WHERE i.worker_id = c.id)
            """).decode(RosterRow.self)
        let enrolled = Int(rows.first?.enrolled ?? 0)
        let skipped = rows.dropFirst().compactMap { row -> RosterEnrolment.Skipped? in
            guard let id = row.workerId else { return nil }
            return RosterEnrolment.Skipped(workerID: Worker.ID(id), name: row.name ?? "",
                                           reason: row.reason.flatMap(Ineligibility.init(rawValue:)) ?? .alreadyEnrolled)
        }
        let total = Money(fen: premium.fen * Int64(enrolled))
        if let fund, let entry, enrolled > 0 {
            _ = try await FundStore.post(session, fund: fund, kind: .premium, amount: Money(fen: -total.fen), date: today(), payer: nil,
                                         memo: "premium \(plan.code) \(period.startsOn) ×\(enrolled)", caseID: nil, reverses: nil,
                                         id: entry, periodID: period.id)
        }
        return RosterEnrolment(enrolled: enrolled, premiumTotal: total, skipped: skipped)
    }

    /// The period and its plan, when today is inside the enrolment window (else 409).
    private func openPeriod(_ session: Session, _ id: InsurancePeriod.ID) async throws -> (InsurancePeriod, InsurancePlan) {
        let period = try await InsurancePeriodStore.load(session, id)
        guard period.enrolOpensOn <= today(), today() <= period.enrolClosesOn else { throw StoreError.conflict(.insurance("enrolment_closed")) }
        guard let plan = try await InsurancePlanStore.load(session, period.planID) else { throw StoreError.notFound }
        return (period, plan)
    }

    /// The fund that pays, when one does: it must be one the caller sees (422 otherwise).
    private static func payingFund(_ session: Session, _ payer: Enrolment.Payer) async throws -> Fund.ID? {
        guard case .fund(let fund) = payer else { return nil }
        guard try await session.query("SELECT 1 FROM funds WHERE id = \(fund)").scalar(Int32.self) != nil else {
            throw ValidationFailure([FieldError(field: "fund_id", code: "unknown_fund", message: "is not a fund you can use", messageZH: "不是可用的资金")])
        }
        return fund
    }
}
