import Foundation
import PQ
import UnionDomain

/// Claims: submitted by a branch, approved or rejected by the area (never by the submitter),
/// then recorded as paid. The insurer pays; no fund moves. An approval locks its enrolment row,
/// so concurrent approvals against one cap take turns, and the enrolment's CHECK
/// (approved_total <= cap_total) is the second wall.
package struct InsuranceClaimStore: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    static let columns: PQQuery = """
        c.id, c.enrolment_id, c.office_id, c.incident_on, c.kind, c.amount_claimed, c.documents, c.status, c.submitted_by, c.reject_reason,
        c.after_ratio, c.cap_remaining, c.payout, c.paid_on, c.payment_method, p.deductible, p.payout_percent
        """
    static let from: PQQuery = """
        insurance_claims c JOIN insurance_enrolments e ON e.id = c.enrolment_id JOIN insurance_periods pe ON pe.id = e.period_id
        JOIN insurance_plans p ON p.id = pe.plan_id
        """

    struct Row: Decodable {
        let id: UUID
        let enrolmentId: UUID
        let officeId: UUID
        let incidentOn: CalendarDate
        let kind: String
        let amountClaimed: Money
        let documents: [String]
        let status: String
        let submittedBy: UUID
        let rejectReason: String?
        let afterRatio: Money?
        let capRemaining: Money?
        let payout: Money?
        let paidOn: CalendarDate?
        let paymentMethod: String?
        let deductible: Money
        let payoutPercent: Int32

        func claim() -> InsuranceClaim {
            var working: Payout?
            if let afterRatio, let capRemaining, let payout {
                working = Payout(claimed: amountClaimed, deductible: deductible, payoutPercent: Int(payoutPercent), afterRatio: afterRatio,
                                 capRemaining: capRemaining, payout: payout)
            }
            return InsuranceClaim(
                id: InsuranceClaim.ID(id), enrolmentID: Enrolment.ID(enrolmentId), officeID: Office.ID(officeId), incidentOn: incidentOn,
                kind: InsuranceClaim.Kind(rawValue: kind) ?? .other, amountClaimed: amountClaimed, documents: documents,
                status: InsuranceClaim.Status(rawValue: status) ?? .submitted, submittedBy: User.ID(submittedBy), rejectReason: rejectReason,
                payout: working, paidOn: paidOn, paymentMethod: paymentMethod.flatMap(InsuranceClaim.PaymentMethod.init(rawValue:)))
        }
    }

    private struct EnrolmentTerms: Decodable {
        let officeId: UUID
        let shares: Int32
        let approvedTotal: Money
        let startsOn: CalendarDate
        let endsOn: CalendarDate
        let planId: UUID
    }

    private static func terms(_ session: Session, _ enrolment: Enrolment.ID, lock: Bool) async throws -> EnrolmentTerms {
        let query: PQQuery = """
            SELECT e.office_id, e.shares, e.approved_total, pe.starts_on, pe.ends_on, pe.plan_id
            FROM insurance_enrolments e JOIN insurance_periods pe ON pe.id = e.period_id WHERE e.id = \(enrolment)
            """
        guard let row = try await session.query(lock ? query + " FOR UPDATE OF e" : query).first(EnrolmentTerms.self) else {
            throw StoreError.notFound
        }
        return row
    }

    package func submit(_ principal: Principal, _ fields: InsuranceClaimFields) async throws -> InsuranceClaim {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let terms = try await Self.terms(session, fields.enrolmentID, lock: false)
            guard terms.startsOn <= fields.incidentOn, fields.incidentOn <= terms.endsOn else {
                throw ValidationFailure([FieldError(field: "incident_on", code: "outside_period", message: "must be inside the coverage period",
                                                    messageZH: "须在保障期内")])
            }
            guard let id = try await session.query("""
                INSERT INTO insurance_claims (enrolment_id, office_id, incident_on, kind, amount_claimed, documents, submitted_by)
                VALUES (\(fields.enrolmentID), \(Office.ID(terms.officeId)), \(fields.incidentOn), \(fields.kind.rawValue), \(fields.amountClaimed),
                        \(fields.documents)::text[], \(principal.userID))
                RETURNING id
                """).scalar(InsuranceClaim.ID.self) else { throw StoreError.notFound }
            return try await Self.load(session, id)
        }
    }

    package func get(_ principal: Principal, id: InsuranceClaim.ID) async throws -> InsuranceClaim {
        try await database.withSession(principal, readOnly: true) { session in try await Self.load(session, id) }
    }

    package func list(_ principal: Principal, enrolment: Enrolment.ID?) async throws -> [InsuranceClaim] {
        try await database.read(principal, """
            SELECT \(Self.columns) FROM \(Self.from) WHERE \(enrolment)::uuid IS NULL OR c.enrolment_id = \(enrolment)
            ORDER BY c.submitted_at, c.id LIMIT 500
            """).decode(Row.self).map { $0.claim() }
    }

    /// Approves with the payout the plan's rule gives, under what the caps leave. The enrolment
    /// row is locked first, so the running total read here is the one the update adds to.
    package func approve(_ principal: Principal, id: InsuranceClaim.ID) async throws -> InsuranceClaim {
        try await database.withSession(principal) { session in
            let claim = try await decidable(session, id)
            let terms = try await Self.terms(session, claim.enrolmentID, lock: true)
            guard let plan = try await InsurancePlanStore.load(session, InsurancePlan.ID(terms.planId)) else { throw StoreError.notFound }
            let working = Payout(rule: plan.benefit, claimed: claim.amountClaimed, shares: Int(terms.shares), alreadyApproved: terms.approvedTotal)
            guard working.capRemaining.fen > 0 else { throw StoreError.conflict(.insurance("cap_exhausted")) }
            do {
                try await session.query("""
                    UPDATE insurance_enrolments SET approved_total = approved_total + \(working.payout) WHERE id = \(claim.enrolmentID)
                    """)
            } catch let error as PQError where error.constraint == "insurance_enrolments_within_cap" {
                throw StoreError.conflict(.insurance("cap_exhausted"))
            }
            try await transition(session, id, from: .submitted, """
                UPDATE insurance_claims SET status = 'approved', decided_by = \(principal.userID), decided_at = now(),
                    after_ratio = \(working.afterRatio), cap_remaining = \(working.capRemaining), payout = \(working.payout)
                WHERE id = \(id) AND status = 'submitted' RETURNING id
                """)
            return try await Self.load(session, id)
        }
    }

    package func reject(_ principal: Principal, id: InsuranceClaim.ID, reason: String) async throws -> InsuranceClaim {
        try await database.withSession(principal) { session in
            _ = try await decidable(session, id)
            try await transition(session, id, from: .submitted, """
                UPDATE insurance_claims SET status = 'rejected', decided_by = \(principal.userID), decided_at = now(), reject_reason = \(reason)
                WHERE id = \(id) AND status = 'submitted' RETURNING id
                """)
            return try await Self.load(session, id)
        }
    }

    /// Records the insurer's payment of an approved claim.
    package func pay(_ principal: Principal, id: InsuranceClaim.ID, _ fields: ClaimPaymentFields) async throws -> InsuranceClaim {
        try await database.withSession(principal) { session in
            try session.require(.reviewCases)
            _ = try await Self.load(session, id)
            try await transition(session, id, from: .approved, """
                UPDATE insurance_claims SET status = 'paid', paid_on = \(fields.date), payment_method = \(fields.method.rawValue),
                    paid_by = \(principal.userID)
                WHERE id = \(id) AND status = 'approved' RETURNING id
                """)
            return try await Self.load(session, id)
        }
    }

    /// The claim, when the principal may decide it: area roles, never its submitter.
    private func decidable(_ session: Session, _ id: InsuranceClaim.ID) async throws -> InsuranceClaim {
        try session.require(.reviewCases)
        let claim = try await Self.load(session, id)
        let decision = Policy.decideApproval(session.principal, submittedBy: claim.submittedBy, office: claim.officeID)
        guard decision == .allow else { throw PolicyDenial(decision: decision, action: .reviewCases) }
        return claim
    }

    /// One guarded UPDATE: no row back means the claim was not in `from` (409).
    private func transition(_ session: Session, _ id: InsuranceClaim.ID, from: InsuranceClaim.Status, _ update: PQQuery) async throws {
        guard try await session.query(update).scalar(UUID.self) != nil else { throw StoreError.conflict(.insurance("invalid_transition")) }
    }

    static func load(_ session: Session, _ id: InsuranceClaim.ID) async throws -> InsuranceClaim {
        guard let row = try await session.query("SELECT \(Self.columns) FROM \(Self.from) WHERE c.id = \(id)").first(Row.self) else {
            throw StoreError.notFound
        }
        return row.claim()
    }
}
