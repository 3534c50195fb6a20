import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Errors say what happened: a constraint arrives as a sentence in English and Chinese with a
/// stable code, never as its name; a value the database can't read is invalid input, not a 404.
@Suite("Store errors")
struct StoreErrorTests {
    @Test func aDuplicateOfficeCodeReadsAsASentenceInBothLanguages() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let offices = OfficeStore(database: federation.database)
            do {
                _ = try await offices.create(federation.admin, try NewOffice(code: "guozhuangzi", name: "郭庄子村工会", kind: "branch",
                                                                             parentID: federation.area.id))
                Issue.record("a second office with the same code was opened")
            } catch StoreError.conflict(let message) {
                #expect(message.code == "duplicate_office_code")
                #expect(message.field == "code")
                #expect(message.en == "Office code guozhuangzi is taken.")
                #expect(message.zh == "工会代码 guozhuangzi 已被使用。")
                for text in [message.en, message.zh] {
                    #expect(!text.contains("offices_code_key") && !text.contains("_key"))
                }
            }
        }
    }

    @Test func aDuplicateIDNumberNeverRepeatsTheNumber() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let workers = WorkerStore(database: federation.database)
            let number = TestIDNumbers.make(serial: 7)
            let fields = try WorkerFields(WorkerInput(name: "王芳", idNumber: number))
            _ = try await workers.create(try await federation.principal("officer_a"), office: federation.branchA.id, fields)
            do {
                _ = try await workers.create(try await federation.principal("officer_b"), office: federation.branchB.id, fields)
                Issue.record("registered twice")
            } catch StoreError.conflict(let message) {
                #expect(message.code == "duplicate_id_number")
                #expect(!message.en.contains(number) && !message.zh.contains(number))
                #expect(!message.en.contains("workers_id_number_key"))
            }
        }
    }

    /// 22P02 (invalid text representation) used to be answered as "not found".
    @Test func invalidTextIsInvalidInputNotNotFound() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            do {
                try await federation.database.withSession(federation.admin) { session in
                    try await session.query("SELECT \("not-a-uuid")::uuid")
                }
                Issue.record("no error")
            } catch let error as StoreError {
                #expect(error != .notFound)
                guard case .invalid(let message) = error else {
                    Issue.record("expected invalid input, got \(error)")
                    return
                }
                #expect(message.code == "invalid_value")
            }
        }
    }

    @Test(arguments: [
        (SQLState.uniqueViolation, "duplicate"), (SQLState.checkViolation, "rejected"),
        (SQLState.foreignKeyViolation, "unknown_reference"), (SQLState.notNullViolation, "required"),
    ])
    func anUnknownConstraintGetsAGenericSentenceNeverItsName(state: SQLState, code: String) {
        let error = PQError(.server, message: "violates constraint \"secret_internal_name\"", sqlState: state,
                            detail: "Key (secret)=(x) already exists.", constraint: "secret_internal_name")
        let mapped = StoreError.map(error)
        let message: StoreMessage? = switch mapped as? StoreError {
        case .conflict(let message), .invalid(let message): message
        default: nil
        }
        #expect(message?.code == code)
        #expect(message.map { !$0.en.contains("secret") && !$0.zh.contains("secret") } == true)
    }

    /// A statement the server cancelled (a forced stop of the server cancels what still runs)
    /// committed nothing: the client is told to try again, not that the server is broken.
    @Test func aCancelledStatementIsUnavailableNotABug() {
        let error = PQError(.server, message: "canceling statement due to user request", sqlState: .queryCanceled)
        #expect(StoreError.map(error) as? StoreError == .unavailable)
    }

    /// Every constraint and unique index the migrations create has its own sentence (primary
    /// keys share the generic one), so a new migration can't leak a name or fall to "rejected".
    @Test func everyConstraintInTheMigrationsIsTranslated() async throws {
        try await TestDatabase.with { database in
            let names = try await database.ownerPool.query("""
                SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'p'
                UNION
                SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                """).rows.map { try $0.decode(String.self, at: 0) }
            #expect(names.count > 40)
            let missing = Set(names).subtracting(ConstraintMessages.knownConstraints)
            #expect(missing.isEmpty, "untranslated: \(missing.sorted())")
        }
    }
}
