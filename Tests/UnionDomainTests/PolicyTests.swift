import Foundation
import Testing
import UnionDomain

@Suite("Permission policy")
struct PolicyTests {
    static let area = Office.ID()
    static let branchA = Office.ID()
    static let branchB = Office.ID()

    static func principal(_ role: Role) -> Principal {
        let office = role.isAreaRole ? area : branchA
        let scope: Set<Office.ID> = role.isAreaRole ? [area, branchA, branchB] : [branchA]
        return Principal(userID: User.ID(), username: role.rawValue, role: role, officeID: office, scope: scope)
    }

    /// The whole role × action matrix, written out so a change to the policy shows up here.
    static let expected: [Role: Set<Action>] = [
        .areaAdmin: Set(Action.allCases).subtracting([]),
        .areaReviewer: [.readOffices, .readBranchData, .reviewCases],
        .branchOfficer: [.readOffices, .readBranchData, .writeBranchData],
        .branchViewer: [.readOffices, .readBranchData],
        .auditor: [.readOffices, .readBranchData, .readUsers, .readAudit],
    ]

    @Test(arguments: Role.allCases)
    func roleByAction(role: Role) {
        let principal = Self.principal(role)
        for action in Action.allCases {
            let allowed = Self.expected[role, default: []].contains(action)
            #expect(Policy.decide(principal, action) == (allowed ? .allow : .forbidden), "\(role) \(action)")
        }
    }

    @Test(arguments: Role.allCases)
    func anotherBranchIsNotFoundNeverForbidden(role: Role) {
        let principal = Self.principal(role)
        let outside = Office.ID()
        for action in Action.allCases {
            #expect(Policy.decide(principal, action, office: outside) == .notFound)
        }
        if !role.isAreaRole {
            #expect(Policy.decide(principal, .readBranchData, office: Self.branchB) == .notFound)
        }
    }

    @Test func submitterNeverApprovesTheirOwnCase() {
        let reviewer = Self.principal(.areaReviewer)
        #expect(Policy.decideApproval(reviewer, submittedBy: reviewer.userID, office: Self.branchA) == .forbidden)
        #expect(Policy.decideApproval(reviewer, submittedBy: User.ID(), office: Self.branchA) == .allow)
        #expect(Policy.decideApproval(Self.principal(.branchOfficer), submittedBy: User.ID(), office: Self.branchA) == .forbidden)
    }

    @Test func rolesFitOfficeKinds() {
        #expect(Policy.role(.areaAdmin, fits: .area))
        #expect(!Policy.role(.areaAdmin, fits: .branch))
        #expect(Policy.role(.branchOfficer, fits: .branch))
        #expect(!Policy.role(.branchViewer, fits: .area))
    }
}

@Suite("Office and user validation")
struct ValidationTests {
    @Test(arguments: [("guozhuangzi", true), ("a", false), ("Guo", false), ("1abc", false), ("li-jia-cun2", true), ("郭庄子", false)])
    func officeCodes(code: String, valid: Bool) {
        #expect(OfficeCode.isValid(code) == valid)
    }

    @Test func newOfficeReportsEveryBadField() {
        #expect {
            _ = try NewOffice(code: "X", name: "", kind: "village", parentID: nil)
        } throws: { error in
            let fields = Set((error as? ValidationFailure)?.errors.map(\.field) ?? [])
            return fields == ["code", "name", "kind", "parent_id"]
        }
    }

    @Test func newUserChecksUsernameRolePasswordAndLengths() {
        #expect {
            _ = try NewUser(username: "A B", displayName: String(repeating: "名", count: 51), officeID: nil, role: "boss", password: "short")
        } throws: { error in
            let fields = Set((error as? ValidationFailure)?.errors.map(\.field) ?? [])
            return fields == ["username", "display_name", "office_id", "role", "password"]
        }
        let user = try? NewUser(username: " WangFang ", displayName: "王芳", officeID: Office.ID(), role: "branch_officer", password: "long enough password")
        #expect(user?.username == "wangfang")
    }
}
