import PQ
import UnionDomain

/// A worker's `employer_id` must name an enterprise the writer can see, unless it is the one
/// already stored (a transferred worker keeps theirs). Row-level security refuses anything else
/// too (workers' WITH CHECK), but as a bare privilege error: this says which field is wrong.
enum EmployerCheck {
    static func require(_ session: Session, _ employer: Enterprise.ID?, stored: Enterprise.ID? = nil) async throws {
        guard let employer, employer != stored else { return }
        guard try await session.query("SELECT 1 FROM enterprises WHERE id = \(employer)").rows.isEmpty == false else {
            throw ValidationFailure([FieldError(field: "employer_id", code: "unknown_enterprise", message: "is not an enterprise you can see",
                                                messageZH: "不是您可见的企业")])
        }
    }
}
