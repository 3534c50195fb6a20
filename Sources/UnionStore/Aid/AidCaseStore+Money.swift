import Foundation
import PQ
import UnionDomain

extension AidCaseStore {
    /// Pays an approved case: the ledger entry (cash plus goods the fund bought), the
    /// program's spending and the case move in one transaction, or nothing does. An empty fund
    /// is `insufficient_funds`, a spent budget `budget_exhausted` (both 409), as the database
    /// decides under its row locks, so concurrent disbursements can't overdraw either.
    package func disburse(_ principal: Principal, id: AidCase.ID, _ fields: DisbursementFields, idempotency: IdempotencyKey? = nil,
                          render: (AidCase) throws -> StoredResponse = { _ in StoredResponse(status: 200, location: nil, body: "") })
        async throws -> Idempotent<AidCase> {
        try await Idempotency.rememberingRefusals(database, principal, idempotency) {
            try await database.withSession(principal) { session in
                try session.require(AidTransition.disburse.action)
                do {
                    return try await Idempotency.run(session, idempotency, render: render, committing: {
                        var paid = try await Self.load(session, id, lock: true)
                        guard AidTransition.disburse.from.contains(paid.status) else { throw StoreError.conflict(.aid("invalid_transition")) }
                        let cash = fields.cashPaid ?? paid.cashRequested
                        guard cash <= paid.cashRequested else {
                            throw ValidationFailure([FieldError(field: "cash_paid", code: "above_approved", message: "must not exceed the cash approved",
                                                                messageZH: "不能超过批准的金额")])
                        }
                        let drawn = cash + paid.fundGoodsValue
                        // The entry's id is ours, so the case names it before it exists (the foreign
                        // key is checked at COMMIT), and the fund's row is locked last.
                        let entry: LedgerEntry.ID? = drawn > .zero ? LedgerEntry.ID() : nil
                        var last: [PQQuery] = ["""
                            UPDATE aid_cases SET status = 'disbursed', cash_paid = \(cash), payment_method = \(fields.method.rawValue),
                                   disbursed_on = \(fields.date), disbursed_by = \(principal.userID), drawn = \(drawn), ledger_entry_id = \(entry),
                                   updated_at = now()
                            WHERE id = \(id)
                            """]
                        if let entry {
                            // The program's spending and the fund's ledger in one statement: the
                            // program's row, then the fund's (in the ledger trigger).
                            last.append("""
                                WITH budget AS (UPDATE aid_programs SET spent = spent + \(drawn) WHERE id = \(paid.programID) RETURNING fund_id, office_id)
                                INSERT INTO fund_ledger (id, fund_id, office_id, seq, balance_after, kind, amount, entry_date, memo, case_id, created_by)
                                SELECT \(entry), budget.fund_id, budget.office_id, 0, 0, 'disbursement', \(Money(fen: -drawn.fen)), \(fields.date),
                                       \("aid case \(id)"), \(id), \(principal.userID)
                                FROM budget
                                """)
                        }
                        paid.status = .disbursed
                        paid.cashPaid = cash
                        paid.paymentMethod = fields.method
                        paid.disbursedOn = fields.date
                        paid.drawn = drawn
                        return (paid, last)
                    })
                } catch let error as PQError {
                    switch error.constraint {
                    case "aid_programs_within_budget": throw StoreError.conflict(.aid("budget_exhausted"))
                    case "funds_balance_nonnegative": throw StoreError.conflict(.aid("insufficient_funds"))
                    default: throw error
                    }
                }
            }
        }
    }

    /// Undoes a disbursement (area_admin, with a reason): a reversing ledger entry that points
    /// at the disbursement's, the program's spending given back, and the case marked reversed.
    package func reverse(_ principal: Principal, id: AidCase.ID, reason: String, idempotency: IdempotencyKey? = nil,
                         render: (AidCase) throws -> StoredResponse = { _ in StoredResponse(status: 200, location: nil, body: "") })
        async throws -> Idempotent<AidCase> {
        try await Idempotency.rememberingRefusals(database, principal, idempotency) {
            try await database.withSession(principal) { session in
                try session.require(AidTransition.reverse.action)
                return try await Idempotency.run(session, idempotency, render: render) {
                    let current = try await Self.load(session, id, lock: true)
                    guard AidTransition.reverse.from.contains(current.status) else { throw StoreError.conflict(.aid("invalid_transition")) }
                    let entry = try await session.query("SELECT ledger_entry_id FROM aid_cases WHERE id = \(id)").scalar(LedgerEntry.ID.self)
                    // Rows are locked in a disbursement's order (the case and its report rollup,
                    // then the program, then the fund), so a reversal and a disbursement of the
                    // same program can't deadlock.
                    // The reversal's Beijing day comes from the same clock as `reversed_at`, which
                    // the reports book it by: the ledger and the figures agree across midnight.
                    guard let day = try await session.query("""
                        UPDATE aid_cases SET status = 'reversed', reversed_by = \(principal.userID), reversed_at = now(), reversal_reason = \(reason),
                               updated_at = now()
                        WHERE id = \(id)
                        RETURNING (reversed_at AT TIME ZONE 'Asia/Shanghai')::date
                        """).scalar(CalendarDate.self) else { throw StoreError.notFound }
                    if let entry, let drawn = current.drawn, drawn > .zero {
                        let program = try await AidProgramStore.load(session, current.programID)
                        try await spend(session, program: current.programID, Money(fen: -drawn.fen))
                        _ = try await FundStore.post(session, fund: program.fundID, kind: .reversal, amount: drawn, date: day, payer: nil,
                                                     memo: "reversal of aid case \(id)", caseID: id, reverses: entry)
                    }
                    return try await Self.load(session, id)
                }
            }
        }
    }

    private func spend(_ session: Session, program: AidProgram.ID, _ amount: Money) async throws {
        do {
            try await session.query("UPDATE aid_programs SET spent = spent + \(amount) WHERE id = \(program)")
        } catch let error as PQError where error.constraint == "aid_programs_within_budget" {
            throw StoreError.conflict(.aid("budget_exhausted"))
        }
    }

    /// Everything a worker received (disbursed, not reversed), from every branch: the cases
    /// are visible through the worker wherever they were filed.
    package struct WorkerAid: Sendable {
        package let cases: [AidCase]
        package var cash: Money { cases.reduce(.zero) { $0 + ($1.cashPaid ?? .zero) } }
        package var goodsValue: Money { cases.reduce(.zero) { $0 + $1.goodsValue } }
        package var total: Money { cash + goodsValue }
    }

    package func workerAid(_ principal: Principal, worker: Worker.ID) async throws -> WorkerAid {
        try Policy.require(principal, .readBranchData)
        return try await database.withSession(principal, readOnly: true) { session in
            guard try await session.query("SELECT 1 FROM workers WHERE id = \(worker)").scalar(Int32.self) != nil else { throw StoreError.notFound }
            let rows = try await session.query("""
                SELECT \(AidCaseRow.columns) FROM \(AidCaseRow.from) WHERE c.worker_id = \(worker) AND c.status = 'disbursed'
                ORDER BY c.disbursed_on, c.id
                """).decode(AidCaseRow.Row.self)
            return WorkerAid(cases: rows.map { $0.aidCase() })
        }
    }

    /// One line of the disbursement report (`unionctl aid disbursements`).
    package struct DisbursementLine: Sendable, Hashable {
        package let caseID: AidCase.ID
        package let officeCode: String
        package let workerName: String
        package let programName: String
        package let programKind: String
        package let date: CalendarDate
        package let method: String
        package let cash: Money
        package let goodsValue: Money
    }

    package func disbursements(_ principal: Principal, year: Int, office: Office.ID?) async throws -> [DisbursementLine] {
        try Policy.require(principal, .readBranchData, office: office)
        struct Row: Decodable {
            let id: UUID
            let code: String
            let workerName: String
            let programName: String
            let kind: String
            let disbursedOn: CalendarDate
            let paymentMethod: String
            let cashPaid: Money
            let goodsValue: Money
        }
        var conditions: [PQQuery] = ["c.status = 'disbursed'", "c.year = \(Int32(year))"]
        if let office { conditions.append("c.office_id = \(office)") }
        let rows = try await database.withSession(principal, readOnly: true) { session in
            try await session.query("""
                SELECT c.id, o.code, w.name AS worker_name, p.name AS program_name, p.kind, c.disbursed_on, c.payment_method, c.cash_paid,
                       coalesce((SELECT sum(g.value) FROM aid_case_goods g WHERE g.case_id = c.id), 0) AS goods_value
                FROM aid_cases c JOIN aid_programs p ON p.id = c.program_id JOIN offices o ON o.id = c.office_id
                     JOIN workers w ON w.id = c.worker_id
                WHERE \(PQQuery.joined(conditions, separator: " AND "))
                ORDER BY o.code, c.disbursed_on, c.id
                """).decode(Row.self)
        }
        return rows.map {
            DisbursementLine(caseID: AidCase.ID($0.id), officeCode: $0.code, workerName: $0.workerName, programName: $0.programName,
                             programKind: $0.kind, date: $0.disbursedOn, method: $0.paymentMethod, cash: $0.cashPaid, goodsValue: $0.goodsValue)
        }
    }
}
