import Foundation
import Synchronization
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The contract store on a clock the test moves: filing deadlines, the objection period and
/// expiry fall on Beijing days, whatever the hour in UTC.
@Suite("Collective contracts on a moving clock")
struct ContractClockTests {
    final class Clock: Sendable {
        let day: Mutex<CalendarDate>
        init(_ text: String) { day = Mutex(CalendarDate(iso: text) ?? CalendarDate(year: 2026, month: 1, day: 1)!) }
        func set(_ text: String) { if let date = CalendarDate(iso: text) { day.withLock { $0 = date } } }
        var now: CalendarDate { day.withLock { $0 } }
    }

    @Test func attentionAndEffectFollowTheDays() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let officer = try await federation.principal("officer_a"), admin = federation.admin
            let clock = Clock("2026-01-05")
            let store = ContractStore(database: federation.database, today: { clock.now })
            let body = "91110106MA0000002"
            let enterprise = try await EnterpriseStore(database: federation.database).create(officer, office: nil, try EnterpriseFields(EnterpriseInput(
                name: "某物流公司", creditCode: body + String(CreditCode.checkCharacter(for: body) ?? "0"), ownership: "private")))
            let contract = try await store.create(officer, try ContractFields(ContractInput(
                enterpriseId: enterprise.id.description, kind: "comprehensive", signedOn: "2026-01-05", startsOn: "2026-01-05", endsOn: "2027-01-04",
                votesFor: 60, votesTotal: 100)))
            clock.set("2026-01-15")
            #expect(try await store.attention(admin).isEmpty)
            clock.set("2026-01-16")
            #expect(try await store.attention(admin).map(\.reason) == [.notFiled])
            let filed = try await store.file(officer, id: contract.id, on: nil)
            #expect(filed.filedLate)
            #expect(try await store.attention(admin).isEmpty)
            clock.set("2026-01-31")
            await #expect(throws: StoreError.conflict(ContractStore.objectionPeriodRunning)) {
                _ = try await store.makeEffective(officer, id: contract.id)
            }
            #expect(try await store.coverage(admin).area.all.covered == 0)
            clock.set("2026-02-01")
            let effective = try await store.makeEffective(officer, id: contract.id)
            #expect(effective.effectiveOn == CalendarDate(iso: "2026-02-01"))
            #expect(try await store.coverage(admin).area.all.covered == 1)
            clock.set("2026-10-03")
            #expect(try await store.attention(admin).isEmpty)
            clock.set("2026-10-04")
            #expect(try await store.attention(admin).map(\.reason) == [.expiringSoon])
            clock.set("2027-01-05")
            #expect(try await store.attention(admin).map(\.reason) == [.expired])
            #expect(try await store.coverage(admin).area.all.covered == 0)
            // The renewal replaces it: nothing left to do.
            let renewed = try await store.renew(officer, id: contract.id, ContractInput(
                signedOn: "2027-01-05", startsOn: "2027-01-05", endsOn: "2030-01-04", votesFor: 80, votesTotal: 100))
            #expect(renewed.renewsID == contract.id)
            #expect(try await store.attention(admin).isEmpty)
        }
    }
}
