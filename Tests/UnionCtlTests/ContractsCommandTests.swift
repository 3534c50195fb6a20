import ArgumentParser
import Foundation
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// `unionctl enterprises list` and `unionctl contracts attention|coverage` against a real database.
@Suite("unionctl contracts")
struct ContractsCommandTests {
    @Test func theAreaListsEnterprisesAndWhatNeedsAttention() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let officer = try await federation.principal("officer_a")
            let body = "91110106MA0000003"
            let enterprise = try await EnterpriseStore(database: federation.database).create(officer, office: nil, try EnterpriseFields(EnterpriseInput(
                name: "某餐饮公司", creditCode: body + String(CreditCode.checkCharacter(for: body) ?? "0"), ownership: "private", hasUnion: true)))
            _ = try await ContractStore(database: federation.database).create(officer, try ContractFields(ContractInput(
                enterpriseId: enterprise.id.description, kind: "wage", signedOn: "2025-01-05", startsOn: "2025-01-05", endsOn: "2026-01-04",
                votesFor: 60, votesTotal: 100)))
            let acting = ["--database-url", database.conninfo(user: "unionhall_app"), "--as", "admin", "--bcrypt-cost", "4"]
            try await UnionCtlTests.run(["enterprises", "list"] + acting)
            try await UnionCtlTests.run(["enterprises", "list", "--office", "guozhuangzi", "--ownership", "private"] + acting)
            try await UnionCtlTests.run(["contracts", "attention"] + acting)
            try await UnionCtlTests.run(["contracts", "coverage"] + acting)
            #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["enterprises", "list", "--ownership", "state", "--as", "admin"]) }
            // A branch user can't act through the CLI.
            await #expect(throws: (any Error).self) {
                try await UnionCtlTests.run(["contracts", "attention", "--database-url", database.conninfo(user: "unionhall_app"), "--as", "officer_a"])
            }
        }
    }
}
