import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 request on a connection of its own (`Connection: close`), over a plain
/// blocking socket, so a test can tell apart what a client library would blur: a connection
/// refused before anything was sent, a reply lost after the request went out, and a reply.
enum RawHTTP {
    enum Outcome: Sendable, CustomStringConvertible {
        /// `connect` was refused: the request never left the client.
        case refused
        /// The request was sent (at least in part) and no whole reply came back.
        case replyLost(String)
        case response(status: Int, headers: [String: String], body: String)

        var status: Int? {
            if case .response(let status, _, _) = self { return status }
            return nil
        }

        var body: String? {
            if case .response(_, _, let body) = self { return body }
            return nil
        }

        var description: String {
            switch self {
            case .refused: "refused"
            case .replyLost(let why): "reply lost (\(why))"
            case .response(let status, _, let body): "\(status) \(body.prefix(300))"
            }
        }
    }

    /// Runs the blocking exchange on a GCD thread, never on the cooperative pool.
    static func send(port: Int, _ method: String, _ path: String, token: String? = nil,
                     headers: [(String, String)] = [], body: String? = nil) async -> Outcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: exchange(port: port, method: method, path: path, token: token, headers: headers, body: body))
            }
        }
    }

    private static func exchange(port: Int, method: String, path: String, token: String?,
                                 headers: [(String, String)], body: String?) -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .replyLost("socket: errno \(errno)") }
        defer { close(fd) }
        // A reply that never comes must not hang the test run.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 {
            let code = errno
            return code == ECONNREFUSED ? .refused : .replyLost("connect: errno \(code)")
        }
        let payload = Array((body ?? "").utf8)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if body != nil { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(payload.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n").utf8) + payload
        var offset = 0
        while offset < request.count {
            let written = request[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return .replyLost("send: errno \(errno)") }
            offset += written
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            if count < 0 { return .replyLost("recv: errno \(errno) after \(received.count) bytes") }
            received.append(contentsOf: buffer[0..<count])
        }
        return parse(received)
    }

    private static func parse(_ bytes: [UInt8]) -> Outcome {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let split = bytes.firstRange(of: separator) else { return .replyLost("\(bytes.count) bytes, no complete head") }
        let head = String(decoding: bytes[..<split.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return .replyLost("bad status line") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            guard let decoded = dechunk(body) else { return .replyLost("incomplete chunked body") }
            body = decoded
        } else if let length = headers["content-length"].flatMap(Int.init) {
            guard body.count >= length else { return .replyLost("body of \(body.count) of \(length) bytes") }
            body = Array(body.prefix(length))
        }
        return .response(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }

    /// nil unless the last (empty) chunk arrived.
    private static func dechunk(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var index = 0
        let lineEnd: [UInt8] = [13, 10]
        while true {
            guard let end = bytes[index...].firstRange(of: lineEnd) else { return nil }
            let sizeText = String(decoding: bytes[index..<end.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            index = end.upperBound
            if size == 0 { return output }
            guard bytes.count >= index + size + 2 else { return nil }
            output.append(contentsOf: bytes[index..<(index + size)])
            index += size + 2
        }
    }
}
