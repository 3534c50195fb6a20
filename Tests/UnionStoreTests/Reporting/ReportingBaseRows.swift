import Foundation
import PQ
import UnionDomain
import UnionStore
import UnionTestSupport

/// The base tables the reporting views summarise, read row by row as the owner: the expected
/// figures are computed from these in Swift, never from the views or with their SQL.
struct ReportingBaseRows: Sendable {
    struct OfficeRow: Decodable, Sendable {
        let id: UUID
        let code: String
        let name: String
        let kind: String
        let parentId: UUID?
    }

    struct CaseRow: Decodable, Sendable {
        let id: UUID
        let officeId: UUID
        let workerId: UUID
        let studentId: UUID?
        let status: String
        let cashPaid: Money
        let drawn: Money
        let disbursedOn: CalendarDate
        /// The Beijing day of `reversed_at`, the day a reversal is booked on.
        let reversedOn: CalendarDate?
        let kind: String
        let programName: String
        let programYear: Int
        let fundId: UUID
    }

    struct GoodsRow: Decodable, Sendable {
        let caseId: UUID
        let source: String
        let value: Money
    }

    struct LedgerRow: Decodable, Sendable {
        let fundId: UUID
        let kind: String
        let amount: Money
        let caseId: UUID?
    }

    struct FundRow: Decodable, Sendable {
        let id: UUID
        let officeId: UUID
        let name: String
        let source: String
        let balance: Money
    }

    struct ActivityRow: Decodable, Sendable {
        let id: UUID
        let officeId: UUID
        let kind: String
        let startsOn: CalendarDate
        let headCount: Int
        let competition: Bool
    }

    struct WorkerRow: Decodable, Sendable {
        let id: UUID
        let officeId: UUID
        let membershipStatus: String
    }

    struct PeriodRow: Decodable, Sendable {
        let id: UUID
        let planCode: String
        let planName: String
        let startsOn: CalendarDate
        let endsOn: CalendarDate
    }

    struct EnrolmentRow: Decodable, Sendable {
        let id: UUID
        let periodId: UUID
        let workerId: UUID
    }

    struct ClaimRow: Decodable, Sendable {
        let enrolmentId: UUID
        let officeId: UUID
        let status: String
        let amountClaimed: Money
        let payout: Money?
    }

    struct HardshipRow: Decodable, Sendable {
        let officeId: UUID
        let status: String
        let tier: String?
        let confirmedOn: CalendarDate?
        let reviewedOn: CalendarDate?
        let closingReason: String?
        /// The Beijing day it was closed (kept by the database).
        let closedOn: CalendarDate?
    }

    let offices: [OfficeRow]
    let cases: [CaseRow]
    let goods: [GoodsRow]
    let ledger: [LedgerRow]
    let funds: [FundRow]
    let activities: [ActivityRow]
    /// Named participants per activity.
    let named: [UUID: Int]
    let workers: [WorkerRow]
    let periods: [PeriodRow]
    let enrolments: [EnrolmentRow]
    let claims: [ClaimRow]
    let hardshipFiles: [HardshipRow]

    static func read(_ database: TestDatabase) async throws -> ReportingBaseRows {
        let owner = database.ownerPool
        struct Participant: Decodable { let activityId: UUID }
        let participants = try await owner.query("SELECT activity_id FROM activity_participants").decode(Participant.self)
        return ReportingBaseRows(
            offices: try await owner.query("SELECT id, code, name, kind, parent_id FROM offices").decode(OfficeRow.self),
            cases: try await owner.query("""
                SELECT c.id, c.office_id, c.worker_id, c.student_id, c.status, c.cash_paid, c.drawn, c.disbursed_on,
                       (c.reversed_at AT TIME ZONE 'Asia/Shanghai')::date AS reversed_on,
                       p.kind, p.name AS program_name, p.year AS program_year, p.fund_id
                FROM aid_cases c JOIN aid_programs p ON p.id = c.program_id
                WHERE c.status IN ('disbursed', 'reversed')
                """).decode(CaseRow.self),
            goods: try await owner.query("SELECT case_id, source, value FROM aid_case_goods").decode(GoodsRow.self),
            ledger: try await owner.query("SELECT fund_id, kind, amount, case_id FROM fund_ledger").decode(LedgerRow.self),
            funds: try await owner.query("SELECT id, office_id, name, source, balance FROM funds").decode(FundRow.self),
            activities: try await owner.query("SELECT id, office_id, kind, starts_on, head_count, competition FROM activities")
                .decode(ActivityRow.self),
            named: participants.reduce(into: [:]) { $0[$1.activityId, default: 0] += 1 },
            workers: try await owner.query("SELECT id, office_id, membership_status FROM workers").decode(WorkerRow.self),
            periods: try await owner.query("""
                SELECT pe.id, pl.code AS plan_code, pl.name AS plan_name, pe.starts_on, pe.ends_on
                FROM insurance_periods pe JOIN insurance_plans pl ON pl.id = pe.plan_id
                """).decode(PeriodRow.self),
            enrolments: try await owner.query("SELECT id, period_id, worker_id FROM insurance_enrolments").decode(EnrolmentRow.self),
            claims: try await owner.query("SELECT enrolment_id, office_id, status, amount_claimed, payout FROM insurance_claims").decode(ClaimRow.self),
            hardshipFiles: try await owner.query("""
                SELECT office_id, status, tier, confirmed_on, reviewed_on, closing_reason,
                       closed_on
                FROM hardship_files
                """).decode(HardshipRow.self))
    }

    /// Each office's area: the nearest area (or district) above it, itself for an area.
    func areaOf(_ office: UUID) -> UUID {
        let byID = Dictionary(uniqueKeysWithValues: offices.map { ($0.id, $0) })
        var current = byID[office]
        var topmost = office
        while let row = current {
            topmost = row.id
            if row.kind == "area" || row.kind == "district" { return row.id }
            current = row.parentId.flatMap { byID[$0] }
        }
        return topmost
    }

    func code(_ office: UUID) -> String { offices.first { $0.id == office }?.code ?? "?" }
}
