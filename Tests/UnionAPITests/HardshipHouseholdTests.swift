import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// One open hardship file per household, across branches (issue 10, item 4).
@Suite("One hardship file per household")
struct HardshipHouseholdTests {
    static func member(_ serial: Int, name: String = "李强") -> String {
        #"{"relation": "spouse", "name": "\#(name)", "id_number": "\#(TestIDNumbers.make(serial: serial))"}"#
    }

    /// The refusal is a 409 that says nothing about where the other file is.
    static func expectHouseholdConflict(_ reply: Reply, _ federation: Federation) {
        #expect(reply.status == .conflict)
        #expect(reply.problemCode == "household_in_open_file")
        let text = "\(reply.object)"
        for secret in [federation.branchA.code, federation.branchA.name, federation.branchB.code, federation.branchB.name, "hardship_file_people"] {
            #expect(!text.contains(secret), "reveals \(secret)")
        }
    }

    @Test func aPersonInAnOpenFileCantBeInAnother() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let officerA = federation.tokens["officer_a"], officerB = federation.tokens["officer_b"]
            // A's worker lists B's worker as a spouse (by ID number).
            let workerA = try await WorkerEndpointTests.register(client, officerA, serial: 301)
            let workerB = try await WorkerEndpointTests.register(client, officerB, serial: 302, name: "李强")
            #expect(try await client.call(.post, "/api/v1/workers/\(workerA)/household", token: officerA, body: Self.member(302)).status == .created)
            let fileA = try await client.call(.post, "/api/v1/hardship-files", token: officerA, body: HardshipEndpointTests.fileBody(worker: workerA))
            #expect(fileA.status == .created)
            // B's worker is covered by A's file: B can't open one on him.
            Self.expectHouseholdConflict(
                try await client.call(.post, "/api/v1/hardship-files", token: officerB, body: HardshipEndpointTests.fileBody(worker: workerB)), federation)

            // Vice versa: a worker with an open file in B can't join A's covered household.
            let workerC = try await WorkerEndpointTests.register(client, officerB, serial: 303, name: "赵六")
            #expect(try await client.call(.post, "/api/v1/hardship-files", token: officerB,
                                          body: HardshipEndpointTests.fileBody(worker: workerC)).status == .created)
            Self.expectHouseholdConflict(
                try await client.call(.post, "/api/v1/workers/\(workerA)/household", token: officerA, body: Self.member(303, name: "赵六")), federation)

            // Closing A's file frees the household.
            let fileID = try #require(fileA.object["id"] as? String)
            #expect(try await client.call(.post, "/api/v1/hardship-files/\(fileID)/close", token: officerA, body: #"{"reason": "lifted"}"#).status == .ok)
            #expect(try await client.call(.post, "/api/v1/hardship-files", token: officerB,
                                          body: HardshipEndpointTests.fileBody(worker: workerB)).status == .created)
            // Now B's worker has a file of his own, so A's household, which lists him, can't get another.
            Self.expectHouseholdConflict(
                try await client.call(.post, "/api/v1/hardship-files", token: officerA, body: HardshipEndpointTests.fileBody(worker: workerA)), federation)
        }
    }

    /// Two branches open files on the same household at the same moment: the database takes one.
    @Test func twoBranchesRacingGetOneFile() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            try await federation.setDibao()
            let officerA = try await federation.principal("officer_a"), officerB = try await federation.principal("officer_b")
            let workers = WorkerStore(database: federation.database)
            let household = HouseholdStore(database: federation.database)
            let files = HardshipStore(database: federation.database)
            let fields = try HardshipFields(HardshipInput(householdSize: 3, annualIncome: "20000", essentialSpending: "0", mainCause: "illness"))
            for round in 0..<4 {
                let a = try await workers.create(officerA, office: federation.branchA.id,
                                                 try WorkerFields(WorkerInput(name: "王芳", idNumber: TestIDNumbers.make(serial: 310 + 2 * round))))
                let b = try await workers.create(officerB, office: federation.branchB.id,
                                                 try WorkerFields(WorkerInput(name: "李强", idNumber: TestIDNumbers.make(serial: 311 + 2 * round))))
                _ = try await household.add(officerA, worker: a.id, try HouseholdMemberFields(HouseholdMemberInput(
                    relation: "spouse", name: "李强", idNumber: b.idNumber)))
                async let openA = Self.attempt { try await files.create(officerA, worker: a.id, fields) }
                async let openB = Self.attempt { try await files.create(officerB, worker: b.id, fields) }
                let results = await [openA, openB]
                #expect(results.filter { (try? $0.get()) != nil }.count == 1, "round \(round)")
                for case .failure(let error) in results {
                    guard case StoreError.conflict(let message) = error else {
                        Issue.record("round \(round): \(error)")
                        continue
                    }
                    #expect(message.code == "household_in_open_file")
                }
            }
        }
    }

    @Test func householdSizeCountsTheRecordedMembers() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let officer = federation.tokens["officer_a"]
            let worker = try await WorkerEndpointTests.register(client, officer, serial: 320)
            _ = try await client.call(.post, "/api/v1/workers/\(worker)/household", token: officer, body: Self.member(321))
            _ = try await client.call(.post, "/api/v1/workers/\(worker)/household", token: officer,
                                      body: #"{"relation": "child", "name": "王小明"}"#)
            let tooSmall = try await client.call(.post, "/api/v1/hardship-files", token: officer, body: #"""
                {"worker_id": "\#(worker)", "household_size": 2, "annual_income": "20000.00", "essential_spending": "0.00", "main_cause": "illness"}
                """#)
            #expect(tooSmall.status == .unprocessableContent)
            #expect(tooSmall.fieldErrors == ["household_size"])
            let created = try await client.call(.post, "/api/v1/hardship-files", token: officer, body: HardshipEndpointTests.fileBody(worker: worker))
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            #expect(try await client.call(.patch, "/api/v1/hardship-files/\(id)", token: officer, body: #"{"household_size": 1}"#).fieldErrors
                    == ["household_size"])
        }
    }
}

extension HardshipHouseholdTests {
    static func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
