import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Many principals on one pool at once: batched reads (session-level scope, sent only on a
/// change) and transactions (transaction-local scope) interleave on the same connections,
/// and still every row a caller gets is in its scope and every audit row names its writer.
@Suite("Concurrent principals")
struct ConcurrentPrincipalsTests {
    /// What one concurrent caller did, and what it got back.
    enum Outcome: Sendable {
        case created(Worker, by: Principal)
        case read([Worker], by: Principal)
        case crossBranchHidden(Bool)
    }

    @Test func fiveBranchesAndTheAreaReadAndWriteAtOnceEachInItsOwnScope() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let offices = OfficeStore(database: federation.database)
            var branches = [federation.branchA, federation.branchB]
            for code in ["zhangcun", "wangcun", "liucun"] {
                branches.append(try await offices.create(federation.admin, try NewOffice(code: code, name: code, kind: "branch", parentID: federation.area.id)))
            }
            let admin = try await federation.principal("admin")  // its scope now has the new branches
            var officers = [try await federation.principal("officer_a"), try await federation.principal("officer_b")]
            for (index, branch) in branches.dropFirst(2).enumerated() {
                let user = try await UserStore(database: federation.database).create(admin, try NewUser(
                    username: "officer_\(index + 3)", displayName: "干部", officeID: branch.id, role: Role.branchOfficer.rawValue,
                    password: Federation.password))
                officers.append(try await federation.principal(user.username))
            }
            let areaReaders = [admin, try await federation.principal("reviewer"), try await federation.principal("auditor")]
            let workers = WorkerStore(database: federation.database)
            // One worker per branch up front, so that every reader has something to see.
            var seeded: [Office.ID: Worker.ID] = [:]
            for (index, officer) in officers.enumerated() {
                seeded[officer.officeID] = try await workers.create(officer, office: officer.officeID,
                    try WorkerFields(WorkerInput(name: "种子\(index)", idNumber: TestIDNumbers.make(serial: 400 + index)))).id
            }
            let seededIDs = seeded
            let branchOfficers = officers

            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for round in 0..<12 {
                    for (index, officer) in branchOfficers.enumerated() {
                        group.addTask {
                            let fields = try WorkerFields(WorkerInput(name: "工人\(round)-\(index)", idNumber: TestIDNumbers.make(serial: round * 10 + index)))
                            return .created(try await workers.create(officer, office: officer.officeID, fields), by: officer)
                        }
                        group.addTask {
                            .read(try await workers.list(officer, filter: .init(), limit: 100, after: nil).items, by: officer)
                        }
                        group.addTask {
                            guard let own = seededIDs[officer.officeID] else { return .read([], by: officer) }
                            return .read([try await workers.get(officer, id: own)], by: officer)
                        }
                        group.addTask {
                            // Another branch's worker answers not found, whoever read last on the connection.
                            let other = branchOfficers[(index + 1) % branchOfficers.count]
                            guard let theirs = seededIDs[other.officeID] else { return .crossBranchHidden(false) }
                            do {
                                _ = try await workers.get(officer, id: theirs)
                                return .crossBranchHidden(false)
                            } catch StoreError.notFound {
                                return .crossBranchHidden(true)
                            }
                        }
                    }
                    for reader in areaReaders {
                        group.addTask {
                            .read(try await workers.list(reader, filter: .init(), limit: 200, after: nil).items, by: reader)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            var created = 0
            for outcome in outcomes {
                switch outcome {
                case .created(let worker, let officer):
                    created += 1
                    #expect(worker.officeID == officer.officeID)
                case .read(let seen, let principal):
                    #expect(!seen.isEmpty, "\(principal.username) saw nothing")
                    for worker in seen {
                        #expect(principal.scope.contains(worker.officeID), "\(principal.username) saw a worker of another office")
                    }
                case .crossBranchHidden(let hidden):
                    #expect(hidden)
                }
            }
            #expect(created == 60)
            // Every worker's INSERT audit row names the officer who created it, of its office.
            let audit = try await database.ownerPool.query("""
                SELECT count(*) FILTER (WHERE a.user_id IS DISTINCT FROM w.created_by OR u.office_id <> w.office_id),
                       count(*)
                FROM workers w
                LEFT JOIN audit_log a ON a.table_name = 'workers' AND a.action = 'INSERT' AND a.row_id = w.id::text
                LEFT JOIN users u ON u.id = a.user_id
                """)
            let row = try #require(audit.rows.first)
            #expect(try row.decode(Int.self, at: 0) == 0)
            #expect(try row.decode(Int.self, at: 1) == 65)
        }
    }
}
