import Foundation
import HTTPTypes
import HummingbirdTesting
import PQ
import Testing
import UnionDomain
import UnionTestSupport

/// The aid workflow through the API, one test per program kind, then the rules each refusal
/// keeps: a clear 409 or 422 and nothing written.
@Suite("Aid endpoints")
struct AidEndpointTests {
    @Test func fundsReceiptsAndTheLedger() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "1500.50")
            let admin = federation.tokens["admin"]
            #expect(try await client.call(.post, "/api/v1/funds", token: federation.tokens["reviewer"], body: #"{"name": "x", "source": "other"}"#).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/funds", token: federation.tokens["officer_a"]).status == .forbidden)
            let invalid = try await client.call(.post, "/api/v1/funds", token: admin, body: #"{"name": "", "source": "lottery"}"#)
            #expect(Set(invalid.fieldErrors) == ["name", "source"])
            #expect(try await client.call(.post, "/api/v1/funds", token: admin, body: #"{"name": "区总工会拨款", "source": "other"}"#).problemCode == "duplicate_fund_name")
            let number = try await client.call(.post, "/api/v1/funds/\(fund)/receipts", token: admin, body: #"{"amount": 100, "payer": "乡政府"}"#)
            #expect(number.status == .unprocessableContent)
            #expect(number.fieldErrors == ["amount"])
            let negative = try await client.call(.post, "/api/v1/funds/\(fund)/receipts", token: admin, body: #"{"amount": "-5.00", "payer": "乡政府"}"#)
            #expect(negative.fieldErrors == ["amount"])
            let second = try await client.call(.post, "/api/v1/funds/\(fund)/receipts", token: admin,
                                               body: #"{"amount": "200.00", "payer": "乡政府", "memo": "春节慰问配套"}"#)
            #expect(second.status == .created)
            #expect(second.object["seq"] as? Int == 2)
            #expect(second.object["balance_after"] as? String == "1700.50")
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "1700.50")
            let page = try await client.call(.get, "/api/v1/funds/\(fund)/ledger?limit=1", token: federation.tokens["auditor"])
            #expect(page.items.map { $0["balance_after"] as? String } == ["1500.50"])
            let next = try #require(page.object["next"] as? String)
            let rest = try await client.call(.get, "/api/v1/funds/\(fund)/ledger?limit=1&after=\(next)", token: federation.tokens["auditor"])
            #expect(rest.items.map { $0["amount"] as? String } == ["200.00"])
            #expect(try await client.call(.get, "/api/v1/funds/\(UUID().uuidString.lowercased())", token: admin).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/funds/\(UUID().uuidString.lowercased())/receipts", token: admin,
                                          body: #"{"amount": "5.00", "payer": "x"}"#).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/funds", token: federation.tokens["auditor"]).items.count == 1)
        }
    }

    @Test func hardshipReliefFromFilingToPayment() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let fund = try await AidFixture.fund(client, federation)
            let program = try await AidFixture.program(client, federation, kind: "hardship_relief", fund: fund,
                                                       standards: [("deep", "1000.00"), ("relative", "800.00")])
            let worker = try await AidFixture.hardshipWorker(client, federation, serial: 101)
            let created = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                                body: AidFixture.caseBody(worker: worker, program: program))
            #expect(created.status == .created)
            #expect(created.object["cash_requested"] as? String == "1000.00")
            #expect(created.object["standard_amount"] as? String == "1000.00")
            let id = try #require(created.object["id"] as? String)
            let base = "/api/v1/aid-cases/\(id)"
            #expect(try await client.call(.post, base + "/approve", token: federation.tokens["reviewer"]).problemCode == "invalid_transition")
            #expect(try await client.call(.post, base + "/submit", token: federation.tokens["officer_a"]).object["status"] as? String == "submitted")
            #expect(try await client.call(.post, base + "/approve", token: federation.tokens["officer_a"]).status == .forbidden)
            #expect(try await client.call(.post, base + "/approve", token: federation.tokens["reviewer"]).object["status"] as? String == "approved")
            #expect(try await client.call(.post, base + "/disburse", token: federation.tokens["officer_a"], body: #"{"method": "bank"}"#).status == .forbidden)
            let paid = try await AidFixture.disburse(client, federation, id)
            #expect(paid.status == .ok)
            #expect(paid.object["status"] as? String == "disbursed")
            #expect(paid.object["drawn"] as? String == "1000.00")
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "99000.00")
            #expect(try await client.call(.get, "/api/v1/aid-programs/\(program)", token: federation.tokens["viewer_a"]).object["spent"] as? String == "1000.00")
            #expect(try await AidFixture.disburse(client, federation, id).problemCode == "invalid_transition")
            // Once per person: a second case is refused, wherever it is filed.
            let again = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["admin"],
                                              body: AidFixture.caseBody(worker: worker, program: program))
            #expect(again.problemCode == "already_granted")
            let listed = try await client.call(.get, "/api/v1/aid-cases?status=disbursed&program_id=\(program)", token: federation.tokens["viewer_a"])
            #expect(listed.items.count == 1)
            #expect(try await client.call(.get, "/api/v1/aid-cases", token: federation.tokens["officer_b"]).items.isEmpty)
            #expect(try await client.call(.get, base, token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/aid-cases?office_id=\(federation.branchA.id)", token: federation.tokens["officer_b"]).status == .notFound)
        }
    }

    /// 李某: emergency relief with cash and 米、面、油, the oil donated in kind.
    @Test func emergencyReliefWithGoodsInKind() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "10000.00")
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "2000.00")])
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 102, name: "李某")
            let goods = #", "goods": [{"item": "米", "quantity": 2, "unit": "袋", "unit_value": "100.00"}, {"item": "面", "quantity": 2, "unit": "袋", "unit_value": "80.00", "source": "fund"}, {"item": "油", "quantity": 1, "unit": "桶", "unit_value": "120.00", "source": "donated"}]"#
            let id = try await AidFixture.approvedCase(client, federation, worker: worker, program: program, extra: goods)
            let paid = try await AidFixture.disburse(client, federation, id, body: #"{"method": "cash", "date": "\#(AidFixture.year)-01-01"}"#)
            #expect(paid.object["goods_value"] as? String == "480.00")
            #expect(paid.object["drawn"] as? String == "2360.00")  // the donated oil draws nothing
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "7640.00")
            let aid = try await client.call(.get, "/api/v1/workers/\(worker)/aid", token: federation.tokens["viewer_a"])
            let totals = aid.object["totals"] as? [String: Any]
            #expect(totals?["cash"] as? String == "2000.00")
            #expect(totals?["goods_value"] as? String == "480.00")
            #expect(totals?["all"] as? String == "2480.00")
            // History follows the worker to branch B; the case stays branch A's to see too.
            #expect(try await client.call(.post, "/api/v1/workers/\(worker)/transfer", token: federation.tokens["officer_a"],
                                          body: #"{"to_office": "\#(federation.branchB.id)", "date": "\#(AidFixture.year)-04-01", "reason": "搬家"}"#).status == .noContent)
            let followed = try await client.call(.get, "/api/v1/workers/\(worker)/aid", token: federation.tokens["officer_b"])
            #expect(followed.items.count == 1)
            #expect(try await client.call(.get, "/api/v1/aid-cases/\(id)", token: federation.tokens["officer_a"]).status == .ok)
            #expect(try await client.call(.get, "/api/v1/workers/\(worker)/aid", token: federation.tokens["officer_a"]).status == .notFound)
        }
    }

    /// 金秋助学: by school level, once per student per school year, across branches.
    @Test func educationAidOncePerStudentAndSchoolYear() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let fund = try await AidFixture.fund(client, federation)
            let program = try await AidFixture.program(client, federation, kind: "education_aid", fund: fund,
                                                       standards: [("senior_high", "4000.00"), ("undergraduate", "12450.00")])
            let worker = try await AidFixture.hardshipWorker(client, federation, serial: 103)
            let childID = TestIDNumbers.make(serial: 104)
            let child = try await client.call(.post, "/api/v1/workers/\(worker)/household", token: federation.tokens["officer_a"],
                                              body: #"{"relation": "child", "name": "李小明", "id_number": "\#(childID)", "school": "北京工业大学", "level": "undergraduate", "admission_year": \#(AidFixture.year)}"#)
            let student = try #require(child.object["id"] as? String)
            let noStudent = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                                  body: AidFixture.caseBody(worker: worker, program: program))
            #expect(Set(noStudent.fieldErrors) == ["student_id", "school_year"])
            let studentPart = #", "student_id": "\#(student)", "school_year": \#(AidFixture.year)"#
            let id = try await AidFixture.approvedCase(client, federation, worker: worker, program: program, extra: studentPart)
            let paid = try await AidFixture.disburse(client, federation, id)
            #expect(paid.object["cash_paid"] as? String == "12450.00")
            // The other parent, registered in branch B with the same child: the same student.
            // One person is in one open hardship file at most, so A's file is closed (lifted)
            // before B's household can list the child under B's own open file.
            try await federation.testDatabase.ownerPool.query("""
                UPDATE hardship_files SET status = 'closed', closing_reason = 'lifted' WHERE worker_id = \(try #require(UUID(uuidString: worker)))
                """)
            let parent = try await AidFixture.hardshipWorker(client, federation, serial: 105, token: "officer_b")
            let sameChild = try await client.call(.post, "/api/v1/workers/\(parent)/household", token: federation.tokens["officer_b"],
                                                  body: #"{"relation": "child", "name": "李小明", "id_number": "\#(childID)", "level": "undergraduate"}"#)
            let student2 = try #require(sameChild.object["id"] as? String)
            let twice = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_b"],
                                              body: AidFixture.caseBody(worker: parent, program: program, extra: #", "student_id": "\#(student2)", "school_year": \#(AidFixture.year)"#))
            #expect(twice.status == .conflict)
            #expect(twice.problemCode == "already_granted")
            #expect((twice.object["detail"] as? String)?.contains("郭庄子") == false)
            // Next school year is a new grant.
            let nextYear = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_b"],
                                                 body: AidFixture.caseBody(worker: parent, program: program, extra: #", "student_id": "\#(student2)", "school_year": \#(AidFixture.year + 1)"#))
            #expect(nextYear.status == .created)
            // A student of another household is refused (the parent in B, A's record of the child).
            let stranger = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_b"],
                                                 body: AidFixture.caseBody(worker: parent, program: program, extra: #", "student_id": "\#(student)", "school_year": \#(AidFixture.year + 2)"#))
            #expect(stranger.fieldErrors == ["student_id"])
        }
    }

    @Test func modelWorkerAidByHonourLevel() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation)
            let program = try await AidFixture.program(client, federation, kind: "model_worker_aid", fund: fund,
                                                       standards: [("municipal", "3000.00"), ("national", "5000.00")])
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 106)
            let notYet = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                               body: AidFixture.caseBody(worker: worker, program: program))
            #expect(notYet.problemCode == "not_eligible")
            _ = try await client.call(.put, "/api/v1/workers/\(worker)/model-worker", token: federation.tokens["officer_a"],
                                      body: #"{"level": "municipal", "title": "北京市劳动模范", "year_awarded": 2015, "retired": true}"#)
            let above = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                              body: AidFixture.caseBody(worker: worker, program: program, extra: #", "cash_requested": "3500.00""#))
            #expect(above.status == .unprocessableContent)
            #expect(above.fieldErrors == ["justification"])
            let id = try await AidFixture.approvedCase(client, federation, worker: worker, program: program,
                                                       extra: #", "cash_requested": "3500.00", "justification": "住院手术，自付部分较高""#)
            let paid = try await AidFixture.disburse(client, federation, id, body: #"{"method": "bank", "cash_paid": "3500.00"}"#)
            #expect(paid.object["cash_paid"] as? String == "3500.00")
        }
    }

    /// 送温暖: a campaign's visit list from active hardship files (and model workers), once per household.
    @Test func holidayWarmthVisitList() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let fund = try await AidFixture.fund(client, federation)
            let noFestival = try await client.call(.post, "/api/v1/aid-programs", token: federation.tokens["admin"], body: """
                {"kind": "holiday_warmth", "name": "春节送温暖", "year": \(AidFixture.year), "fund_id": "\(fund)", "budget": "5000.00", "standards": \(AidFixture.standards([("flat", "500.00")]))}
                """)
            #expect(noFestival.fieldErrors == ["festival"])
            let program = try await AidFixture.program(client, federation, kind: "holiday_warmth", fund: fund, budget: "5000.00",
                                                       standards: [("flat", "500.00")], extra: #", "festival": "spring_festival", "includes_model_workers": true"#)
            let first = try await AidFixture.hardshipWorker(client, federation, serial: 107)
            _ = try await AidFixture.hardshipWorker(client, federation, serial: 108)
            let honoured = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 109)
            _ = try await client.call(.put, "/api/v1/workers/\(honoured)/model-worker", token: federation.tokens["officer_a"],
                                      body: #"{"level": "other", "title": "先进工作者", "year_awarded": 2010}"#)
            _ = try await AidFixture.hardshipWorker(client, federation, serial: 110, token: "officer_b")
            _ = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 111)  // neither: not visited
            let drafted = try await client.call(.post, "/api/v1/aid-programs/\(program)/visit-list", token: federation.tokens["officer_a"])
            #expect(drafted.object["created"] as? Int == 3)
            let again = try await client.call(.post, "/api/v1/aid-programs/\(program)/visit-list", token: federation.tokens["admin"])
            #expect(again.object["created"] as? Int == 1)  // branch B's household
            #expect(again.object["skipped"] as? Int == 3)
            let cases = try await client.call(.get, "/api/v1/aid-cases?program_id=\(program)&status=draft", token: federation.tokens["officer_a"])
            #expect(cases.items.count == 3)
            let visit = try #require(cases.items.first { $0["worker_id"] as? String == first }?["id"] as? String)
            let recorded = try await client.call(.patch, "/api/v1/aid-cases/\(visit)", token: federation.tokens["officer_a"],
                                                 body: #"{"goods": [{"item": "米", "quantity": 1, "unit": "袋", "unit_value": "90.00"}]}"#)
            #expect(recorded.object["goods_value"] as? String == "90.00")
            #expect(recorded.object["cash_requested"] as? String == "500.00")
            #expect(try await client.call(.post, "/api/v1/aid-cases/\(visit)/submit", token: federation.tokens["officer_a"]).status == .ok)
            #expect(try await client.call(.patch, "/api/v1/aid-cases/\(visit)", token: federation.tokens["officer_a"], body: "{}").problemCode == "case_not_editable")
            #expect(try await client.call(.post, "/api/v1/aid-cases/\(visit)/approve", token: federation.tokens["reviewer"]).status == .ok)
            #expect(try await AidFixture.disburse(client, federation, visit).object["drawn"] as? String == "590.00")
            let other = try await client.call(.post, "/api/v1/aid-programs/\(try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "1.00")]))/visit-list",
                                              token: federation.tokens["officer_a"])
            #expect(other.problemCode == "not_a_campaign")
        }
    }

    /// Who files never decides; reject and return need a reason; a returned case goes back and forth.
    @Test func separationOfDutiesAndDecisions() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation)
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "500.00")])
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 120)
            let created = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["admin"],
                                                body: AidFixture.caseBody(worker: worker, program: program))
            let id = try #require(created.object["id"] as? String)
            let base = "/api/v1/aid-cases/\(id)"
            #expect(try await client.call(.post, base + "/submit", token: federation.tokens["admin"]).status == .ok)
            for step in ["approve", "reject", "return"] {
                let own = try await client.call(.post, base + "/" + step, token: federation.tokens["admin"], body: #"{"reason": "自己审批"}"#)
                #expect(own.status == .forbidden, "\(step)")
            }
            #expect(try await client.call(.post, base + "/reject", token: federation.tokens["reviewer"], body: "{}").fieldErrors == ["reason"])
            let returned = try await client.call(.post, base + "/return", token: federation.tokens["reviewer"], body: #"{"reason": "补充诊断证明"}"#)
            #expect(returned.object["status"] as? String == "returned")
            #expect(returned.object["decision_reason"] as? String == "补充诊断证明")
            #expect(try await client.call(.patch, base, token: federation.tokens["officer_a"], body: #"{"reason": "突发疾病住院"}"#).status == .ok)
            #expect(try await client.call(.post, base + "/submit", token: federation.tokens["officer_a"]).status == .ok)
            let rejected = try await client.call(.post, base + "/reject", token: federation.tokens["reviewer"], body: #"{"reason": "不符合条件"}"#)
            #expect(rejected.object["status"] as? String == "rejected")
            #expect(try await AidFixture.disburse(client, federation, id).problemCode == "invalid_transition")
            // A rejected case frees the once-per slot.
            #expect(try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                          body: AidFixture.caseBody(worker: worker, program: program)).status == .created)
            #expect(try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_b"],
                                          body: AidFixture.caseBody(worker: worker, program: program)).status == .notFound)
        }
    }

    /// Every refusal is a clear 409/422 and writes nothing: the ledger, the balance and the
    /// case stay as they were.
    @Test func refusalsWriteNothing() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "300.00")
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, budget: "10000.00",
                                                       standards: [("flat", "500.00")])
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 130)
            let id = try await AidFixture.approvedCase(client, federation, worker: worker, program: program)
            let empty = try await AidFixture.disburse(client, federation, id)
            #expect(empty.status == .conflict)
            #expect(empty.problemCode == "insufficient_funds")
            #expect(try await client.call(.get, "/api/v1/aid-cases/\(id)", token: federation.tokens["reviewer"]).object["status"] as? String == "approved")
            #expect(try await AidFixture.ledger(client, federation, fund: fund).count == 1)
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "300.00")
            #expect(try await AidFixture.disburse(client, federation, id, body: #"{"method": "bank", "cash_paid": "600.00"}"#).fieldErrors == ["cash_paid"])
            #expect(try await AidFixture.disburse(client, federation, id, body: #"{"method": "cheque"}"#).fieldErrors == ["method"])
            // The budget: lowered under what the next payment needs.
            let lowered = try await client.call(.patch, "/api/v1/aid-programs/\(program)", token: federation.tokens["admin"], body: #"{"budget": "200.00"}"#)
            #expect(lowered.object["budget"] as? String == "200.00")
            _ = try await client.call(.post, "/api/v1/funds/\(fund)/receipts", token: federation.tokens["admin"], body: #"{"amount": "1000.00", "payer": "捐赠"}"#)
            let budget = try await AidFixture.disburse(client, federation, id)
            #expect(budget.problemCode == "budget_exhausted")
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "1300.00")
            #expect(try await AidFixture.ledger(client, federation, fund: fund).count == 2)
            #expect(try await client.call(.get, "/api/v1/aid-programs/\(program)", token: federation.tokens["admin"]).object["spent"] as? String == "0.00")
            #expect(try await AidFixture.disburse(client, federation, id, body: #"{"method": "bank", "cash_paid": "200.00"}"#).status == .ok)
            #expect(try await client.call(.patch, "/api/v1/aid-programs/\(program)", token: federation.tokens["admin"], body: #"{"budget": "100.00"}"#).problemCode == "budget_below_spent")
            // Bad program input, named field by field.
            let bad = try await client.call(.post, "/api/v1/aid-programs", token: federation.tokens["admin"],
                                            body: #"{"kind": "lottery", "year": 1900, "fund_id": "nope", "budget": "x", "standards": []}"#)
            #expect(Set(bad.fieldErrors) == ["kind", "name", "year", "fund_id", "budget", "standards"])
            let wrongKey = try await client.call(.post, "/api/v1/aid-programs", token: federation.tokens["admin"], body: """
                {"kind": "hardship_relief", "name": "x", "year": \(AidFixture.year), "fund_id": "\(fund)", "budget": "1.00", "standards": \(AidFixture.standards([("gold", "1.00")]))}
                """)
            #expect(wrongKey.fieldErrors == ["standards.gold"])
            #expect(try await client.call(.post, "/api/v1/aid-programs", token: federation.tokens["officer_a"], body: "{}").status == .forbidden)
            let closed = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "1.00")],
                                                      extra: #", "opens_on": "2001-01-01", "closes_on": "2001-12-31""#)
            #expect(try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                          body: AidFixture.caseBody(worker: worker, program: closed)).problemCode == "program_closed")
            let badCase = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                                body: #"{"worker_id": "x", "cash_requested": "-1", "goods": [{"item": "米", "quantity": 0, "unit": "袋", "unit_value": "1.00"}]}"#)
            #expect(Set(badCase.fieldErrors) == ["worker_id", "program_id", "reason", "cash_requested", "goods[0].quantity"])
        }
    }

    @Test func reversalRestoresTheFundAndTheBudget() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "5000.00")
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "1200.00")])
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 140)
            let id = try await AidFixture.approvedCase(client, federation, worker: worker, program: program)
            #expect(try await AidFixture.disburse(client, federation, id).status == .ok)
            let base = "/api/v1/aid-cases/\(id)/reverse"
            #expect(try await client.call(.post, base, token: federation.tokens["reviewer"], body: #"{"reason": "重复发放"}"#).status == .forbidden)
            #expect(try await client.call(.post, base, token: federation.tokens["admin"], body: "{}").fieldErrors == ["reason"])
            let reversed = try await client.call(.post, base, token: federation.tokens["admin"], body: #"{"reason": "重复发放"}"#)
            #expect(reversed.object["status"] as? String == "reversed")
            #expect(reversed.object["reversal_reason"] as? String == "重复发放")
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "5000.00")
            let ledger = try await AidFixture.ledger(client, federation, fund: fund)
            #expect(ledger.map { $0["kind"] as? String } == ["receipt", "disbursement", "reversal"])
            #expect(ledger[2]["reverses"] as? String == ledger[1]["id"] as? String)
            #expect(ledger[2]["amount"] as? String == "1200.00")
            #expect(try await client.call(.get, "/api/v1/aid-programs/\(program)", token: federation.tokens["admin"]).object["spent"] as? String == "0.00")
            #expect(try await client.call(.post, base, token: federation.tokens["admin"], body: #"{"reason": "再次"}"#).problemCode == "invalid_transition")
            #expect(try await client.call(.get, "/api/v1/workers/\(worker)/aid", token: federation.tokens["officer_a"]).items.isEmpty)
        }
    }
}
