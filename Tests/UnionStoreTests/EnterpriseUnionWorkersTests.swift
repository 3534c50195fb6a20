import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// An enterprise's own union (office kind `enterprise`) is a branch of its own: it registers its
/// workers and receives transfers, and the area office still holds none.
@Suite("Enterprise unions hold workers")
struct EnterpriseUnionWorkersTests {
    @Test func anEnterpriseUnionRegistersAndReceivesWorkers() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let offices = OfficeStore(database: federation.database)
            let union = try await offices.create(federation.admin, try NewOffice(code: "jianchang", name: "砖厂工会", kind: "enterprise",
                                                                                 parentID: federation.area.id))
            guard let admin = try await AuthStore(database: federation.database).principal(username: "admin") else {
                Issue.record("no admin")
                return
            }
            let workers = WorkerStore(database: federation.database)
            let registered = try await workers.create(admin, office: union.id,
                                                      try WorkerFields(WorkerInput(name: "赵磊", idNumber: TestIDNumbers.make(serial: 401))))
            #expect(registered.officeID == union.id)
            let moving = try await workers.create(admin, office: federation.branchA.id,
                                                  try WorkerFields(WorkerInput(name: "钱芳", idNumber: TestIDNumbers.make(serial: 402))))
            try await workers.transfer(admin, id: moving.id, to: union.id, on: .today(), reason: "调入企业")
            #expect(try await workers.get(admin, id: moving.id).officeID == union.id)
            await #expect(throws: (any Error).self) {
                _ = try await workers.create(admin, office: federation.area.id,
                                             try WorkerFields(WorkerInput(name: "孙强", idNumber: TestIDNumbers.make(serial: 403))))
            }
        }
    }
}
