import Foundation
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// The CLI prints the store's sentence in the operator's language, never a constraint's name.
@Suite("unionctl errors")
struct CLIErrorTests {
    @Test func theLanguageComesFromUnionhallLangOrTheLocale() {
        #expect(CLIOutput.prefersChinese(["UNIONHALL_LANG": "zh"]))
        #expect(CLIOutput.prefersChinese(["LANG": "zh_CN.UTF-8"]))
        #expect(CLIOutput.prefersChinese(["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"]))
        #expect(!CLIOutput.prefersChinese(["UNIONHALL_LANG": "en", "LANG": "zh_CN.UTF-8"]))
        #expect(!CLIOutput.prefersChinese(["LANG": "en_US.UTF-8"]))
        #expect(!CLIOutput.prefersChinese(["LANG": "C.UTF-8"]))
        #expect(!CLIOutput.prefersChinese([:]))
    }

    @Test func aDuplicateOfficeCodeReadsAsTheSentenceInBothLanguages() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            let acting = ["--database-url", url, "--as", "admin", "--bcrypt-cost", "4"]
            try await UnionCtlTests.run(["init", "--database-url", url, "--bcrypt-cost", "4"])
            try await UnionCtlTests.run(["office", "add", "guozhuangzi", "郭庄子村工会"] + acting)
            do {
                try await UnionCtlTests.run(["office", "add", "guozhuangzi", "郭庄子村工会"] + acting)
                Issue.record("the second office was opened")
            } catch {
                let printed = "\(error)"
                #expect(!printed.contains("offices_code_key"))
                #expect(printed == "Office code guozhuangzi is taken." || printed == "工会代码 guozhuangzi 已被使用。")
            }
            // The same refusal straight from the store, in each language.
            let pool = database.appPool
            let store = Database(pool: pool, hasher: PasswordHasher(cost: 4))
            let admin = try #require(try await AuthStore(database: store).principal(username: "admin"))
            do {
                _ = try await OfficeStore(database: store).create(admin, try NewOffice(code: "guozhuangzi", name: "郭庄子村工会", kind: "branch",
                                                                                       parentID: admin.officeID))
                Issue.record("the second office was opened")
            } catch {
                #expect("\(CLIOutput.explain(error, chinese: false))" == "Office code guozhuangzi is taken.")
                #expect("\(CLIOutput.explain(error, chinese: true))" == "工会代码 guozhuangzi 已被使用。")
            }
        }
    }
}
