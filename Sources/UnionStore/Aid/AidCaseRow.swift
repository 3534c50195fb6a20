import Foundation
import PQ
import UnionDomain

/// How an aid case is read: one statement, its goods as a JSON array beside it.
enum AidCaseRow {
    static let columns: PQQuery = """
        c.id, c.office_id, c.worker_id, c.program_id, p.kind AS program_kind, c.year, c.status, c.reason, c.cash_requested,
        c.standard_amount, c.justification, c.student_id, c.school_year, c.submitted_by, c.decided_by, c.decision_reason, c.cash_paid,
        c.payment_method, c.disbursed_on, c.drawn, c.reversal_reason,
        coalesce((SELECT jsonb_agg(jsonb_build_object('item', g.item, 'quantity', g.quantity, 'unit', g.unit,
                                                      'unitValue', g.unit_value::text, 'source', g.source) ORDER BY g.line)
                  FROM aid_case_goods g WHERE g.case_id = c.id), '[]'::jsonb) AS goods
        """
    static let from: PQQuery = "aid_cases c JOIN aid_programs p ON p.id = c.program_id"

    struct Goods: Codable, Sendable {
        let item: String
        let quantity: Int
        let unit: String
        let unitValue: String
        let source: String
    }

    struct Row: Decodable {
        let id: UUID
        let officeId: UUID
        let workerId: UUID
        let programId: UUID
        let programKind: String
        let year: Int32
        let status: String
        let reason: String
        let cashRequested: Money
        let standardAmount: Money
        let justification: String?
        let studentId: UUID?
        let schoolYear: Int32?
        let submittedBy: UUID?
        let decidedBy: UUID?
        let decisionReason: String?
        let cashPaid: Money?
        let paymentMethod: String?
        let disbursedOn: CalendarDate?
        let drawn: Money?
        let reversalReason: String?
        let goods: PQJSON<[Goods]>

        func aidCase() -> AidCase {
            AidCase(
                id: AidCase.ID(id), officeID: Office.ID(officeId), workerID: Worker.ID(workerId), programID: AidProgram.ID(programId),
                programKind: AidProgram.Kind(rawValue: programKind) ?? .emergencyRelief, year: Int(year),
                status: AidCase.Status(rawValue: status) ?? .draft, reason: reason, cashRequested: cashRequested, standardAmount: standardAmount,
                justification: justification,
                goods: goods.value.map { line in
                    AidGoods(item: line.item, quantity: line.quantity, unit: line.unit, unitValue: Money(line.unitValue) ?? .zero,
                             source: AidGoods.Source(rawValue: line.source) ?? .fund)
                },
                studentID: studentId.map(HouseholdMember.ID.init), schoolYear: schoolYear.map(Int.init),
                submittedBy: submittedBy.map(User.ID.init), decidedBy: decidedBy.map(User.ID.init), decisionReason: decisionReason,
                cashPaid: cashPaid, paymentMethod: paymentMethod.flatMap(AidCase.PaymentMethod.init(rawValue:)), disbursedOn: disbursedOn,
                drawn: drawn, reversalReason: reversalReason)
        }
    }
}
