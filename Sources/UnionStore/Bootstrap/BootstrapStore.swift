import Foundation
import PQ
import UnionDomain

/// `unionctl init`: the area office and its first administrator, once.
package struct BootstrapStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    package struct Result: Sendable {
        package let adminID: User.ID
        package let username: String
        /// Generated and shown once.
        package let password: String
    }

    package enum BootstrapError: Error, Equatable {
        case alreadyInitialised
    }

    /// Creates the area office and its administrator; the password is generated unless given.
    package func initialise(areaCode: String, areaName: String, username: String, displayName: String,
                            password given: String? = nil) async throws -> Result {
        var validator = Validator()
        _ = validator.text(areaName, field: "area_name", max: NewOffice.maxNameLength)
        _ = validator.text(displayName, field: "display_name", max: 50)
        validator.check(OfficeCode.isValid(areaCode), .invalidFormat("area_code", expected: "a lower-case slug", expectedZH: "小写字母代码"))
        validator.check(Username.isValid(username.lowercased()), .invalidFormat("username", expected: "3–40 lower-case letters or digits", expectedZH: "3至40位小写字母或数字"))
        try validator.finish()
        let password = given ?? TokenGenerator.makePassword()
        let hash = try await database.hasher.hash(password)
        do {
            guard let id = try await database.unscoped("""
                SELECT bootstrap_area(\(areaCode), \(areaName), \(username.lowercased()), \(displayName), \(hash))
                """).scalar(UUID.self) else { throw StoreError.notFound }
            return Result(adminID: User.ID(id), username: username.lowercased(), password: password)
        } catch let error as PQError where error.hint == "already_initialised" {
            throw BootstrapError.alreadyInitialised
        } catch {
            throw StoreError.map(error)
        }
    }
}
