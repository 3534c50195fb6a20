import Foundation
import PQ
import UnionDomain
import UUIDText

/// Collective contracts: signing, 备案 (filing), effect, renewal and termination; and what the
/// area reads from them (attention rows, coverage figures).
package struct ContractStore: Sendable {
    let database: Database
    /// "Today" in Beijing; injected so tests can move the clock across day boundaries.
    let today: @Sendable () -> CalendarDate

    package init(database: Database, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.database = database
        self.today = today
    }

    static let columns: PQQuery = """
        c.id, c.enterprise_id, c.office_id, c.kind, c.status, c.signed_on, c.starts_on, c.ends_on, c.votes_for, c.votes_total, c.text_file,
        c.filed_on, c.effective_on, c.renews_id, c.terminated_on, c.termination_reason
        """

    package static let objectionPeriodRunning = StoreMessage(
        code: "objection_period_running", field: "effective_on",
        en: "The labour bureau's \(ContractRules.objectionDays)-day objection period after filing has not passed.",
        zh: "备案后\(ContractRules.objectionDays)日审查期尚未届满。")
    package static let notEditable = StoreMessage(
        code: "contract_not_editable", en: "Only a signed contract not yet filed can be edited.", zh: "只有已签订且尚未备案的合同可以修改。")
    package static let invalidTransition = StoreMessage(
        code: "invalid_transition", en: "The contract is not in a state that allows this.", zh: "合同当前状态不允许此操作。")

    /// Signs a contract for a visible enterprise; it belongs to the enterprise's branch.
    package func create(_ principal: Principal, _ fields: ContractFields) async throws -> CollectiveContract {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            return try await insert(session, fields, renews: nil)
        }
    }

    package func get(_ principal: Principal, id: CollectiveContract.ID) async throws -> CollectiveContract {
        try Policy.require(principal, .readBranchData)
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM collective_contracts c WHERE c.id = \(id)")
            .one(CollectiveContract.self) else { throw StoreError.notFound }
        return row
    }

    /// Corrects a signed contract before it is filed: dates, vote, text; validated whole.
    package func update(_ principal: Principal, id: CollectiveContract.ID, _ patch: ContractInput) async throws -> CollectiveContract {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let current = try await lock(session, id)
            guard current.status == .signed else { throw StoreError.conflict(Self.notEditable) }
            let fields = try ContractFields(patch.applied(to: ContractInput(current)))
            guard let row = try await session.query("""
                UPDATE collective_contracts c SET signed_on = \(fields.terms.signedOn), starts_on = \(fields.terms.startsOn),
                       ends_on = \(fields.terms.endsOn), votes_for = \(Int32(fields.terms.votesFor)), votes_total = \(Int32(fields.terms.votesTotal)),
                       text_file = \(fields.textFile), updated_at = now()
                WHERE c.id = \(id) RETURNING \(Self.columns)
                """).one(CollectiveContract.self) else { throw StoreError.notFound }
            return row
        }
    }

    /// 备案: the filing date (today when not given), on or after signing and not in the future.
    /// Filing after the deadline is allowed and shows as late.
    package func file(_ principal: Principal, id: CollectiveContract.ID, on date: CalendarDate?) async throws -> CollectiveContract {
        let today = today()
        let filedOn = date ?? today
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let current = try await lock(session, id)
            guard ContractTransition.file.from.contains(current.status) else { throw StoreError.conflict(Self.invalidTransition) }
            guard filedOn >= current.terms.signedOn, filedOn <= today else {
                throw ValidationFailure([FieldError(field: "filed_on", code: "out_of_range", message: "must be between the signing date and today",
                                                    messageZH: "须在签订日期与今天之间")])
            }
            return try await set(session, id, "status = 'filed', filed_on = \(filedOn)")
        }
    }

    /// Effective once the objection period after filing has passed with no objection.
    package func makeEffective(_ principal: Principal, id: CollectiveContract.ID) async throws -> CollectiveContract {
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let current = try await lock(session, id)
            guard ContractTransition.effective.from.contains(current.status), let from = current.effectiveFrom else {
                throw StoreError.conflict(Self.invalidTransition)
            }
            guard from <= today else { throw StoreError.conflict(Self.objectionPeriodRunning) }
            return try await set(session, id, "status = 'effective', effective_on = \(from)")
        }
    }

    /// A new contract of the same enterprise and kind replaces this one (linked by renews_id).
    package func renew(_ principal: Principal, id: CollectiveContract.ID, _ input: ContractInput) async throws -> CollectiveContract {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let current = try await lock(session, id)
            guard ContractTransition.renew.from.contains(current.status) else { throw StoreError.conflict(Self.invalidTransition) }
            var input = input
            input.enterpriseId = current.enterpriseID.description
            input.kind = current.kind.rawValue
            let fields = try ContractFields(input)
            // The old one stops being live first, so the one-live-per-kind index admits the new.
            _ = try await set(session, id, "status = 'renewed'")
            return try await insert(session, fields, renews: id)
        }
    }

    package func terminate(_ principal: Principal, id: CollectiveContract.ID, reason: String?) async throws -> CollectiveContract {
        var validator = Validator()
        let reason = validator.text(reason, field: "reason", max: 200)
        try validator.finish()
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let current = try await lock(session, id)
            guard ContractTransition.terminate.from.contains(current.status) else { throw StoreError.conflict(Self.invalidTransition) }
            return try await set(session, id, "status = 'terminated', terminated_on = \(today), termination_reason = \(reason)")
        }
    }

    /// Contracts in scope, newest signing first; filters by enterprise, kind, status.
    package func list(_ principal: Principal, enterprise: Enterprise.ID?, kind: CollectiveContract.Kind?, status: CollectiveContract.Status?,
                      limit: Int, after: String?) async throws -> Page<CollectiveContract> {
        try Policy.require(principal, .readBranchData)
        var conditions: [PQQuery] = ["true"]
        if let enterprise { conditions.append("c.enterprise_id = \(enterprise)") }
        if let kind { conditions.append("c.kind = \(kind.rawValue)") }
        if let status { conditions.append("c.status = \(status.rawValue)") }
        if let after {
            guard let parts = Cursor.decode(after, count: 1), let last = UUIDText.parse(parts[0]) else { throw Cursor.invalid }
            conditions.append("c.id > \(last)")
        }
        let rows = try await database.read(principal, """
            SELECT \(Self.columns) FROM collective_contracts c WHERE \(PQQuery.joined(conditions, separator: " AND "))
            ORDER BY c.id\(PQQuery.limit(limit + 1))
            """).all(CollectiveContract.self)
        return Page.keyset(rows, limit: limit) { [$0.id.description] }
    }

    /// What the area (or a branch, for its own) must act on today.
    package func attention(_ principal: Principal) async throws -> [ContractAttention] {
        let today = today()
        let (enterprises, contracts) = try await everything(principal)
        return ContractAttention.rows(enterprises: enterprises, contracts: contracts, today: today)
    }

    /// Coverage by a valid comprehensive contract, area-wide (over the caller's scope) and per branch.
    package func coverage(_ principal: Principal) async throws -> (area: ContractCoverage, offices: [ContractCoverage]) {
        let today = today()
        let (enterprises, contracts) = try await everything(principal)
        return ContractCoverage.figures(enterprises: enterprises, contracts: contracts, today: today)
    }

    private func everything(_ principal: Principal) async throws -> ([Enterprise], [CollectiveContract]) {
        try Policy.require(principal, .readBranchData)
        return try await database.withSession(principal, readOnly: true) { session in
            let enterprises = try await EnterpriseStore(database: database).all(session)
            let contracts = try await session.query("""
                SELECT \(Self.columns) FROM collective_contracts c WHERE c.status IN ('signed', 'filed', 'effective') ORDER BY c.id
                """).all(CollectiveContract.self)
            return (enterprises, contracts)
        }
    }

    private func insert(_ session: Session, _ fields: ContractFields, renews: CollectiveContract.ID?) async throws -> CollectiveContract {
        guard let office = try await session.query("SELECT office_id FROM enterprises WHERE id = \(fields.enterpriseID)").scalar(Office.ID.self) else {
            throw StoreError.invalid(StoreMessage(code: "unknown_enterprise", field: "enterprise_id", en: "The enterprise does not exist.",
                                                  zh: "企业不存在。"))
        }
        try session.require(.writeBranchData, office: office)
        guard let row = try await session.query("""
            INSERT INTO collective_contracts AS c (enterprise_id, office_id, kind, signed_on, starts_on, ends_on, votes_for, votes_total,
                                                   text_file, renews_id, created_by)
            VALUES (\(fields.enterpriseID), \(office), \(fields.kind.rawValue), \(fields.terms.signedOn), \(fields.terms.startsOn),
                    \(fields.terms.endsOn), \(Int32(fields.terms.votesFor)), \(Int32(fields.terms.votesTotal)), \(fields.textFile), \(renews),
                    \(session.principal.userID))
            RETURNING \(Self.columns)
            """).one(CollectiveContract.self) else { throw StoreError.notFound }
        return row
    }

    private func set(_ session: Session, _ id: CollectiveContract.ID, _ assignments: PQQuery) async throws -> CollectiveContract {
        guard let row = try await session.query("""
            UPDATE collective_contracts c SET \(assignments), updated_at = now() WHERE c.id = \(id) RETURNING \(Self.columns)
            """).one(CollectiveContract.self) else { throw StoreError.notFound }
        return row
    }

    private func lock(_ session: Session, _ id: CollectiveContract.ID) async throws -> CollectiveContract {
        guard let row = try await session.query("SELECT \(Self.columns) FROM collective_contracts c WHERE c.id = \(id) FOR UPDATE")
            .one(CollectiveContract.self) else { throw StoreError.notFound }
        // Visible through the enterprise's union office is not writable: only the branch's.
        try session.require(.writeBranchData, office: row.officeID)
        return row
    }
}

extension CollectiveContract: RowDecodable {
    /// A row of `ContractStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        let id: ID = try column.next(), enterprise: Enterprise.ID = try column.next(), office: Office.ID = try column.next()
        let kind: Kind = try column.next(), status: Status = try column.next()
        let terms = ContractTerms(signedOn: try column.next(), startsOn: try column.next(), endsOn: try column.next(),
                                  votesFor: Int(try column.next(Int32.self)), votesTotal: Int(try column.next(Int32.self)))
        self.init(id: id, enterpriseID: enterprise, officeID: office, kind: kind, status: status, terms: terms, textFile: try column.nextIfPresent(),
                  filedOn: try column.nextIfPresent(), effectiveOn: try column.nextIfPresent(), renewsID: try column.nextIfPresent(),
                  terminatedOn: try column.nextIfPresent(), terminationReason: try column.nextIfPresent())
    }
}
