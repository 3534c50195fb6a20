import Foundation
import NIOPosix
import PQ
import UnionDomain

/// Bulk registration from the worker CSV: every row is validated by the domain, valid rows go
/// through COPY into a staging table, duplicates (in the file or anywhere in the area) are
/// found there, and only then are workers written. With any bad row nothing is written,
/// unless `skipInvalid`.
package struct WorkerImport: Sendable {
    let database: Database
    let today: @Sendable () -> CalendarDate

    package init(database: Database, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.database = database
        self.today = today
    }

    package struct RowError: Sendable, Hashable, Codable {
        package let line: Int
        package let field: String
        package let message: String
        package let messageZH: String
    }

    package struct Report: Sendable {
        package let rows: Int
        package let imported: Int
        package let errors: [RowError]
    }

    package enum Phase: Sendable { case validating, copying, inserting }

    /// The rows of a file that passed the domain's checks, and the errors of those that didn't.
    struct Validated: Sendable {
        var rows = 0
        var valid: [(line: Int, fields: WorkerFields)] = []
        var errors: [RowError] = []
    }

    /// Imports the CSV file `csv` (UTF-8) into `office`. `progress` hears (phase, rows done,
    /// rows in all). Parsing and validation run on `NIOThreadPool.singleton`, never on the
    /// caller's executor: on the server that is an event loop, and a 64 MiB file would stall
    /// every other connection on it.
    package func run(_ principal: Principal, office: Office.ID, csv: [UInt8], skipInvalid: Bool,
                     progress: @escaping @Sendable (Phase, Int, Int) -> Void = { _, _, _ in }) async throws -> Report {
        try Policy.require(principal, .writeBranchData, office: office)
        let today = today()
        let checked = try await NIOThreadPool.singleton.runIfActive {
            try Self.validate(String(decoding: csv, as: UTF8.self), today: today, progress: progress)
        }
        var errors = checked.errors
        let valid = checked.valid
        let stagedRows = valid
        let imported: Int = try await database.withSession(principal) { session in
            try await session.query("""
                CREATE TEMP TABLE worker_import (
                    line integer, name text, id_number text, sex text, birth_date date, phone text, hukou text, employer text,
                    occupation text, membership_status text, member_since date, member_card_number text
                ) ON COMMIT DROP
                """)
            progress(.copying, 0, stagedRows.count)
            _ = try await session.connection.copyIn("COPY worker_import FROM STDIN") { writer in
                var chunk = ""
                for (index, row) in stagedRows.enumerated() {
                    let fields = row.fields
                    chunk += PQCopyText.row([
                        String(row.line), fields.name, fields.idNumber.value, fields.idNumber.sex.rawValue, fields.idNumber.birthDate.description,
                        fields.phone, fields.hukou?.rawValue, fields.employer, fields.occupation, fields.membershipStatus.rawValue,
                        fields.memberSince?.description, fields.memberCardNumber,
                    ])
                    if chunk.utf8.count > 64 * 1024 {
                        try writer.write(chunk)
                        chunk = ""
                        progress(.copying, index + 1, stagedRows.count)
                    }
                }
                if !chunk.isEmpty { try writer.write(chunk) }
            }
            progress(.copying, stagedRows.count, stagedRows.count)
            // Registered anywhere in the area: the answer names no office.
            let taken = try await session.query("""
                SELECT s.line FROM worker_import s WHERE s.id_number IN (SELECT registered_id_numbers(array_agg(id_number)) FROM worker_import)
                ORDER BY s.line
                """).rows.map { try $0.decode(Int32.self, at: 0) }
            for line in taken {
                errors.append(RowError(line: Int(line), field: "id_number", message: "is already registered", messageZH: "该身份证号已登记"))
            }
            errors.sort { ($0.line, $0.field) < ($1.line, $1.field) }
            if !errors.isEmpty && !skipInvalid { return 0 }
            progress(.inserting, 0, stagedRows.count)
            let bad = Array(Set(errors.map { Int32($0.line) }))
            let inserted = try await session.query("""
                INSERT INTO workers (office_id, name, id_number, sex, birth_date, phone, hukou, employer, occupation,
                                     membership_status, member_since, member_card_number, created_by)
                SELECT \(office), name, id_number, sex, birth_date, phone, hukou, employer, occupation,
                       membership_status, member_since, member_card_number, \(principal.userID)
                FROM worker_import WHERE NOT (line = ANY (\(bad.map(Int.init))::int[]))
                """).affectedRows
            progress(.inserting, inserted, stagedRows.count)
            return inserted
        }
        return Report(rows: checked.rows, imported: imported, errors: errors)
    }

    static func validate(_ csv: String, today: CalendarDate, progress: (Phase, Int, Int) -> Void) throws -> Validated {
        let records: [WorkerCSV.Record]
        do {
            records = try WorkerCSV.parse(csv)
        } catch {
            throw ValidationFailure([FieldError(field: "file", code: "bad_csv", message: Self.describe(error), messageZH: "CSV 文件格式错误")])
        }
        var result = Validated(rows: records.count)
        var seen: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            do {
                let fields = try WorkerFields(record.input, today: today)
                if let first = seen[fields.idNumber.value] {
                    result.errors.append(RowError(line: record.line, field: "id_number", message: "repeats line \(first)",
                                                  messageZH: "与第\(first)行重复"))
                } else {
                    seen[fields.idNumber.value] = record.line
                    result.valid.append((record.line, fields))
                }
            } catch {
                result.errors += error.errors.map { RowError(line: record.line, field: $0.field, message: $0.message, messageZH: $0.messageZH) }
            }
            if index % 1000 == 0 { progress(.validating, index, records.count) }
        }
        progress(.validating, records.count, records.count)
        return result
    }

    static func describe(_ error: WorkerCSV.ParseError) -> String {
        switch error {
        case .missingHeader: "the file has no header row"
        case .unknownColumns(let names): "unknown columns: \(names.joined(separator: ", "))"
        case .missingColumns(let names): "missing columns: \(names.joined(separator: ", "))"
        case .unterminatedQuote(let line): "a quote opened on line \(line) is never closed"
        }
    }
}

extension WorkerStore {
    /// Every worker in scope (or in `office`) as CSV text, in name order. ID numbers are masked
    /// for roles without need.
    package func exportCSV(_ principal: Principal, office: Office.ID?) async throws -> String {
        try Policy.require(principal, .readBranchData, office: office)
        var query: PQQuery = "\(Self.select)"
        if let office { query.append(" WHERE w.office_id = \(office)") }
        query.append(" ORDER BY w.name COLLATE \"C\", w.id")
        let workers = try await database.withSession(principal, readOnly: true) { session in
            try await session.query(query).map(Self.worker)
        }
        var csv = WorkerCSV.header
        for worker in workers {
            csv += WorkerCSV.line(worker, idNumber: principal.role.seesFullIDNumbers ? worker.idNumber : ResidentID.mask(worker.idNumber))
        }
        return csv
    }
}
