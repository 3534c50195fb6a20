import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The database's CHECK constraints list the values of each domain enumeration a column holds
/// (the database's own wall). They are the one place besides the Swift enum that names them:
/// this test holds the two together, so adding a case to one without the other fails here.
@Suite("Enumeration CHECKs")
struct EnumerationChecksTests {
    static func values<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> Set<String> where E.RawValue == String {
        Set(E.allCases.map(\.rawValue))
    }

    static let expected: [String: Set<String>] = [
        "offices_kind_check": values(Office.Kind.self),
        "users_role_check": values(Role.self),
        "workers_sex_check": values(Sex.self),
        "workers_hukou_check": values(Hukou.self),
        "workers_status_check": values(MembershipStatus.self),
        "workers_hardship_tier_check": values(HardshipTier.self),
        "household_members_relation_check": values(HouseholdMember.Relation.self),
        "household_members_level_check": values(HouseholdMember.SchoolLevel.self),
        "model_worker_records_level_check": values(ModelWorkerRecord.Level.self),
        "hardship_files_status_check": values(HardshipFile.Status.self),
        "hardship_files_tier_check": values(HardshipTier.self),
        "hardship_files_reason_check": values(HardshipFile.ClosingReason.self),
    ]

    @Test func everyCheckListsExactlyTheDomainsValues() async throws {
        try await TestDatabase.with { database in
            let rows = try await database.ownerPool.query("""
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' AND conname = ANY (\(Array(Self.expected.keys)))
                """).rows
            #expect(rows.count == Self.expected.count)
            for row in rows {
                let name = try row.decode(String.self, at: 0)
                let definition = try row.decode(String.self, at: 1)
                // CHECK ((kind = ANY (ARRAY['district'::text, 'area'::text, …])))
                let listed = Set(definition.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
                #expect(listed == Self.expected[name], "\(name): \(definition)")
            }
        }
    }
}
