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
        /// What the roster rules changed on the way in (a 15-digit ID number made 18), by line.
        package let notices: [RowError]
        /// How the file's bytes were read.
        package let encoding: RosterText.Encoding
    }

    package enum Phase: Sendable { case validating, copying, inserting }

    /// The rows of a file that passed the domain's checks, and the errors of those that didn't.
    struct Validated: Sendable {
        var rows = 0
        var valid: [(line: Int, fields: WorkerFields)] = []
        var errors: [RowError] = []
        var notices: [RowError] = []
        var encoding = RosterText.Encoding.utf8
    }

    /// Imports the roster file `csv` into `office`: UTF-8, GBK/GB18030 or UTF-16 (see
    /// `RosterText`; `encoding` when the sender named one), English or Chinese headers. `progress` hears (phase, rows done,
    /// rows in all). Parsing and validation run on `NIOThreadPool.singleton`, never on the
    /// caller's executor: on the server that is an event loop, and a 64 MiB file would stall
    /// every other connection on it.
    package func run(_ principal: Principal, office: Office.ID, csv: [UInt8], encoding: RosterText.Encoding? = nil, skipInvalid: Bool,
                     progress: @escaping @Sendable (Phase, Int, Int) -> Void = { _, _, _ in }) async throws -> Report {
        try Policy.require(principal, .writeBranchData, office: office)
        let today = today()
        let checked = try await NIOThreadPool.singleton.runIfActive {
            try Self.validate(csv, encoding: encoding, today: today, progress: progress)
        }
        var errors = checked.errors
        let valid = checked.valid
        let stagedRows = valid
        let imported: Int = try await database.withSession(principal) { session in
            try await WorkerStore.requireBranch(session, office)
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
            let cardsTaken = try await session.query("""
                SELECT s.line FROM worker_import s
                WHERE s.member_card_number IN (SELECT registered_member_card_numbers(array_agg(member_card_number)) FROM worker_import)
                ORDER BY s.line
                """).rows.map { try $0.decode(Int32.self, at: 0) }
            for line in cardsTaken {
                errors.append(RowError(line: Int(line), field: "member_card_number", message: "is already in use", messageZH: "该会员证号已被使用"))
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
        return Report(rows: checked.rows, imported: imported, errors: errors, notices: checked.notices, encoding: checked.encoding)
    }

    static func validate(_ bytes: [UInt8], encoding: RosterText.Encoding?, today: CalendarDate,
                         progress: (Phase, Int, Int) -> Void) throws -> Validated {
        let (text, used) = try RosterText.decode(bytes, declared: encoding)
        let records: [WorkerCSV.Record]
        do {
            records = try WorkerCSV.parse(text)
        } catch {
            throw ValidationFailure([FieldError(field: "file", code: "bad_csv", message: Self.describe(error), messageZH: Self.describeZH(error))])
        }
        var result = Validated(rows: records.count, encoding: used)
        var seen: [String: Int] = [:]
        var seenCards: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            result.notices += record.notices.map { RowError(line: record.line, field: $0.field, message: $0.message, messageZH: $0.messageZH) }
            guard record.errors.isEmpty else {
                result.errors += record.errors.map { RowError(line: record.line, field: $0.field, message: $0.message, messageZH: $0.messageZH) }
                continue
            }
            do {
                let fields = try WorkerFields(record.input, today: today)
                var repeated = false
                if let first = seen[fields.idNumber.value] {
                    result.errors.append(RowError(line: record.line, field: "id_number", message: "repeats line \(first)",
                                                  messageZH: "与第\(first)行重复"))
                    repeated = true
                } else {
                    seen[fields.idNumber.value] = record.line
                }
                // Card numbers are unique area-wide too: the first line with one keeps it.
                if let card = fields.memberCardNumber {
                    if let first = seenCards[card] {
                        result.errors.append(RowError(line: record.line, field: "member_card_number", message: "repeats line \(first)",
                                                      messageZH: "会员证号与第\(first)行重复"))
                        repeated = true
                    } else {
                        seenCards[card] = record.line
                    }
                }
                if !repeated { result.valid.append((record.line, fields)) }
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

    static func describeZH(_ error: WorkerCSV.ParseError) -> String {
        switch error {
        case .missingHeader: "文件没有表头行"
        case .unknownColumns(let names): "无法识别的列：\(names.joined(separator: "、"))"
        case .missingColumns(let names): "缺少必填列：\(names.joined(separator: "、"))"
        case .unterminatedQuote(let line): "第\(line)行的引号没有闭合"
        }
    }
}

extension WorkerStore {
    /// Every worker in scope (or in `office`) as CSV text, in name order. ID numbers and birth
    /// dates are masked for roles without need. Readers with more than one branch in scope get
    /// each worker's branch (code and name) too.
    package func exportCSV(_ principal: Principal, office: Office.ID?, headers: WorkerCSV.Headers = .en) async throws -> String {
        try Policy.require(principal, .readBranchData, office: office)
        let areaWide = office == nil && principal.scope.count > 1
        var query: PQQuery = """
            SELECT w.id, w.office_id, w.name, w.id_number, w.sex, w.birth_date, w.phone, w.hukou, w.employer, w.occupation,
                   w.membership_status, w.member_since, w.member_card_number, w.is_model_worker, w.hardship_tier, o.code, o.name,
                   w.employer_id
            FROM workers w JOIN offices o ON o.id = w.office_id
            """
        if let office { query.append(" WHERE w.office_id = \(office)") }
        query.append(" ORDER BY w.name COLLATE \"C\", w.id")
        let rows = try await database.withSession(principal, readOnly: true) { session in
            try await session.query(query).map { row -> (Worker, code: String, name: String) in
                (try Self.worker(row), try row.decode(String.self, at: 15), try row.decode(String.self, at: 16))
            }
        }
        let columns = WorkerCSV.columns(areaWide: areaWide)
        var csv = WorkerCSV.header(columns, headers: headers)
        for (worker, code, name) in rows {
            let identity = VisibleIdentity(idNumber: worker.idNumber, birthDate: worker.birthDate, for: principal.role)
            csv += WorkerCSV.line(worker, office: (code, name), idNumber: identity.idNumber, birthDate: identity.birthDateText,
                                  columns: columns, headers: headers)
        }
        return csv
    }
}
