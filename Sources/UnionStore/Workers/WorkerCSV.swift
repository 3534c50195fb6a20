import Foundation
import UnionDomain

/// The worker CSV format shared by import and export: a header row (English codes or the
/// Chinese headers of `WorkerRoster`), RFC 4180 quoting, CRLF line ends and a BOM on export
/// (Excel opens it as UTF-8). Import reads what `RosterText` decoded.
package enum WorkerCSV {
    /// Header language of an export.
    package enum Headers: String, Sendable, CaseIterable {
        case en, zh
    }

    /// One parsed record and the line it started on (the header is line 1), with what the
    /// roster rules converted and the errors that make it unusable before validation.
    package struct Record: Sendable {
        package let line: Int
        package let input: WorkerInput
        package var notices: [WorkerRoster.Notice] = []
        package var errors: [FieldError] = []
    }

    package enum ParseError: Error, Equatable {
        case missingHeader
        case unknownColumns([String])
        case missingColumns([String])
        case unterminatedQuote(line: Int)
    }

    /// Splits CSV text into rows of fields, each with its starting line.
    static func rows(_ text: String) throws(ParseError) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = iterator.next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                continue
            case "\n":
                fields.append(field)
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowStart, fields)) }
                fields = []
                field = ""
                line += 1
                rowStart = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: rowStart) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append((rowStart, fields))
        }
        return rows
    }

    /// Parses a whole file into records keyed by header names (any order, English or Chinese;
    /// unknown columns are an error so a typo doesn't silently drop data). Rows with nothing
    /// in them (Excel's trailing `,,,,`) are skipped.
    package static func parse(_ text: String) throws(ParseError) -> [Record] {
        let rows = try rows(text)
        guard let headerCells = rows.first?.fields else { throw .missingHeader }
        let header = headerCells.map(WorkerRoster.column(named:))
        let unknown = zip(headerCells, header).filter { $0.1 == nil }.map { $0.0.trimmingCharacters(in: .whitespaces) }
        if !unknown.isEmpty { throw .unknownColumns(unknown) }
        let codes = header.compactMap { $0?.code }
        let missing = WorkerRoster.required.filter { !codes.contains($0) }
        if !missing.isEmpty { throw .missingColumns(missing) }
        return rows.dropFirst().compactMap { row in
            guard row.fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
            var cells: [String: String] = [:]
            for (index, code) in codes.enumerated() where index < row.fields.count { cells[code] = row.fields[index] }
            let converted = WorkerRoster.input(cells)
            return Record(line: row.line, input: converted.input, notices: converted.notices, errors: converted.errors)
        }
    }

    /// The export's columns: the registry's own, then (for readers with more than one branch in
    /// scope) the branch, the hardship tier and the model-worker flag.
    package static func columns(areaWide: Bool) -> [WorkerRoster.Column] {
        WorkerRoster.columns.filter { !$0.informational || areaWide || $0.code == "hardship_tier" || $0.code == "is_model_worker" }
    }

    package static func header(_ columns: [WorkerRoster.Column], headers: Headers) -> String {
        "\u{FEFF}" + columns.map { headers == .zh ? $0.chinese : $0.code }.joined(separator: ",") + "\r\n"
    }

    /// One CSV line for a worker. `idNumber` and `birthDate` are what the reader may see (masked
    /// or not); with Chinese headers the values are the Chinese words too, which import reads back.
    package static func line(_ worker: Worker, office: (code: String, name: String)?, idNumber: String, birthDate: String,
                             columns: [WorkerRoster.Column], headers: Headers) -> String {
        func label<E: ChineseLabelled>(_ value: E?) -> String {
            guard let value else { return "" }
            return headers == .zh ? value.chineseLabel : value.rawValue
        }
        return columns.map { column -> String in
            switch column.code {
            case "name": worker.name
            case "id_number": idNumber
            case "sex": label(worker.sex)
            case "birth_date": birthDate
            case "phone": worker.phone ?? ""
            case "hukou": label(worker.hukou)
            case "employer": worker.employer ?? ""
            case "occupation": worker.occupation ?? ""
            case "membership_status": label(worker.membershipStatus)
            case "member_since": worker.memberSince?.description ?? ""
            case "member_card_number": worker.memberCardNumber ?? ""
            case "office_code": office?.code ?? ""
            case "office_name": office?.name ?? ""
            case "hardship_tier": label(worker.hardshipTier)
            case "is_model_worker": worker.isModelWorker ? (headers == .zh ? "是" : "true") : (headers == .zh ? "否" : "false")
            default: ""
            }
        }.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ value: String) -> String {
        // Quote what needs it, and anything a spreadsheet would read as a formula.
        let needs = value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || value.first.map { "=+-@".contains($0) } == true
        return needs ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
