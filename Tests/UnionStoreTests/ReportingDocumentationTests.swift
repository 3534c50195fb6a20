import Foundation
import PQ
import Testing
import UnionTestSupport

/// Whoever writes a reporting job reads the views' comments and the README's list of them: a
/// view or column added without either fails here.
@Suite("Reporting views: documented")
struct ReportingDocumentationTests {
    private struct Described: Decodable {
        let view: String
        let column: String?
        let comment: String?
    }

    @Test func everyViewAndColumnHasACommentAndIsListedInTheReadme() async throws {
        try await TestDatabase.with { database in
            let described = try await database.ownerPool.query("""
                SELECT c.relname AS view, NULL::text AS column, obj_description(c.oid, 'pg_class') AS comment
                FROM pg_class c WHERE c.relnamespace = 'reporting'::regnamespace
                UNION ALL
                SELECT c.relname, a.attname::text, col_description(c.oid, a.attnum)
                FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE c.relnamespace = 'reporting'::regnamespace
                """).decode(Described.self)
            let views = Set(described.map(\.view))
            #expect(views.count >= 9)
            let uncommented = described.filter { ($0.comment ?? "").isEmpty }.map { "\($0.view).\($0.column ?? "")" }
            #expect(uncommented.isEmpty, "no COMMENT: \(uncommented.sorted())")

            let readme = try String(contentsOf: Self.readme, encoding: .utf8)
            for view in views {
                #expect(readme.contains("`reporting.\(view)`"), "README does not list reporting.\(view)")
            }
            for row in described {
                guard let column = row.column else { continue }
                #expect(readme.contains("`\(column)`"), "README does not list \(row.view).\(column)")
            }
        }
    }

    private static var readme: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
    }
}
