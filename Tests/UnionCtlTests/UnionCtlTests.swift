import ArgumentParser
import Foundation
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// The CLI parses and runs in-process against a real database, exactly as `unionctl` would.
@Suite("unionctl")
struct UnionCtlTests {
    /// Parses and runs one command line.
    static func run(_ arguments: [String]) async throws {
        var command = try UnionCtl.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    @Test func helpListsEveryNoun() {
        let help = UnionCtl.helpMessage()
        for noun in ["migrate", "init", "office", "user", "token", "audit", "setting", "workers", "demo"] {
            #expect(help.contains(noun), "\(noun)")
        }
        #expect(OfficeCommand.List.helpMessage().contains("--as"))
        #expect(UserCommand.Add.helpMessage().contains("--office"))
        #expect(WorkersCommand.Import.helpMessage().contains("--skip-invalid"))
    }

    @Test func commandLineMistakesAreCaughtBeforeAnyWork() {
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["user", "set-role", "someone", "king", "--as", "admin"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["token", "issue", "--user", "x", "--expires-in", "forever", "--as", "admin"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["setting", "set", "dibao", "lots", "--as", "admin"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["audit", "--limit", "0", "--as", "admin"]) }
    }

    @Test func theAdministratorsDay() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            let acting = ["--database-url", url, "--as", "admin", "--bcrypt-cost", "4"]
            try await Self.run(["init", "--database-url", url, "--bcrypt-cost", "4"])
            await #expect(throws: (any Error).self) { try await Self.run(["init", "--database-url", url, "--bcrypt-cost", "4"]) }
            try await Self.run(["office", "add", "guozhuangzi", "郭庄子村工会"] + acting)
            try await Self.run(["office", "rename", "guozhuangzi", "郭庄子村工会委员会"] + acting)
            try await Self.run(["user", "add", "wangfang", "--name", "王芳", "--office", "guozhuangzi", "--role", "branch_officer"] + acting)
            try await Self.run(["user", "set-role", "wangfang", "branch_viewer"] + acting)
            try await Self.run(["token", "issue", "--user", "wangfang", "--expires-in", "7d", "--label", "script"] + acting)
            try await Self.run(["setting", "set", "dibao", "1395", "--from", "2026-07-01"] + acting)
            try await Self.run(["office", "list"] + acting)
            try await Self.run(["audit", "--limit", "5"] + acting)

            let owner = database.ownerPool
            #expect(try await owner.query("SELECT name FROM offices WHERE code = 'guozhuangzi'").scalar(String.self) == "郭庄子村工会委员会")
            #expect(try await owner.query("SELECT role FROM users WHERE username = 'wangfang'").scalar(String.self) == "branch_viewer")
            #expect(try await owner.query("SELECT count(*) FROM api_tokens WHERE label = 'script'").scalar(Int.self) == 1)
            #expect(try await owner.query("SELECT value FROM settings WHERE key = 'dibao'").scalar(Decimal.self) == 1395)
            // Everything the CLI did is audited as the acting user.
            let admin = try #require(try await owner.query("SELECT id FROM users WHERE username = 'admin'").scalar(UUID.self))
            #expect(try await owner.query("SELECT count(*) FROM audit_log WHERE user_id = \(admin)").scalar(Int.self) ?? 0 >= 5)

            // Refusals: a bad role for the office, an unknown office, a branch user acting, nothing written.
            await #expect(throws: (any Error).self) {
                try await Self.run(["user", "add", "boss", "--name", "老板", "--office", "guozhuangzi", "--role", "area_admin"] + acting)
            }
            await #expect(throws: (any Error).self) {
                try await Self.run(["user", "add", "ghost", "--name", "某人", "--office", "nowhere", "--role", "branch_officer"] + acting)
            }
            await #expect(throws: (any Error).self) {
                try await Self.run(["office", "list", "--database-url", url, "--as", "wangfang"])
            }
            #expect(try await owner.query("SELECT count(*) FROM users").scalar(Int.self) == 2)

            try await Self.run(["user", "deactivate", "wangfang"] + acting)
            #expect(try await owner.query("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE username = 'wangfang')").scalar(Int.self) == 0)
            try await Self.run(["office", "deactivate", "guozhuangzi"] + acting)
            #expect(try await owner.query("SELECT active FROM offices WHERE code = 'guozhuangzi'").scalar(Bool.self) == false)
        }
    }

    @Test func workersImportAndExport() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            let acting = ["--database-url", url, "--as", "admin", "--bcrypt-cost", "4"]
            try await Self.run(["init", "--database-url", url, "--bcrypt-cost", "4"])
            try await Self.run(["office", "add", "guozhuangzi", "郭庄子村工会"] + acting)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unionctl-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let good = directory.appendingPathComponent("good.csv")
            let bad = directory.appendingPathComponent("bad.csv")
            try "name,id_number\n王芳,\(TestIDNumbers.make(serial: 1))\n李娜,\(TestIDNumbers.make(serial: 2))\n".write(to: good, atomically: true, encoding: .utf8)
            try "name,id_number\n张伟,\(TestIDNumbers.make(serial: 3))\n错,123\n".write(to: bad, atomically: true, encoding: .utf8)
            await #expect(throws: (any Error).self) { try await Self.run(["workers", "import", bad.path, "--office", "guozhuangzi"] + acting) }
            #expect(try await database.ownerPool.query("SELECT count(*) FROM workers").scalar(Int.self) == 0)
            try await Self.run(["workers", "import", good.path, "--office", "guozhuangzi"] + acting)
            try await Self.run(["workers", "import", bad.path, "--office", "guozhuangzi", "--skip-invalid"] + acting)
            #expect(try await database.ownerPool.query("SELECT count(*) FROM workers").scalar(Int.self) == 3)
            let out = directory.appendingPathComponent("out.csv")
            try await Self.run(["workers", "export", "--office", "guozhuangzi", "-o", out.path] + acting)
            let exported = try String(contentsOf: out, encoding: .utf8)
            #expect(exported.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
            #expect(exported.contains(TestIDNumbers.make(serial: 3)))
        }
    }

    @Test func demoLoadsOnceAndIfEmptySkipsQuietly() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            try await Self.run(["demo", "load", "--database-url", url, "--bcrypt-cost", "4", "--workers-per-branch", "4"])
            let owner = database.ownerPool
            #expect(try await owner.query("SELECT count(*) FROM offices WHERE name = '郭庄子村工会'").scalar(Int.self) == 1)
            #expect(try await owner.query("SELECT count(*) FROM workers").scalar(Int.self) == 21)  // 20 + 李某 (DemoAid)
            #expect(try await owner.query("SELECT count(*) FROM household_members WHERE level IS NOT NULL").scalar(Int.self) ?? 0 > 0)
            #expect(try await owner.query("SELECT count(*) FROM model_worker_records").scalar(Int.self) ?? 0 > 0)
            #expect(try await owner.query("SELECT count(*) FROM hardship_files").scalar(Int.self) ?? 0 > 0)
            try await Self.run(["demo", "load", "--database-url", url, "--bcrypt-cost", "4", "--if-empty"])
            await #expect(throws: (any Error).self) { try await Self.run(["demo", "load", "--database-url", url, "--bcrypt-cost", "4"]) }
            #expect(try await owner.query("SELECT count(*) FROM workers").scalar(Int.self) == 21)  // 20 + 李某 (DemoAid)
        }
    }
}
