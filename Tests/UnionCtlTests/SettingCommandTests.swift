import ArgumentParser
import Foundation
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// `unionctl setting list | set [--replace] | history` (issue 10).
@Suite("unionctl setting")
struct SettingCommandTests {
    @Test func helpNamesListAndReplace() {
        #expect(SettingCommand.helpMessage().contains("list"))
        #expect(SettingCommand.Set.helpMessage().contains("--replace"))
    }

    @Test func listSetReplaceAndTheRefusals() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            let acting = ["--database-url", url, "--as", "admin", "--bcrypt-cost", "4"]
            try await UnionCtlTests.run(["init", "--database-url", url, "--bcrypt-cost", "4"])
            try await UnionCtlTests.run(["setting", "list"] + acting)

            // Unknown keys are refused, naming the known ones.
            do {
                try await UnionCtlTests.run(["setting", "set", "dibo", "1395"] + acting)
                Issue.record("an unknown setting was stored")
            } catch {
                #expect("\(error)".hasPrefix("key: ") && "\(error)".contains("dibao"))
            }
            try await UnionCtlTests.run(["setting", "set", "dibao", "1395", "--from", "2026-01-01"] + acting)
            try await UnionCtlTests.run(["setting", "set", "dibao", "1500", "--from", "2099-01-01"] + acting)
            await #expect(throws: (any Error).self) {
                try await UnionCtlTests.run(["setting", "set", "dibao", "1450", "--from", "2099-01-01"] + acting)
            }
            try await UnionCtlTests.run(["setting", "set", "dibao", "1450", "--from", "2099-01-01", "--replace"] + acting)
            do {
                try await UnionCtlTests.run(["setting", "set", "dibao", "1400", "--from", "2026-01-01", "--replace"] + acting)
                Issue.record("a value in force was replaced")
            } catch {
                let en = StoreMessage.settingInForce.en, zh = StoreMessage.settingInForce.zh
                #expect("\(error)" == en || "\(error)" == zh)
            }
            let owner = database.ownerPool
            #expect(try await owner.query("SELECT value FROM settings WHERE effective_from = '2099-01-01'").scalar(Decimal.self) == 1450)
            #expect(try await owner.query("SELECT value FROM settings WHERE effective_from = '2026-01-01'").scalar(Decimal.self) == 1395)
            try await UnionCtlTests.run(["setting", "list"] + acting)
            try await UnionCtlTests.run(["setting", "history", "dibao"] + acting)

            // What `setting list` prints, in both languages.
            let store = Database(pool: database.appPool, hasher: PasswordHasher(cost: 4))
            let admin = try #require(try await AuthStore(database: store).principal(username: "admin"))
            let overview = try await SettingStore(database: store, today: { CalendarDate(year: 2026, month: 11, day: 29)! }).overview(admin)
            let english = SettingCommand.List.table(overview, chinese: false)
            #expect(english.header == ["KEY", "DESCRIPTION", "IN FORCE", "UPCOMING"])
            #expect(english.rows == [["dibao", SettingKey.dibao.description, "1395.00 from 2026-01-01", "1450.00 from 2099-01-01"]])
            let chinese = SettingCommand.List.table(overview, chinese: true)
            #expect(chinese.rows == [["dibao", SettingKey.dibao.descriptionZH, "1395.00（自 2026-01-01 起）", "1450.00（自 2099-01-01 起）"]])
            let unset = SettingCommand.List.table([SettingStore.Overview(key: .dibao, inForce: nil, upcoming: [])], chinese: false)
            #expect(unset.rows == [["dibao", SettingKey.dibao.description, "not set", "-"]])
        }
    }

    @Test func theRefusalReadsInEitherLanguage() {
        for message in [StoreMessage.settingInForce, .settingUsed] {
            #expect("\(CLIOutput.explain(StoreError.conflict(message), chinese: false))" == message.en)
            #expect("\(CLIOutput.explain(StoreError.conflict(message), chinese: true))" == message.zh)
            #expect(message.zh.contains("不能替换"))
        }
    }
}
