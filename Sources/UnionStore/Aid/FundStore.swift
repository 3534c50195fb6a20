import Foundation
import PQ
import UnionDomain
import UUIDText

/// Funds and their ledger. Every movement is a ledger row; the row's trigger moves the fund's
/// balance under its row lock and refuses an overdraft (sql/migrations/0010_aid.sql).
package struct FundStore: Sendable {
    let database: Database
    let today: @Sendable () -> CalendarDate

    package init(database: Database, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.database = database
        self.today = today
    }

    static let columns: PQQuery = "id, office_id, name, source, balance"

    struct Row: Decodable {
        let id: UUID
        let officeId: UUID
        let name: String
        let source: String
        let balance: Money

        func fund() -> Fund {
            Fund(id: Fund.ID(id), officeID: Office.ID(officeId), name: name, source: Fund.Source(rawValue: source) ?? .other, balance: balance)
        }
    }

    static let entryColumns: PQQuery = "id, fund_id, seq, kind, amount, balance_after, entry_date, payer, memo, case_id, reverses"

    struct EntryRow: Decodable {
        let id: UUID
        let fundId: UUID
        let seq: Int64
        let kind: String
        let amount: Money
        let balanceAfter: Money
        let entryDate: CalendarDate
        let payer: String?
        let memo: String?
        let caseId: UUID?
        let reverses: UUID?

        func entry() -> LedgerEntry {
            LedgerEntry(id: LedgerEntry.ID(id), fundID: Fund.ID(fundId), seq: seq, kind: LedgerEntry.Kind(rawValue: kind) ?? .receipt,
                        amount: amount, balanceAfter: balanceAfter, date: entryDate, payer: payer, memo: memo,
                        caseID: caseId.map(AidCase.ID.init), reverses: reverses.map(LedgerEntry.ID.init))
        }
    }

    /// Funds are the area's books: area roles read them, its administrator writes them.
    static func requireRead(_ principal: Principal) throws {
        guard principal.role.isAreaRole else { throw StoreError.forbidden }
    }

    /// Opens a fund, owned by the administrator's office.
    package func create(_ principal: Principal, _ fields: FundFields) async throws -> Fund {
        try await database.withSession(principal) { session in
            try session.require(.manageAid)
            do {
                guard let row = try await session.query("""
                    INSERT INTO funds (office_id, name, source, created_by)
                    VALUES (\(principal.officeID), \(fields.name), \(fields.source.rawValue), \(principal.userID))
                    RETURNING \(Self.columns)
                    """).first(Row.self) else { throw StoreError.notFound }
                return row.fund()
            } catch let error as PQError where error.constraint == "funds_name_key" {
                throw StoreError.conflict(.aid("duplicate_fund_name"))
            }
        }
    }

    package func list(_ principal: Principal) async throws -> [Fund] {
        try Self.requireRead(principal)
        return try await database.read(principal, "SELECT \(Self.columns) FROM funds ORDER BY name, id").decode(Row.self).map { $0.fund() }
    }

    package func get(_ principal: Principal, id: Fund.ID) async throws -> Fund {
        try Self.requireRead(principal)
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM funds WHERE id = \(id)").first(Row.self) else {
            throw StoreError.notFound
        }
        return row.fund()
    }

    /// Money in. Accepts an idempotency key: a retry records nothing and gets the first answer.
    package func receive(_ principal: Principal, fund: Fund.ID, _ fields: ReceiptFields, idempotency: IdempotencyKey? = nil,
                         render: (LedgerEntry) throws -> StoredResponse = { _ in StoredResponse(status: 201, location: nil, body: "") })
        async throws -> Idempotent<LedgerEntry> {
        try await Idempotency.rememberingRefusals(database, principal, idempotency) {
            try await database.withSession(principal) { session in
                try session.require(.manageAid)
                return try await Idempotency.run(session, idempotency, render: render) {
                    try await Self.post(session, fund: fund, kind: .receipt, amount: fields.amount, date: fields.date,
                                        payer: fields.payer, memo: fields.memo, caseID: nil, reverses: nil)
                }
            }
        }
    }

    /// Corrects a mistaken entry with one that mirrors it (once; the database checks both).
    package func reverseEntry(_ principal: Principal, fund: Fund.ID, entry: LedgerEntry.ID, memo: String) async throws -> LedgerEntry {
        try await database.withSession(principal) { session in
            try session.require(.manageAid)
            guard let original = try await session.query(
                "SELECT \(Self.entryColumns) FROM fund_ledger WHERE id = \(entry) AND fund_id = \(fund)").first(EntryRow.self)?.entry() else {
                throw StoreError.notFound
            }
            guard original.kind != .reversal else { throw StoreError.conflict(.aid("reversal_not_reversible")) }
            // A payment is undone with its case (AidCaseStore.reverse), which also gives the budget back.
            guard original.kind != .disbursement else { throw StoreError.conflict(.aid("reverse_the_case")) }
            // A premium paid for enrolments that stand: refunding it would leave them paid by nobody.
            guard original.kind != .premium else { throw StoreError.conflict(.insurance("premium_not_reversible")) }
            return try await Self.post(session, fund: fund, kind: .reversal, amount: Money(fen: -original.amount.fen), date: today(),
                                       payer: nil, memo: memo, caseID: original.caseID, reverses: entry)
        }
    }

    /// Inserts one ledger row; the trigger moves the balance. `id` is given when rows written
    /// earlier in the transaction already name the entry (a premium's enrolments). An overdraft is a conflict
    /// (`insufficient_funds`), the transaction then rolls back whole.
    static func post(_ session: Session, fund: Fund.ID, kind: LedgerEntry.Kind, amount: Money, date: CalendarDate, payer: String?,
                     memo: String?, caseID: AidCase.ID?, reverses: LedgerEntry.ID?, id: LedgerEntry.ID? = nil,
                     periodID: InsurancePeriod.ID? = nil) async throws -> LedgerEntry {
        do {
            // office_id is the fund's: the trigger sets it (the placeholder only satisfies NOT NULL
            // syntax and is overwritten before any check runs).
            guard let row = try await session.query("""
                INSERT INTO fund_ledger (id, fund_id, office_id, seq, balance_after, kind, amount, entry_date, payer, memo, case_id, reverses,
                                         period_id, created_by)
                VALUES (\(id ?? LedgerEntry.ID()), \(fund), \(session.principal.officeID), 0, 0, \(kind.rawValue), \(amount), \(date), \(payer),
                        \(memo), \(caseID), \(reverses), \(periodID), \(session.principal.userID))
                RETURNING \(entryColumns)
                """).first(EntryRow.self) else { throw StoreError.notFound }
            return row.entry()
        } catch let error as PQError {
            switch error.constraint {
            case "funds_balance_nonnegative": throw StoreError.conflict(.aid("insufficient_funds"))
            case "fund_ledger_reversed_once": throw StoreError.conflict(.aid("already_reversed"))
            case "fund_ledger_fund_fkey": throw StoreError.notFound
            default: throw error
            }
        }
    }

    /// The ledger in order, with the balance after each entry; keyset pages by position.
    package func ledger(_ principal: Principal, fund: Fund.ID, limit: Int, after: String?) async throws -> Page<LedgerEntry> {
        try Self.requireRead(principal)
        var position: Int64 = 0
        if let after {
            guard let parts = Cursor.decode(after, count: 1), let last = Int64(parts[0]) else { throw Cursor.invalid }
            position = last
        }
        return try await database.withSession(principal, readOnly: true) { session in
            guard try await session.query("SELECT 1 FROM funds WHERE id = \(fund)").scalar(Int32.self) != nil else { throw StoreError.notFound }
            let rows = try await session.query("""
                SELECT \(Self.entryColumns) FROM fund_ledger WHERE fund_id = \(fund) AND seq > \(position) ORDER BY seq\(PQQuery.limit(limit + 1))
                """).decode(EntryRow.self)
            return Page.keyset(rows.map { $0.entry() }, limit: limit) { [String($0.seq)] }
        }
    }

    /// One fund's books as the check sees them.
    package struct Audit: Sendable, Hashable {
        package let fund: Fund
        package let ledgerSum: Money
        package let lastBalanceAfter: Money
        package let entries: Int64
        package let chainBreaks: Int64

        /// The balance is the ledger's sum and the last running balance, the entries are
        /// numbered 1…n, and every running balance is the one before plus the amount.
        package var holds: Bool { fund.balance == ledgerSum && fund.balance == lastBalanceAfter && chainBreaks == 0 }
    }

    /// `unionctl fund check`: proves each fund's balance equals its ledger.
    package func check(_ principal: Principal) async throws -> [Audit] {
        try Self.requireRead(principal)
        struct Row: Decodable {
            let id: UUID
            let officeId: UUID
            let name: String
            let source: String
            let balance: Money
            let ledgerSum: Money
            let lastBalance: Money
            let entryCount: Int64
            let chainBreaks: Int64
        }
        let rows = try await database.withSession(principal, readOnly: true) { session in
            try await session.query("""
                SELECT f.id, f.office_id, f.name, f.source, f.balance,
                       coalesce((SELECT sum(amount) FROM fund_ledger l WHERE l.fund_id = f.id), 0) AS ledger_sum,
                       coalesce((SELECT balance_after FROM fund_ledger l WHERE l.fund_id = f.id ORDER BY seq DESC LIMIT 1), 0) AS last_balance,
                       (SELECT count(*) FROM fund_ledger l WHERE l.fund_id = f.id) AS entry_count,
                       (SELECT count(*) FROM (
                            SELECT seq, balance_after, amount,
                                   lag(balance_after, 1, 0::numeric) OVER (ORDER BY seq) AS previous,
                                   row_number() OVER (ORDER BY seq) AS position
                            FROM fund_ledger l WHERE l.fund_id = f.id) chain
                        WHERE balance_after <> previous + amount OR seq <> position) AS chain_breaks
                FROM funds f ORDER BY f.name, f.id
                """).decode(Row.self)
        }
        return rows.map { row in
            Audit(fund: Fund(id: Fund.ID(row.id), officeID: Office.ID(row.officeId), name: row.name,
                             source: Fund.Source(rawValue: row.source) ?? .other, balance: row.balance),
                  ledgerSum: row.ledgerSum, lastBalanceAfter: row.lastBalance, entries: row.entryCount, chainBreaks: row.chainBreaks)
        }
    }
}
