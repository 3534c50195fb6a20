import Foundation
import UnionTestSupport

/// A throwaway PostgreSQL cluster for one test, in a folder of its own under the temporary
/// directory named after the test cluster's port (scripts/test.sh removes what an interrupted
/// run left there). It listens on no TCP address, only on a socket in that folder, so its port is
/// just a name and can't collide with another cluster's. `with` stops every server started in
/// the folder and removes it afterwards, whatever happened.
struct ScratchCluster: Sendable {
    let folder: URL
    let port: Int

    var data: URL { folder.appendingPathComponent("data") }
    var socket: String { folder.appendingPathComponent("run").path }

    func conninfo(user: String = "postgres", database: String = "postgres", port: Int? = nil) -> String {
        "host='\(socket)' port=\(port ?? self.port) user=\(user) dbname=\(database)"
    }

    /// `settings` are postgresql.conf lines, given the cluster's folder (for paths inside it).
    static func with<T: Sendable>(port: Int, settings: (URL) -> [String] = { _ in [] },
                                  _ body: (ScratchCluster) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("unionhall-scratch-\(TestCluster.port)-\(UUID().uuidString.prefix(8).lowercased())", isDirectory: true)
        let cluster = ScratchCluster(folder: folder, port: port)
        do {
            try ClusterUser.makeFolder(folder)
            try ClusterUser.makeFolder(folder.appendingPathComponent("run"))
            try await ClusterUser.run(try await PostgresBin.program("initdb"), [
                "-D", cluster.data.path, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            ])
            try cluster.configure(cluster.data, port: port, settings(folder))
            try await cluster.start(cluster.data)
            let value = try await body(cluster)
            await cluster.destroy()
            return value
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    /// Appends settings to a data folder's postgresql.conf (later lines win).
    func configure(_ data: URL, port: Int, _ settings: [String]) throws {
        let lines = [
            "", "# a UnionHall test's scratch cluster",
            "listen_addresses = ''", "port = \(port)", "unix_socket_directories = '\(socket)'",
            "max_connections = 30", "shared_buffers = 32MB", "fsync = off", "timezone = 'UTC'",
        ] + settings
        let handle = try FileHandle(forWritingTo: data.appendingPathComponent("postgresql.conf"))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    func start(_ data: URL) async throws {
        try await ClusterUser.run(try await PostgresBin.program("pg_ctl"), [
            "-D", data.path, "-l", data.path + ".log", "-w", "-t", "120", "start",
        ])
    }

    /// Stops every server whose data folder is in this cluster's folder, then removes it.
    func destroy() async {
        let entries = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        if let pgCtl = try? await PostgresBin.program("pg_ctl") {
            for data in entries where FileManager.default.fileExists(atPath: data.appendingPathComponent("postmaster.pid").path) {
                _ = try? await ClusterUser.run(pgCtl, ["-D", data.path, "-m", "immediate", "-w", "stop"])
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }
}
