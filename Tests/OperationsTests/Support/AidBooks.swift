import Foundation
import UnionDomain
import UnionStore
import UnionTestSupport

/// Aid money moving through the same stores as the API: a fund with money in it, an
/// emergency-relief program paying a flat 10.00 from it, and approved cases waiting to be paid.
struct AidBooks: Sendable {
    let federation: Federation
    let fund: Fund
    let program: AidProgram
    let approvedCases: [AidCase.ID]

    static func make(_ federation: Federation, cases: Int, firstSerial: Int = 700) async throws -> AidBooks {
        let admin = federation.admin
        let funds = FundStore(database: federation.database)
        let fund = try await funds.create(admin, try FundFields(name: "区总工会拨款", source: "district_allocation"))
        _ = try await funds.receive(admin, fund: fund.id, try ReceiptFields(amount: "10000.00", date: nil, payer: "丰台区总工会", memo: nil, today: .today()))
        let program = try await AidProgramStore(database: federation.database).create(admin, try AidProgramFields(AidProgramInput(
            kind: "emergency_relief", name: "意外救助", year: CalendarDate.today().year, fundID: fund.id.description, budget: "5000.00",
            standards: ["flat": "10.00"])))
        let officer = try await federation.principal("officer_a")
        let reviewer = try await federation.principal("reviewer")
        let workers = WorkerStore(database: federation.database)
        let aidCases = AidCaseStore(database: federation.database)
        var approved: [AidCase.ID] = []
        for serial in firstSerial..<(firstSerial + cases) {
            let worker = try await workers.create(officer, office: federation.branchA.id,
                                                  try WorkerFields(WorkerInput(name: "李某", idNumber: TestIDNumbers.make(serial: serial))))
            let filed = try await aidCases.create(officer, try AidCaseFields(AidCaseInput(
                workerID: worker.id.description, programID: program.id.description, reason: "意外受伤")))
            _ = try await aidCases.transition(officer, id: filed.id, .submit)
            _ = try await aidCases.transition(reviewer, id: filed.id, .approve)
            approved.append(filed.id)
        }
        return AidBooks(federation: federation, fund: fund, program: program, approvedCases: approved)
    }

    /// Pays one of the approved cases in cash; returns when the payment has committed.
    func disburse(_ id: AidCase.ID) async throws {
        guard case .done = try await AidCaseStore(database: federation.database)
            .disburse(federation.admin, id: id, try DisbursementFields(cashPaid: nil, method: "cash", date: nil, today: .today())) else {
            throw StoreError.notFound
        }
    }

    /// Records 1.00 received into the fund; returns when it has committed.
    func receiveOneYuan() async throws {
        _ = try await FundStore(database: federation.database)
            .receive(federation.admin, fund: fund.id, try ReceiptFields(amount: "1.00", date: nil, payer: "会员捐款", memo: nil, today: .today()))
    }
}
