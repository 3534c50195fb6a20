import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Settings are a known list; a value not yet in force can be corrected, one in force or used
/// by a hardship file is history (issue 10).
@Suite("Settings")
struct SettingStoreTests {
    static let past = CalendarDate(year: 2026, month: 1, day: 1)!
    static let future = CalendarDate(year: 2099, month: 1, day: 1)!

    @Test func unknownKeysAreRefusedByTheStoreAndTheDatabase() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let settings = SettingStore(database: federation.database)
            await #expect { _ = try await settings.set(federation.admin, key: "dibo", value: Money(fen: 139_500), from: Self.past) } throws: { error in
                (error as? ValidationFailure)?.errors.map(\.field) == ["key"]
            }
            await #expect(throws: StoreError.invalid(ConstraintMessages.message(for: "settings_key_known", kind: .check))) {
                try await federation.database.withSession(federation.admin) { session in
                    try await session.query("""
                        INSERT INTO settings (office_id, key, value, effective_from) VALUES (\(federation.area.id), 'dibo', 1395, '2026-01-01')
                        """)
                }
            }
        }
    }

    @Test func aValueNotYetInForceIsCorrectedAndAudited() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let settings = SettingStore(database: federation.database)
            _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 139_500), from: Self.past)
            _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 150_000), from: Self.future)
            await #expect(throws: StoreError.conflict(.settingExists(key: "dibao", from: Self.future.description))) {
                _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 145_000), from: Self.future)
            }
            _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 145_000), from: Self.future, replace: true)
            #expect(try await settings.history(federation.admin, key: "dibao").map(\.value) == [Money(fen: 139_500), Money(fen: 145_000)])
            let overview = try await settings.overview(federation.admin)
            #expect(overview.map(\.key) == SettingKey.allCases)
            #expect(overview.first?.inForce?.value == Money(fen: 139_500))
            #expect(overview.first?.upcoming.map(\.value) == [Money(fen: 145_000)])
            #expect(try await database.ownerPool.query("""
                SELECT count(*) FROM audit_log WHERE table_name = 'settings' AND action = 'UPDATE' AND user_id = \(federation.admin.userID)
                """).scalar(Int.self) == 1)
            // Nothing from that date: nothing to replace.
            await #expect { _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 1), from: Self.future.adding(days: 1),
                                                       replace: true) } throws: { error in
                (error as? ValidationFailure)?.errors.map(\.code) == ["nothing_to_replace"]
            }
        }
    }

    @Test func aValueInForceIsHistory() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let settings = SettingStore(database: federation.database)
            _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 139_500), from: Self.past)
            await #expect(throws: StoreError.conflict(.settingInForce)) {
                _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 140_000), from: Self.past, replace: true)
            }
            // A clock moved past the date makes a future value history too.
            let later = SettingStore(database: federation.database, today: { Self.future })
            _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 150_000), from: Self.future)
            await #expect(throws: StoreError.conflict(.settingInForce)) {
                _ = try await later.set(federation.admin, key: "dibao", value: Money(fen: 140_000), from: Self.future, replace: true)
            }
            // The database refuses a write that skips the store.
            await #expect(throws: StoreError.invalid(.settingInForce)) {
                try await federation.database.withSession(federation.admin) { session in
                    try await session.query("UPDATE settings SET value = 1 WHERE effective_from = \(Self.past)")
                }
            }
            #expect(try await settings.value(federation.admin, key: "dibao", on: Self.past) == Money(fen: 139_500))
        }
    }

    @Test func aValueAHardshipFileUsedIsHistory() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let officer = try await federation.principal("officer_a")
            let settings = SettingStore(database: federation.database)
            _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 139_500), from: Self.past)
            _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 150_000), from: Self.future)
            let worker = try await WorkerStore(database: federation.database).create(
                officer, office: federation.branchA.id, try WorkerFields(WorkerInput(name: "王芳", idNumber: TestIDNumbers.make(serial: 1))))
            // A file opened under a clock already in 2099 took the future figure.
            let hardship = HardshipStore(database: federation.database, today: { Self.future.adding(days: 31) })
            let file = try await hardship.create(officer, worker: worker.id, try HardshipFields(HardshipInput(
                householdSize: 3, annualIncome: "28800", essentialSpending: "0", mainCause: "illness", evidence: ["application_letter"])))
            #expect(file.tier == .deep)
            await #expect(throws: StoreError.conflict(.settingUsed)) {
                _ = try await settings.set(federation.admin, key: "dibao", value: Money(fen: 145_000), from: Self.future, replace: true)
            }
            await #expect(throws: StoreError.invalid(.settingUsed)) {
                try await federation.database.withSession(federation.admin) { session in
                    try await session.query("UPDATE settings SET value = 1 WHERE effective_from = \(Self.future)")
                }
            }
        }
    }
}
